import { reserveRightEdge } from '../../dom/reserve';
import type { SiteAdapter } from '../contact';
import { detectHubspotContact, hubspotLayoutUnrecognized } from './detect';

export const hubspotSite: SiteAdapter = {
  id: 'hubspot',
  // HubSpot's app root has no hook either extension relies on: observe the body (callbacks only restart a timer).
  findObservedRoot: (doc) => doc.body,
  layoutUnrecognized: hubspotLayoutUnrecognized,
  detect: detectHubspotContact,
  reserveSpace: (doc, widthPx) => reserveRightEdge(doc, widthPx),
};
