import { reserveRightEdge } from '../../dom/reserve';
import type { SiteAdapter } from '../contact';
import { detectSalesforceContact, findSalesforceObservedRoot, salesforceLayoutUnrecognized } from './detect';

export const salesforceSite: SiteAdapter = {
  id: 'salesforce',
  findObservedRoot: findSalesforceObservedRoot,
  // Going back to a cached tab only moves the `active` class between page hosts: no node is added or removed.
  watchedAttributes: ['class'],
  layoutUnrecognized: salesforceLayoutUnrecognized,
  detect: detectSalesforceContact,
  reserveSpace: (doc, widthPx) => reserveRightEdge(doc, widthPx),
};
