import { EventColumns } from '../importers/event-columns';
import type { Campaign, Contact, ContentAsset, EngagementEvent, Feedback, Persona } from '../model';
import type { ContentOutcome } from '../engine/outcomes';
import type { LensDatabase, RecentContact } from './schema';
import { fromStoredPeople, keyShardIds, lookupKey, shardOf, type EventShard, type StoredPeopleShard } from './shards';
import { inOneTransaction } from './imports';
import { PEOPLE_STORES, PeopleWriter, type PeopleTx } from './people';

export interface ContactRecord {
  contact: Contact;
  events: EngagementEvent[];
}

export interface ContactKeys {
  email?: string;
  linkedinSlug?: string;
  /** "hubspot:123" etc.; see crmKey(). */
  crmId?: string;
}

/**
 * A contact by the strongest key the page gave (CRM record, then email, then LinkedIn profile), with its engagement
 * events, read in one transaction: the keys' index shards (at once), then the contact's people and event shards.
 */
export async function findContact(db: LensDatabase, keys: ContactKeys): Promise<ContactRecord | null> {
  const wanted = [
    keys.crmId ? lookupKey.crmId(keys.crmId) : undefined,
    keys.email ? lookupKey.email(keys.email) : undefined,
    keys.linkedinSlug ? lookupKey.linkedinSlug(keys.linkedinSlug) : undefined,
  ].filter((k): k is string => k !== undefined);
  if (wanted.length === 0) return null;
  const tx = db.transaction(['keys', 'shards', 'eventShards'], 'readonly');
  const keyShards = await Promise.all(wanted.map((key) => tx.objectStore('keys').get(shardOf(key))));
  const id = wanted.map((key, i) => (keyShards[i] ? keyShardIds(keyShards[i].text, key)?.[0] : undefined)).find((x) => x !== undefined);
  if (id === undefined) return null;
  const [shard, events] = await Promise.all([tx.objectStore('shards').get(shardOf(id)), tx.objectStore('eventShards').get(shardOf(id))]);
  return recordIn(id, shard, events);
}

/** One contact and its events, out of the people and event shards they live in. */
function recordIn(id: string, people: StoredPeopleShard | undefined, events: EventShard | undefined): ContactRecord | null {
  const contact = people ? fromStoredPeople(people).contacts.find((c) => c.id === id) : undefined;
  return contact ? { contact, events: events ? EventColumns.from(events.columns).eventsOf(id) : [] } : null;
}

export function findContactByEmail(db: LensDatabase, email: string): Promise<ContactRecord | null> {
  return findContact(db, { email });
}

/** Everyone filed under a company's name or web domain, with their events: the key index, then their shards. */
export async function findContactsAtCompany(db: LensDatabase, company: { name?: string; domain?: string }): Promise<ContactRecord[]> {
  const wanted = [company.name ? lookupKey.company(company.name) : undefined, company.domain ? lookupKey.domain(company.domain) : undefined].filter(
    (k): k is string => k !== undefined && k.length > 2,
  );
  const tx = db.transaction(['keys', 'shards', 'eventShards'], 'readonly');
  const keyShards = await Promise.all(wanted.map((key) => tx.objectStore('keys').get(shardOf(key))));
  const ids = [...new Set(wanted.flatMap((key, i) => (keyShards[i] ? (keyShardIds(keyShards[i].text, key) ?? []) : [])))];
  const shardNumbers = [...new Set(ids.map(shardOf))];
  const [shards, eventShards] = await Promise.all([
    Promise.all(shardNumbers.map((n) => tx.objectStore('shards').get(n))),
    Promise.all(shardNumbers.map((n) => tx.objectStore('eventShards').get(n))),
  ]);
  const at = new Map(shardNumbers.map((n, i) => [n, i]));
  return ids.flatMap((id) => {
    const i = at.get(shardOf(id))!;
    return recordIn(id, shards[i], eventShards[i]) ?? [];
  });
}

/** Every stored contact and event, in one readonly transaction (tests). Reads everything: not for lookups. */
export async function readAllPeople(db: LensDatabase): Promise<{ contacts: Contact[]; events: EngagementEvent[] }> {
  const tx = db.transaction(['shards', 'eventShards'], 'readonly');
  const [shards, eventShards] = await Promise.all([tx.objectStore('shards').getAll(), tx.objectStore('eventShards').getAll()]);
  return flattenPeople(shards, eventShards);
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The shards' contacts and events as two flat lists sorted by id (the order backups list them in). */
export function flattenPeople(shards: readonly StoredPeopleShard[], eventShards: readonly EventShard[]): { contacts: Contact[]; events: EngagementEvent[] } {
  return { contacts: shards.flatMap((s) => fromStoredPeople(s).contacts).toSorted(byId), events: eventShards.flatMap((s) => EventColumns.from(s.columns).toEvents()).toSorted(byId) };
}

/** The recommendation track record: per asset, what followed it for other contacts (kept on write; see shards.ts). */
export async function readOutcomes(db: LensDatabase): Promise<Map<string, ContentOutcome>> {
  const record = await db.get('meta', 'outcomes');
  return record?.key === 'outcomes' ? record.value : new Map();
}

/** The small, slowly changing reference data every lookup needs; the background caches it. */
export interface Library {
  campaigns: Map<string, Campaign>;
  personas: Persona[];
  content: ContentAsset[];
}

export async function readLibrary(db: LensDatabase): Promise<Library> {
  const tx = db.transaction(['campaigns', 'personas', 'content'], 'readonly');
  const [campaigns, personas, content] = await Promise.all([
    tx.objectStore('campaigns').getAll(),
    tx.objectStore('personas').getAll(),
    tx.objectStore('content').getAll(),
  ]);
  await tx.done;
  return { campaigns: new Map(campaigns.map((c) => [c.id, c])), personas, content };
}

/** Records a verdict; a "good fit" on a stored contact also updates the track record, in the same transaction. */
export async function addFeedback(db: LensDatabase, feedback: Feedback): Promise<void> {
  await inOneTransaction(db, PEOPLE_STORES, async (tx) => {
    await tx.objectStore('feedback').add(feedback);
    await retally(tx, feedback);
  });
}

/** Removes a feedback item; false when it was not there (already undone). */
export async function deleteFeedback(db: LensDatabase, id: string): Promise<boolean> {
  return inOneTransaction(db, PEOPLE_STORES, async (tx) => {
    const existing = await tx.objectStore('feedback').get(id);
    if (!existing) return false;
    await tx.objectStore('feedback').delete(id);
    await retally(tx, existing);
    return true;
  });
}

/** Changes a verdict (its reason, its note); the track record follows when "good fit" is given or taken back. */
export async function editFeedback(db: LensDatabase, id: string, edit: (before: Feedback) => Feedback): Promise<Feedback> {
  return inOneTransaction(db, PEOPLE_STORES, async (tx) => {
    const before = await tx.objectStore('feedback').get(id);
    if (!before) throw new Error('that feedback is no longer there (undone?)');
    const after = edit(before);
    await tx.objectStore('feedback').put(after);
    await retally(tx, before.verdict === 'good_fit' ? before : after);
    return after;
  });
}

async function retally(tx: PeopleTx, feedback: Feedback): Promise<void> {
  if (feedback.verdict !== 'good_fit' || !feedback.contactId) return;
  const writer = await PeopleWriter.open(tx);
  await writer.loadShards([shardOf(feedback.contactId)], {});
  writer.touch(feedback.contactId);
  await writer.finish();
}

export async function listFeedbackForContact(db: LensDatabase, contactKey: string): Promise<Feedback[]> {
  const items = await db.getAllFromIndex('feedback', 'byContactKey', contactKey);
  return items.toSorted((a, b) => b.createdAt.localeCompare(a.createdAt));
}

const RECENT_LIMIT = 20;

/** Remembers a contact the rep looked at; keeps the newest few. */
export async function rememberRecentContact(db: LensDatabase, recent: RecentContact): Promise<void> {
  const tx = db.transaction('recentContacts', 'readwrite');
  await tx.store.put(recent);
  const count = await tx.store.count();
  if (count > RECENT_LIMIT) {
    let cursor = await tx.store.index('bySeenAt').openCursor();
    for (let extra = count - RECENT_LIMIT; cursor && extra > 0; extra--) {
      await cursor.delete();
      cursor = await cursor.continue();
    }
  }
  await tx.done;
}

export async function listRecentContacts(db: LensDatabase, limit = 10): Promise<RecentContact[]> {
  const out: RecentContact[] = [];
  let cursor = await db.transaction('recentContacts').store.index('bySeenAt').openCursor(null, 'prev');
  while (cursor && out.length < limit) {
    out.push(cursor.value);
    cursor = await cursor.continue();
  }
  return out;
}
