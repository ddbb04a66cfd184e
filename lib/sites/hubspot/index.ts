import { reserveRightEdge } from '../../dom/reserve';
import type { SiteAdapter } from '../contact';
import { detectHubspotContact, findHubspotObservedRoot, hubspotLayoutUnrecognized } from './detect';

/** `extraHosts`: custom hosts (options page) this adapter also serves besides HubSpot's app hosts. */
export function createHubspotSite(extraHosts: readonly string[] = []): SiteAdapter {
  return {
    id: 'hubspot',
    findObservedRoot: findHubspotObservedRoot,
    layoutUnrecognized: (doc, url) => hubspotLayoutUnrecognized(doc, url, extraHosts),
    detect: (doc, url) => detectHubspotContact(doc, url, extraHosts),
    reserveSpace: (doc, widthPx) => reserveRightEdge(doc, widthPx),
  };
}

export const hubspotSite: SiteAdapter = createHubspotSite();
