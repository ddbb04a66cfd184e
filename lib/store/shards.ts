import { companyName } from '../engine/account';
import { contentOutcomes, type ContentOutcome, type OutcomeSignals } from '../engine/outcomes';
import type { EventColumnsData } from '../importers/event-columns';
import type { Contact, Feedback } from '../model';

/**
 * How people are laid out at scale (schema v2; v3-v5 changed how records are encoded, not where they live: event
 * shards as columns, key shards and people shards as text). One IndexedDB put costs ~150 µs whatever its size, so
 * 100k contacts and 1M events cannot be one record each. Instead:
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

/** A shard's contacts, to read and change (a StoredPeopleShard in the store). */
export interface PeopleShard {
  shard: number;
  contacts: Contact[];
}

/**
 * A people shard as stored (schema v5): its contacts as one JSON text. IndexedDB copies a string whole, where ~25
 * contact objects are walked property by property: at 100k contacts the 4,096 shards were queued in about half the
 * time (Chromium, measured: 256-457 vs 793-1,070 ms) and read back whole faster (getAll + parse 590 vs ~900 ms).
 */
export interface StoredPeopleShard {
  shard: number;
  contactsJson: string;
}

export const toStoredPeople = (people: PeopleShard): StoredPeopleShard => ({ shard: people.shard, contactsJson: JSON.stringify(people.contacts) });

export const fromStoredPeople = (stored: StoredPeopleShard): PeopleShard => ({ shard: stored.shard, contacts: JSON.parse(stored.contactsJson) as Contact[] });

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

/**
 * One shard of the key index: each lookup key with the ids of the contacts it names (one for an email or CRM id, maybe
 * several for a company), as ONE text of lines `key⇥id[⇥id…]`, the text starting with a line break and every line
 * ending in one, so a key is found by searching for "\nkey\t" (keyShardIds). A string is copied whole by IndexedDB;
 * a Map of ~120 keys is walked entry by entry (4,096 shards at 100k contacts: written in about half the time, read
 * back for an import's address book in about a third). Tabs, line breaks and backslashes in a key or id are escaped.
 */
export interface KeyShard {
  shard: number;
  text: string;
}

// A first import escapes ~1M keys and ids: one compiled test each (3-5× faster than a character loop in Node).
const NEEDS_ESCAPE = /[\t\n\\]/;
const escapeField = (field: string) => (NEEDS_ESCAPE.test(field) ? field.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n') : field);
const unescapeField = (field: string) => (field.includes('\\') ? field.replace(/\\([\\tn])/g, (_, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : '\\')) : field);

/** The ids under a key: one id as itself (most keys name one contact: no list to make), several as a list or set. */
export type KeyIds = string | readonly string[] | ReadonlySet<string>;

/** A key shard's text from its entries (keys without ids are left out). */
export function keyShardText(keys: ReadonlyMap<string, KeyIds>): string {
  let text = '\n';
  for (const [key, ids] of keys) {
    if (typeof ids === 'string') {
      text += `${escapeField(key)}\t${escapeField(ids)}\n`;
      continue;
    }
    let line = '';
    for (const id of ids) line += `\t${escapeField(id)}`;
    if (line !== '') text += `${escapeField(key)}${line}\n`;
  }
  return text;
}

/** A key shard's entries, each key's ids as a list. */
export function keyShardEntries(text: string): Map<string, string[]> {
  return new Map([...keyShardMap(text)].map(([key, ids]) => [key, typeof ids === 'string' ? [ids] : [...ids]]));
}

/** A key shard's entries, to change them (keyShardText writes them back): one id as itself, several as a new set. */
export function keyShardMap(text: string): Map<string, string | Set<string>> {
  const keys = new Map<string, string | Set<string>>();
  forEachKeyLine(text, (line) => {
    const [key, ...ids] = line.split('\t');
    keys.set(unescapeField(key!), ids.length === 1 ? unescapeField(ids[0]!) : new Set(ids.map(unescapeField)));
  });
  return keys;
}

/** The ids filed under one key in a shard's text, without reading the rest (a lookup's). */
export function keyShardIds(text: string, key: string): string[] | undefined {
  const at = text.indexOf(`\n${escapeField(key)}\t`);
  if (at === -1) return undefined;
  const end = text.indexOf('\n', at + 1);
  return text.slice(at + 1, end).split('\t').slice(1).map(unescapeField);
}

/** Calls `visit` with each line of a shard's text (without its line break). */
function forEachKeyLine(text: string, visit: (line: string) => void): void {
  for (let at = 1; at < text.length; ) {
    const end = text.indexOf('\n', at);
    visit(text.slice(at, end));
    at = end + 1;
  }
}

/**
 * The first id filed under a key in a shard's text (an import's address book asks for one id per address), without
 * making the list keyShardIds makes.
 */
export function keyShardFirstId(text: string, key: string): string | undefined {
  const needle = `\n${escapeField(key)}\t`;
  const at = text.indexOf(needle);
  if (at === -1) return undefined;
  const from = at + needle.length;
  const end = text.indexOf('\n', from);
  const tab = text.indexOf('\t', from);
  return unescapeField(text.slice(from, tab !== -1 && tab < end ? tab : end));
}

export const lookupKey = {
  email: (email: string) => `e:${email.toLowerCase()}`,
  linkedinSlug: (slug: string) => `l:${slug.toLowerCase()}`,
  crmId: (crmId: string) => `c:${crmId}`,
  domain: (domain: string) => `d:${domain.toLowerCase()}`,
  company: (name: string) => `n:${companyName(name)}`,
};

/**
 * Company keys by the name as written: colleagues share it, and normalising takes four regular expressions (an
 * import of 100k contacts names a few thousand companies). Emptied when full, so it never grows without bound.
 */
const companyKeys = new Map<string, string>();

function companyKey(name: string): string {
  let key = companyKeys.get(name);
  if (key === undefined) {
    if (companyKeys.size >= 10_000) companyKeys.clear();
    key = lookupKey.company(name);
    companyKeys.set(name, key);
  }
  return key;
}

/** Every key a contact can be found under, each once. */
export function keysOf(contact: Contact): string[] {
  const keys: string[] = [];
  const add = (key: string) => {
    if (!keys.includes(key)) keys.push(key);
  };
  for (const email of contact.emails) add(lookupKey.email(email));
  for (const crmId of contact.crmIds) add(lookupKey.crmId(crmId));
  if (contact.linkedinSlug) add(lookupKey.linkedinSlug(contact.linkedinSlug));
  if (contact.companyDomain) add(lookupKey.domain(contact.companyDomain));
  if (contact.company) {
    const company = companyKey(contact.company);
    if (company !== 'n:') add(company);
  }
  return keys;
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
