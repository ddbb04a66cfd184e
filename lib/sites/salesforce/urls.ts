import { toSalesforceId18 } from '../../crm/salesforce-id';

/**
 * Salesforce Lightning record pages (see ../shared/sites/crm.md): `<my domain>.lightning.force.com/lightning/r/
 * (Contact|Lead)/<id>/view`, also the short `/lightning/r/<id>/view` where the id's key prefix names the object
 * (`003` Contact, `00Q` Lead). Sandboxes and scratch orgs live under the same suffix.
 */

export type SalesforceObject = 'contact' | 'lead';

export interface SalesforceRecordRef {
  objectType: SalesforceObject;
  /** Always the 18-character, case-insensitive form, so a record matches whichever form a page or export used. */
  id: string;
}

const LIGHTNING_HOST = /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.lightning\.force\.com$/;
const RECORD = /^\/lightning\/r\/(?:(Contact|Lead)\/)?([a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?)\/view\/?$/;
const PREFIX: Record<string, SalesforceObject> = { '003': 'contact', '00Q': 'lead' };

export { toSalesforceId18 };

/** `extraHosts`: custom hosts the user said serve Salesforce, such as a My Domain outside lightning.force.com. */
export function isLightningApp(url: URL, extraHosts: readonly string[] = []): boolean {
  return url.protocol === 'https:' && (LIGHTNING_HOST.test(url.hostname) || extraHosts.includes(url.hostname));
}

/** The Contact or Lead record a Lightning page shows, or null for any other page. */
export function salesforceRecord(url: URL, extraHosts: readonly string[] = []): SalesforceRecordRef | null {
  if (!isLightningApp(url, extraHosts)) return null;
  const match = RECORD.exec(url.pathname);
  if (!match) return null;
  const [, objectName, rawId] = match;
  // Standard objects have fixed key prefixes: the id must be a contact's or a lead's, and agree with the path.
  const objectType = PREFIX[rawId!.slice(0, 3)];
  if (!objectType || (objectName && objectName.toLowerCase() !== objectType)) return null;
  return { objectType, id: toSalesforceId18(rawId!) };
}

export function isSalesforceRecordUrl(url: URL, extraHosts: readonly string[] = []): boolean {
  return salesforceRecord(url, extraHosts) !== null;
}
