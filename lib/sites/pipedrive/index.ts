import { reserveRightEdge } from '../../dom/reserve';
import type { SiteAdapter } from '../contact';
import { detectPipedriveContact, pipedriveLayoutUnrecognized } from './detect';

export const pipedriveSite: SiteAdapter = {
  id: 'pipedrive',
  // No known stable app root: observe the body (callbacks only restart a timer).
  findObservedRoot: (doc) => doc.body,
  layoutUnrecognized: pipedriveLayoutUnrecognized,
  detect: detectPipedriveContact,
  reserveSpace: (doc, widthPx) => reserveRightEdge(doc, widthPx),
};
