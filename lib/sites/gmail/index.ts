import { reserveRightEdge } from '../../dom/reserve';
import type { SiteAdapter } from '../contact';
import { detectGmailContact, findGmailComposeRoots, findGmailObservedRoot, gmailLayoutUnrecognized } from './detect';
import { insertLinkIntoCompose } from './insert';
import { GMAIL } from './selectors';

/** Where the adapter reads the team's own email domains (options page), and hears that they changed. */
export interface TeamDomainsSource {
  current(): readonly string[];
  onChange(listener: () => void, signal: AbortSignal): void;
}

export function createGmailSite(team?: TeamDomainsSource): SiteAdapter {
  return {
    id: 'gmail',
    findObservedRoot: findGmailObservedRoot,
    findExtraRoots: findGmailComposeRoots,
    watchedAttributes: ['email', 'data-hovercard-id'],
    insertLink: insertLinkIntoCompose,
    layoutUnrecognized: gmailLayoutUnrecognized,
    detect: (doc, url) => detectGmailContact(doc, url, { ownDomains: team?.current() ?? [] }),
    ...(team ? { onSettingsChange: team.onChange } : {}),
    /** Gmail fills the viewport; narrowing its root element keeps every Gmail control clear of the sidebar. */
    reserveSpace: (doc, widthPx) => reserveRightEdge(doc, widthPx, { fixedBars: [GMAIL.composeDock.css] }),
  };
}

/** Gmail with no team domains beyond the signed-in account's own. */
export const gmailSite: SiteAdapter = createGmailSite();
