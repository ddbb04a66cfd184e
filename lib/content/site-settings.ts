import { browser } from 'wxt/browser';
import type { TeamDomainsSource } from '../sites/gmail';
import {
  CUSTOM_CRM_HOSTS_KEY,
  TEAM_DOMAINS_KEY,
  customCrmHostsFrom,
  teamDomainsFrom,
  type CrmSiteId,
} from '../sites/settings';

/**
 * The settings the site adapters need, read straight from `storage.local` (content scripts may; the background is
 * the only writer and parsed them with zod first). The tolerant readers of lib/sites/settings.ts keep zod out of
 * the content scripts.
 */

/**
 * The team's own email domains: read once before the sidebar mounts, then kept current through
 * `storage.onChanged`, so a domain added in the options page takes effect in open Gmail tabs at once.
 */
export async function followTeamDomains(signal: AbortSignal): Promise<TeamDomainsSource> {
  let domains = teamDomainsFrom((await browser.storage.local.get(TEAM_DOMAINS_KEY))[TEAM_DOMAINS_KEY]);
  const listeners = new Set<() => void>();
  const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !(TEAM_DOMAINS_KEY in changes)) return;
    domains = teamDomainsFrom(changes[TEAM_DOMAINS_KEY]?.newValue);
    for (const listener of listeners) listener();
  };
  browser.storage.onChanged.addListener(onChanged);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(onChanged), { once: true });
  return {
    current: () => domains,
    onChange(listener, until) {
      listeners.add(listener);
      until.addEventListener('abort', () => listeners.delete(listener), { once: true });
    },
  };
}

/**
 * How a CRM content script learns that it runs on a custom host. The background registers the site's own built
 * script (`content-scripts/<site>.js`) for each custom host the user added and granted (lib/background/crm-hosts.ts);
 * that script then finds itself on a host outside its static `matches`. Only then does it read the user's list and
 * hand this host to the adapter's factory, so the adapter's URL checks accept it (the host must still be listed for
 * this very site: a registration left over from a removed host detects no one). On the site's own hosts nothing is
 * read and the adapter is the plain one.
 */
export async function customHostsForThisPage(site: CrmSiteId, isOwnHost: (url: URL) => boolean, url = new URL(location.href)): Promise<string[]> {
  if (isOwnHost(url)) return [];
  const listed = customCrmHostsFrom((await browser.storage.local.get(CUSTOM_CRM_HOSTS_KEY))[CUSTOM_CRM_HOSTS_KEY]);
  return listed.some((h) => h.site === site && h.host === url.hostname) ? [url.hostname] : [];
}
