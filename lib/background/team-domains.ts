import { TEAM_DOMAINS_KEY, teamDomainsFrom } from '../sites/settings';
import type { ParsedPayload } from '../messaging/protocol';

/** The few `storage.local` operations the site settings need (tests pass a Map-backed fake). */
export interface LocalStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

/**
 * The team's own email domains (options page → Gmail detection). The background is the only writer: the payload was
 * parsed by the protocol's schema (lib/sites/settings-schema.ts) before it gets here. Gmail tabs read the key
 * themselves and follow `storage.onChanged`.
 */
export function createTeamDomainHandlers(store: LocalStore) {
  const read = async () => teamDomainsFrom(await store.get(TEAM_DOMAINS_KEY));
  return {
    async 'team.getDomains'() {
      return { domains: await read() };
    },
    async 'team.saveDomains'({ domains }: ParsedPayload<'team.saveDomains'>) {
      await store.set(TEAM_DOMAINS_KEY, domains);
      return { domains: await read() };
    },
  };
}
