import { createCrmHosts, type CrmHostsDeps } from './crm-hosts';
import { createTeamDomainHandlers, type LocalStore } from './team-domains';

/** The settings that shape what the site adapters see: the team's email domains and the custom CRM hosts. */
export function createSiteSettings(deps: CrmHostsDeps) {
  const crm = createCrmHosts(deps);
  return { sync: crm.sync, handlers: { ...createTeamDomainHandlers(deps.store), ...crm.handlers } };
}

export type SiteSettingsHandlers = ReturnType<typeof createSiteSettings>['handlers'];

/** A `storage.local` stand-in kept in memory (tests, and handlers composed without a browser). */
export function memoryStore(initial: Record<string, unknown> = {}): LocalStore & { data: Map<string, unknown> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    get: async (key) => structuredClone(data.get(key)),
    set: async (key, value) => void data.set(key, structuredClone(value)),
  };
}

/** Site settings with nowhere to register scripts and no permission granted: for handlers composed without a browser. */
export const detachedSiteSettings = () =>
  createSiteSettings({ store: memoryStore(), scripting: undefined, permissions: { contains: async () => false, remove: async () => false } }).handlers;
