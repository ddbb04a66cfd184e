/**
 * Settings that change what the site adapters see: the team's own email domains (Gmail: never the prospect) and the
 * custom CRM hosts (a self-hosted or vanity domain serving HubSpot, Salesforce or Pipedrive pages).
 *
 * The background owns them in `storage.local` under these keys and writes them only after a zod parse
 * (./settings-schema.ts); content scripts read them straight from `storage.local` with the tolerant readers below,
 * which keep zod out of their bundles. The checks that give the user clear messages live here too, without zod,
 * so the options page, the background's schema and the unit tests share one set of rules.
 */

export const TEAM_DOMAINS_KEY = 'teamDomains';
export const CUSTOM_CRM_HOSTS_KEY = 'customCrmHosts';

export const TEAM_DOMAINS_MAX = 50;
export const CUSTOM_CRM_HOSTS_MAX = 20;

export type CrmSiteId = 'hubspot' | 'salesforce' | 'pipedrive';
export const CRM_SITES: readonly CrmSiteId[] = ['hubspot', 'salesforce', 'pipedrive'];
export const CRM_SITE_NAMES: Record<CrmSiteId, string> = { hubspot: 'HubSpot', salesforce: 'Salesforce', pipedrive: 'Pipedrive' };

/** A host the user said serves one CRM's pages. */
export interface CustomCrmHost {
  site: CrmSiteId;
  host: string;
}

/** Personal mailbox domains: never a team's own (adding one would hide every prospect writing from it). */
export const PERSONAL_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'yahoo.com',
  'icloud.com',
  'me.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.de',
  'gmx.net',
  'web.de',
]);

/** Hosts the content scripts already cover (their static `matches`): a custom host must be none of these. */
const BUILT_IN_HOSTS: readonly { test: (host: string) => boolean; pattern: string }[] = [
  { test: (h) => h === 'hubspot.com' || h.endsWith('.hubspot.com'), pattern: '*.hubspot.com' },
  { test: (h) => h.endsWith('.lightning.force.com'), pattern: '*.lightning.force.com' },
  { test: (h) => h === 'pipedrive.com' || h.endsWith('.pipedrive.com'), pattern: '*.pipedrive.com' },
  { test: (h) => h === 'mail.google.com', pattern: 'mail.google.com' },
  { test: (h) => h === 'linkedin.com' || h.endsWith('.linkedin.com'), pattern: 'www.linkedin.com' },
];

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Why `name` is not a domain name (ASCII, as `URL` writes it), or null when it is one. */
export function domainNameProblem(name: string): string | null {
  if (name.length === 0) return 'Enter a domain name';
  if (name.length > 253) return `${name.slice(0, 40)}… is too long for a domain name`;
  const labels = name.split('.');
  if (labels.length < 2) return `${name} is not a full domain name: add its ending, such as .com`;
  if (labels.some((label) => !LABEL.test(label))) return `${name} is not a valid domain name (letters, digits and hyphens between dots)`;
  if (!/^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/.test(labels[labels.length - 1]!)) return `${name} does not end in a known kind of top-level domain`;
  return null;
}

/** The ASCII form of a hostname (`bücher.example` → `xn--bcher-kva.example`), or null if it cannot be one. */
function asciiHost(name: string): string | null {
  try {
    const url = new URL(`https://${name}/`);
    return url.hostname === '' || url.username || url.port ? null : url.hostname;
  } catch {
    return null;
  }
}

export type Checked<K extends string> = ({ ok: true } & Record<K, string>) | { ok: false; error: string };

/**
 * What a user typed as one of the team's email domains → the domain, or a message saying what to change.
 * `@partner.example` and upper case are accepted; an address, a web address or a wildcard is explained.
 */
export function checkTeamDomain(input: string, existing: readonly string[] = []): Checked<'domain'> {
  let value = input.trim().toLowerCase().replace(/^@/, '').replace(/\.$/, '');
  if (value === '') return { ok: false, error: 'Enter a domain, such as partner-agency.com' };
  if (value.includes('@')) return { ok: false, error: `Enter only the part after @ (${value.slice(value.lastIndexOf('@') + 1) || 'the domain'})` };
  if (value.includes('://') || value.includes('/')) return { ok: false, error: 'Enter a domain such as partner-agency.com, not a web address' };
  if (value.includes('*')) return { ok: false, error: 'No wildcards: list each email domain as it appears after @' };
  if (/\s/.test(value)) return { ok: false, error: 'A domain has no spaces' };
  value = asciiHost(value) ?? value;
  const problem = domainNameProblem(value);
  if (problem) return { ok: false, error: problem };
  if (PERSONAL_MAIL_DOMAINS.has(value))
    return { ok: false, error: `${value} is a personal mailbox domain: every prospect writing from it would be hidden` };
  if (existing.includes(value)) return { ok: false, error: `${value} is already in the list` };
  return { ok: true, domain: value };
}

/**
 * What a user typed as a custom CRM host → the exact host, or a message saying what to change. A pasted https
 * address is reduced to its host; http, ports, wildcards and the hosts Lens already covers are refused.
 */
export function checkCrmHost(input: string, existing: readonly CustomCrmHost[] = []): Checked<'host'> {
  let value = input.trim().toLowerCase();
  if (value === '') return { ok: false, error: 'Enter the host your CRM runs on, such as crm.example.com' };
  if (value.startsWith('http://')) return { ok: false, error: 'Lens reads CRM pages over https:// only' };
  if (value.includes('://') && !value.startsWith('https://')) return { ok: false, error: 'Enter an https:// address or just the host' };
  if (value.includes('*')) return { ok: false, error: 'No wildcards: enter the one host your CRM runs on' };
  if (value.includes('@')) return { ok: false, error: 'Enter the host your CRM runs on, not an email address' };
  value = value.replace(/^https:\/\//, '').split(/[/?#]/)[0]!.replace(/\.$/, '');
  if (/:\d*$/.test(value)) return { ok: false, error: 'Lens works with CRM hosts on the standard https port only (no :port)' };
  const host = asciiHost(value);
  if (!host) return { ok: false, error: `${value || input.trim()} is not a host name` };
  const problem = domainNameProblem(host);
  if (problem) return { ok: false, error: problem };
  const builtIn = BUILT_IN_HOSTS.find((b) => b.test(host));
  if (builtIn) return { ok: false, error: `Lens already works on ${builtIn.pattern}: no need to add ${host}` };
  const taken = existing.find((h) => h.host === host);
  if (taken) return { ok: false, error: `${host} is already added for ${CRM_SITE_NAMES[taken.site]}` };
  return { ok: true, host };
}

/** The pattern a custom host is asked for and registered with: the exact https origin. */
export const crmHostPattern = (host: string) => `https://${host}/*`;

const isCrmSite = (value: unknown): value is CrmSiteId => typeof value === 'string' && (CRM_SITES as readonly string[]).includes(value);

/** The team's domains as stored; anything malformed is skipped (the background wrote it after a schema parse). */
export function teamDomainsFrom(stored: unknown): string[] {
  if (!Array.isArray(stored)) return [];
  return stored.filter((d): d is string => typeof d === 'string' && domainNameProblem(d) === null).slice(0, TEAM_DOMAINS_MAX);
}

/** The custom CRM hosts as stored; anything malformed is skipped. */
export function customCrmHostsFrom(stored: unknown): CustomCrmHost[] {
  if (!Array.isArray(stored)) return [];
  const out: CustomCrmHost[] = [];
  for (const item of stored.slice(0, CUSTOM_CRM_HOSTS_MAX)) {
    const { site, host } = (item ?? {}) as Record<string, unknown>;
    if (isCrmSite(site) && typeof host === 'string' && domainNameProblem(host) === null) out.push({ site, host });
  }
  return out;
}
