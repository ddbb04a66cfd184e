import { CUSTOM_CRM_HOSTS_KEY, checkCrmHost, crmHostPattern, customCrmHostsFrom, type CustomCrmHost } from '../sites/settings';
import type { ParsedPayload } from '../messaging/protocol';
import type { LocalStore } from './team-domains';

/**
 * Custom CRM hosts (options page): a self-hosted or vanity domain serving HubSpot, Salesforce or Pipedrive pages.
 * The list lives in `storage.local`; for each host whose origin the user granted (optional host permission, asked
 * by the options page after saving), the site's own built content script is registered for that exact origin with
 * `scripting.registerContentScripts`. `sync` makes the registrations match the list and the granted origins; it runs
 * at every service-worker start (registrations persist, but the permission may have been withdrawn in
 * chrome://extensions), whenever a permission is added or removed, and after every change to the list.
 */

/** The parts of `chrome.scripting` used here (tests pass a fake). */
export interface ScriptingApi {
  getRegisteredContentScripts(): Promise<{ id: string; matches?: string[]; js?: string[] }[]>;
  registerContentScripts(scripts: CrmContentScript[]): Promise<void>;
  unregisterContentScripts(filter: { ids: string[] }): Promise<void>;
}

/** Host permissions for one match pattern. */
export interface OriginPermissions {
  contains(pattern: string): Promise<boolean>;
  remove(pattern: string): Promise<boolean>;
}

export interface CrmContentScript {
  id: string;
  matches: string[];
  js: string[];
  runAt: 'document_idle';
  persistAcrossSessions: boolean;
}

export interface CrmHostState extends CustomCrmHost {
  /** Whether the browser lets Lens read pages on this host. */
  permission: 'granted' | 'not-granted';
  /** Whether the site's content script is registered for it (it is exactly when the permission is granted). */
  active: boolean;
}

export interface CrmHostsView {
  hosts: CrmHostState[];
  /** False in a browser without `scripting.registerContentScripts`: hosts can be listed but not served. */
  supported: boolean;
}

const ID_PREFIX = 'lens-crm:';

/** The registration for one custom host: the site's built content script (its CSS is loaded by the script itself). */
export function crmContentScript({ site, host }: CustomCrmHost): CrmContentScript {
  return {
    id: `${ID_PREFIX}${site}:${host}`,
    matches: [crmHostPattern(host)],
    js: [`content-scripts/${site}.js`],
    runAt: 'document_idle',
    persistAcrossSessions: true,
  };
}

export interface CrmHostsDeps {
  store: LocalStore;
  /** Undefined where the browser has no dynamic content scripts. */
  scripting: ScriptingApi | undefined;
  permissions: OriginPermissions;
  /** An origin another feature still needs (the webhook's): its permission is kept when a host is removed. */
  stillNeeded?: (pattern: string) => Promise<boolean>;
}

export function createCrmHosts(deps: CrmHostsDeps) {
  const read = async () => customCrmHostsFrom(await deps.store.get(CUSTOM_CRM_HOSTS_KEY));

  const reconcile = async (): Promise<CrmHostsView> => {
    const saved = await read();
    const states = await Promise.all(
      saved.map(async (h): Promise<CrmHostState> => {
        const granted = await deps.permissions.contains(crmHostPattern(h.host));
        return { ...h, permission: granted ? 'granted' : 'not-granted', active: false };
      }),
    );
    const { scripting } = deps;
    if (!scripting) return { hosts: states, supported: false };
    const wanted = states.filter((s) => s.permission === 'granted').map(crmContentScript);
    const registered = (await scripting.getRegisteredContentScripts()).filter((s) => s.id.startsWith(ID_PREFIX));
    const stale = registered.filter((r) => !wanted.some((w) => w.id === r.id)).map((r) => r.id);
    if (stale.length > 0) await scripting.unregisterContentScripts({ ids: stale });
    const missing = wanted.filter((w) => !registered.some((r) => r.id === w.id));
    if (missing.length > 0) await scripting.registerContentScripts(missing);
    return { hosts: states.map((s) => ({ ...s, active: s.permission === 'granted' })), supported: true };
  };

  // One change at a time: a permission event and a request arriving together must not register the same id twice.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };
  const sync = () => serial(reconcile);

  return {
    sync,
    handlers: {
      'crmHosts.list': () => sync(),
      'crmHosts.add': ({ site, host }: ParsedPayload<'crmHosts.add'>) =>
        serial(async () => {
          const saved = await read();
          const checked = checkCrmHost(host, saved);
          if (!checked.ok) throw new Error(checked.error);
          await deps.store.set(CUSTOM_CRM_HOSTS_KEY, [...saved, { site, host: checked.host }]);
          return reconcile();
        }),
      'crmHosts.remove': ({ host }: ParsedPayload<'crmHosts.remove'>) =>
        serial(async () => {
          const saved = await read();
          const entry = saved.find((h) => h.host === host);
          if (!entry) throw new Error(`${host} is not in the list of custom CRM hosts`);
          await deps.store.set(CUSTOM_CRM_HOSTS_KEY, saved.filter((h) => h !== entry));
          const view = await reconcile(); // unregisters its script
          const pattern = crmHostPattern(host);
          if (!(await deps.stillNeeded?.(pattern))) {
            // Required origins (a test build's manifest) cannot be removed; the script is gone either way.
            await deps.permissions.remove(pattern).catch(() => false);
          }
          return view;
        }),
    },
  };
}

export type CrmHosts = ReturnType<typeof createCrmHosts>;
