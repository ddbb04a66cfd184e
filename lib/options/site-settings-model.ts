import { signal } from '@preact/signals';
import type { CrmHostsView } from '../background/crm-hosts';
import type { RequestFn } from '../messaging/client';
import { createActions, type Notice } from './action';
import { CRM_SITE_NAMES, checkCrmHost, checkTeamDomain, crmHostPattern, type CrmSiteId } from '../sites/settings';
import type { PermissionApi } from './model';



/**
 * The options page's "Your team's email domains" and "Custom CRM domains": state and actions (the components only
 * render them). Inputs are checked here with the same rules the background's schema applies (lib/sites/settings.ts),
 * so a mistake is explained before anything is sent.
 */
export function createSiteSettingsModel(request: RequestFn, permissions: PermissionApi) {
  const domains = signal<string[]>([]);
  const domainDraft = signal('');
  const domainError = signal<string | null>(null);
  const domainNotice = signal<Notice>(null);

  const crm = signal<CrmHostsView | null>(null);
  const hostDraft = signal('');
  const hostSite = signal<CrmSiteId>('pipedrive');
  const hostError = signal<string | null>(null);
  const hostNotice = signal<Notice>(null);
  /** Hosts whose permission prompt is open (it may never be answered: nothing waits on it). */
  const asking = signal<ReadonlySet<string>>(new Set());
  const { busy, act: run } = createActions();

  /** Each section reports on its own notice. */
  const act = (notice: typeof domainNotice, work: () => Promise<void>) => run(work, notice);
  const saveDomains = async (next: string[]) => {
    domains.value = (await request('team.saveDomains', { domains: next })).domains;
  };
  const refreshHosts = async () => {
    crm.value = await request('crmHosts.list', {});
  };

  /** Opens the browser's prompt for a host and refreshes the list when (if ever) it is answered. */
  const ask = (host: string) => {
    asking.value = new Set([...asking.value, host]);
    const done = () => {
      const next = new Set(asking.value);
      next.delete(host);
      asking.value = next;
      void refreshHosts().catch(() => undefined);
    };
    void permissions.request(crmHostPattern(host)).then(done, done);
  };

  return {
    domains,
    domainDraft,
    domainError,
    domainNotice,
    crm,
    hostDraft,
    hostSite,
    hostError,
    hostNotice,
    asking,
    busy,
    async load() {
      await act(domainNotice, async () => {
        domains.value = (await request('team.getDomains', {})).domains;
      });
      await act(hostNotice, refreshHosts);
    },
    addDomain() {
      domainNotice.value = null;
      const checked = checkTeamDomain(domainDraft.value, domains.value);
      domainError.value = checked.ok ? null : checked.error;
      if (!checked.ok) return Promise.resolve();
      return act(domainNotice, async () => {
        await saveDomains([...domains.value, checked.domain]);
        domainDraft.value = '';
        domainNotice.value = { kind: 'ok', text: `People at ${checked.domain} are now treated as your team, never as the prospect.` };
      });
    },
    removeDomain(domain: string) {
      domainNotice.value = null;
      return act(domainNotice, async () => {
        await saveDomains(domains.value.filter((d) => d !== domain));
        domainNotice.value = { kind: 'ok', text: `Removed ${domain}.` };
      });
    },
    /**
     * Saves the host, then asks for its permission (from the click that called this; the prompt is never waited on).
     * The background registers the site's content script as soon as the permission is there.
     */
    addHost() {
      hostNotice.value = null;
      const checked = checkCrmHost(hostDraft.value, crm.value?.hosts ?? []);
      hostError.value = checked.ok ? null : checked.error;
      if (!checked.ok) return Promise.resolve();
      const { host } = checked;
      const site = hostSite.value;
      return act(hostNotice, async () => {
        const granted = await permissions.contains(crmHostPattern(host));
        crm.value = await request('crmHosts.add', { site, host });
        hostDraft.value = '';
        if (granted) {
          hostNotice.value = { kind: 'ok', text: `Lens now reads ${CRM_SITE_NAMES[site]} pages on ${host}. Reload open tabs there.` };
        } else {
          hostNotice.value = { kind: 'ok', text: `Saved. Allow Lens to read ${host} in the browser's prompt; it works there once allowed.` };
          ask(host);
        }
      });
    },
    /** For a host saved without permission (the prompt was dismissed, or the permission withdrawn later). */
    askAgain: ask,
    removeHost(host: string) {
      hostNotice.value = null;
      return act(hostNotice, async () => {
        crm.value = await request('crmHosts.remove', { host });
        hostNotice.value = { kind: 'ok', text: `Removed ${host}: Lens no longer reads pages there.` };
      });
    },
  };
}

export type SiteSettingsModel = ReturnType<typeof createSiteSettingsModel>;
