import { companyName } from '../engine/account';
import { contentOutcomes, type ContentOutcome, type OutcomeSignals } from '../engine/outcomes';
import type { EventColumnsData } from '../importers/event-columns';
import type { Contact, Feedback } from '../model';

/**
 * How people are laid out at scale (schema v2). One IndexedDB put costs ~150 µs whatever its size, so 100k contacts
 * and 1M events cannot be one record each. Instead:
 * - `shards` and `eventShards`: SHARD_COUNT records each; a contact lives in shard shardOf(contact.id) and its events in
 *   the event shard of the same number, so two gets (in parallel) answer "this person and everything they did" (about
 *   25 contacts and 250 events per shard at 100k/1M). Apart, because an events import must not rewrite contacts.
 *   Event shards hold their events column by column (EventColumns: typed arrays, repeated texts once), which IndexedDB
 *   stores and reads back far faster than 250 objects;
 * - `shardSummaries`: per shard, its contact ids, their SQL dates and its track-record tally (see ShardSummary);
 * - `keys`: SHARD_COUNT records mapping each lookup key (email, LinkedIn slug, CRM id, company domain and name) to
 *   contact ids, in shard shardOf(key): a lookup is two gets, whatever the store's size;
 * - `meta.outcomes` is the sum of the summaries' tallies, kept up to date on every write, so no start-up has to read
 *   every event.
 * Changing SHARD_COUNT or shardOf changes where every record lives: that needs a migration.
 */
export const SHARD_COUNT = 4096;

/** FNV-1a (32-bit) of the text, folded to a shard number; stable across browsers and releases. */
export function shardOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % SHARD_COUNT;
}

/** Per asset id: contacts whose touch was followed by a win (see contentOutcomes). Additive over contacts. */
export type OutcomeTally = Map<string, ContentOutcome>;

export interface PeopleShard {
  shard: number;
  contacts: Contact[];
}

/**
 * What writes need to know about a shard without reading its contacts or events: who is in it, their SQL dates (the
 * track record's only contact field) and the shard's tally. An events import reads and rewrites these small records,
 * never the contacts.
 */
export interface ShardSummary {
  shard: number;
  ids: string[];
  /** contact id → became-SQL date, for the contacts that have one (a Map: ids are data, never property names). */
  sqlDates: Map<string, string>;
  /** This shard's contacts' contribution to `meta.outcomes`. */
  outcome: OutcomeTally;
}

export interface EventShard {
  shard: number;
  /** The events of the contacts in the people shard of the same number, column by column (see EventColumns). */
  columns: EventColumnsData;
}

export interface KeyShard {
  shard: number;
  /** Lookup key → ids of the contacts it names (one for an email or CRM id; maybe several for a company). */
  keys: Map<string, string[]>;
}

export const lookupKey = {
  email: (email: string) => `e:${email.toLowerCase()}`,
  linkedinSlug: (slug: string) => `l:${slug.toLowerCase()}`,
  crmId: (crmId: string) => `c:${crmId}`,
  domain: (domain: string) => `d:${domain.toLowerCase()}`,
  company: (name: string) => `n:${companyName(name)}`,
};

/** Every key a contact can be found under. */
export function keysOf(contact: Contact): string[] {
  const keys = [...contact.emails.map(lookupKey.email), ...contact.crmIds.map(lookupKey.crmId)];
  if (contact.linkedinSlug) keys.push(lookupKey.linkedinSlug(contact.linkedinSlug));
  if (contact.companyDomain) keys.push(lookupKey.domain(contact.companyDomain));
  // The name normalised once (four regular expressions: an import of 100k contacts calls this for each).
  const company = contact.company ? lookupKey.company(contact.company) : 'n:';
  if (company !== 'n:') keys.push(company);
  return [...new Set(keys)];
}

/** The outcome tally of a shard's contacts (their good-fit verdicts passed in, keyed by contact id). */
export function tallyShard(summary: Pick<ShardSummary, 'ids' | 'sqlDates'>, events: OutcomeSignals['events'], goodFits: ReadonlyMap<string, readonly Feedback[]>): OutcomeTally {
  const feedback = summary.ids.flatMap((id) => goodFits.get(id) ?? []);
  const contacts = [...summary.sqlDates].map(([id, becameSqlAt]) => ({ id, becameSqlAt }));
  return contentOutcomes({ contacts, events, feedback });
}

/** total += sign × tally, in place (the total is its writer's own copy), dropping assets that reach zero. */
export function addTally(total: OutcomeTally, tally: OutcomeTally, sign: 1 | -1): void {
  for (const [asset, o] of tally) {
    const t = total.get(asset) ?? { contacts: 0, meetings: 0, sqls: 0, goodFits: 0 };
    const next = {
      contacts: t.contacts + sign * o.contacts,
      meetings: t.meetings + sign * o.meetings,
      sqls: t.sqls + sign * o.sqls,
      goodFits: t.goodFits + sign * o.goodFits,
    };
    if (next.contacts <= 0) total.delete(asset);
    else total.set(asset, next);
  }
}

/** Good-fit verdicts by contact id: the only feedback the track record counts. */
export function goodFitsByContact(feedback: readonly Feedback[]): Map<string, Feedback[]> {
  const out = new Map<string, Feedback[]>();
  for (const f of feedback) {
    if (f.verdict !== 'good_fit' || !f.contactId) continue;
    const list = out.get(f.contactId);
    if (list) list.push(f);
    else out.set(f.contactId, [f]);
  }
  return out;
}
