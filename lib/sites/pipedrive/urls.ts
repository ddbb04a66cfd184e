/**
 * Pipedrive person pages (see ../shared/sites/crm.md): `https://<company>.pipedrive.com/person/<id>` (also
 * `app.pipedrive.com`). Organizations (`/organization/<id>`), deals (`/deal/<id>`) and leads (`/leads/inbox/<uuid>`)
 * are not people.
 */

/** Company subdomains; www and the developer site are Pipedrive's own pages. */
const APP_HOST = /^(?!www\.|developers\.)[a-z0-9][a-z0-9-]*\.pipedrive\.com$/;
const PERSON = /^\/person\/(\d{1,15})\/?$/;

/** `extraHosts`: custom hosts the user said serve Pipedrive (options page → custom CRM domains). */
export function isPipedriveApp(url: URL, extraHosts: readonly string[] = []): boolean {
  return url.protocol === 'https:' && (APP_HOST.test(url.hostname) || extraHosts.includes(url.hostname));
}

/** The person id of a person page, or null. */
export function pipedrivePersonId(url: URL, extraHosts: readonly string[] = []): string | null {
  if (!isPipedriveApp(url, extraHosts)) return null;
  return PERSON.exec(url.pathname)?.[1] ?? null;
}

export function isPipedrivePersonUrl(url: URL, extraHosts: readonly string[] = []): boolean {
  return pipedrivePersonId(url, extraHosts) !== null;
}
