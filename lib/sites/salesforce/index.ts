import { reserveRightEdge } from '../../dom/reserve';
import type { SiteAdapter } from '../contact';
import { detectSalesforceContact, findSalesforceObservedRoot, salesforceLayoutUnrecognized } from './detect';

/** `extraHosts`: custom hosts (options page, e.g. a My Domain) this adapter also serves besides `*.lightning.force.com`. */
export function createSalesforceSite(extraHosts: readonly string[] = []): SiteAdapter {
  return {
    id: 'salesforce',
    findObservedRoot: findSalesforceObservedRoot,
    // Going back to a cached tab only moves the `active` class between page hosts: no node is added or removed.
    watchedAttributes: ['class'],
    layoutUnrecognized: (doc, url) => salesforceLayoutUnrecognized(doc, url, extraHosts),
    detect: (doc, url) => detectSalesforceContact(doc, url, extraHosts),
    reserveSpace: (doc, widthPx) => reserveRightEdge(doc, widthPx),
  };
}

export const salesforceSite: SiteAdapter = createSalesforceSite();
