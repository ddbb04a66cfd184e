import { reserveRightEdge } from '../../dom/reserve';
import type { SiteAdapter } from '../contact';
import { detectGmailContact, findGmailComposeRoots, findGmailObservedRoot, gmailLayoutUnrecognized } from './detect';
import { insertLinkIntoCompose } from './insert';
import { GMAIL } from './selectors';

export const gmailSite: SiteAdapter = {
  id: 'gmail',
  findObservedRoot: findGmailObservedRoot,
  findExtraRoots: findGmailComposeRoots,
  watchedAttributes: ['email', 'data-hovercard-id'],
  insertLink: insertLinkIntoCompose,
  layoutUnrecognized: gmailLayoutUnrecognized,
  detect: (doc, url) => detectGmailContact(doc, url),
  /** Gmail fills the viewport; narrowing its root element keeps every Gmail control clear of the sidebar. */
  reserveSpace: (doc, widthPx) => reserveRightEdge(doc, widthPx, { fixedBars: [GMAIL.composeDock.css] }),
};
