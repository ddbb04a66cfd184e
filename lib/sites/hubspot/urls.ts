/**
 * HubSpot contact records (see ../shared/sites/crm.md): `app.hubspot.com` and the regional hosts
 * (`app-eu1.hubspot.com`, `app-na2.hubspot.com`, …); the current `/contacts/<portal>/record/0-1/<id>` and the
 * legacy `/contacts/<portal>/contact/<id>`. `0-1` is HubSpot's object type id for contacts (companies are `0-2`,
 * deals `0-3`, tickets `0-5`).
 */

export interface HubspotRecordRef {
  portalId: string;
  id: string;
}

const APP_HOST = /^app(?:-[a-z]{2,3}\d{1,2})?\.hubspot\.com$/;
/** Anything after the id (a tab, a view) still shows the same record. */
const CONTACT_RECORD = /^\/contacts\/(\d{1,20})\/(?:record\/0-1|contact)\/(\d{1,20})(?:\/.*)?$/;

/** `extraHosts`: custom hosts the user said serve HubSpot (options page → custom CRM domains). */
export function isHubspotApp(url: URL, extraHosts: readonly string[] = []): boolean {
  return url.protocol === 'https:' && (APP_HOST.test(url.hostname) || extraHosts.includes(url.hostname));
}

/** The portal and contact id of a contact record page, or null. */
export function hubspotContactRecord(url: URL, extraHosts: readonly string[] = []): HubspotRecordRef | null {
  if (!isHubspotApp(url, extraHosts)) return null;
  const match = CONTACT_RECORD.exec(url.pathname);
  return match ? { portalId: match[1]!, id: match[2]! } : null;
}

export function isHubspotContactRecordUrl(url: URL, extraHosts: readonly string[] = []): boolean {
  return hubspotContactRecord(url, extraHosts) !== null;
}
