import type { IDBPTransaction, StoreNames } from 'idb';
import { eventKey, mergeContacts, mergeEvents, remapEvents } from '../importers/merge';
import type { IncomingContact } from '../importers/types';
import type { Campaign, Contact, ContentAsset, EngagementEvent, Persona, ScoringModel, Sla } from '../model';
import type { DatasetInfo, LensDatabase, LensDB } from './schema';

/**
 * Writing imported data. Everything an import brings is applied in ONE readwrite transaction, and an error (a record the
 * store refuses, an event whose contact exists nowhere) aborts it explicitly, so IndexedDB rolls every earlier put
 * back and the store is exactly as before. Re-import semantics are lib/importers/merge.ts's: contacts are one person
 * when they share an email or a CRM id, events are one event when eventKey() agrees.
 *
 * Scale note: the contact merge reads every stored contact (one getAll) and the events of the contacts the import
 * touches (one indexed getAll each). That is right for tens of thousands of contacts; the 100k/1M store redesign
 * replaces it with bucketed records.
 */

export interface StagedImport {
  contacts: readonly IncomingContact[];
  events: readonly EngagementEvent[];
  campaigns: readonly Campaign[];
}

export interface ImportOutcome {
  contacts: { created: number; updated: number; unchanged: number; /** Stored records found to be one person with another. */ merged: number };
  events: { added: number; duplicates: number; /** Stored events moved to the contact their record was merged into. */ moved: number };
  campaigns: { created: number; updated: number; unchanged: number };
}

/** A readwrite transaction over the stores it was opened with (typed loosely: the callers name them). */
export type WriteTx = IDBPTransaction<LensDB, StoreNames<LensDB>[], 'readwrite'>;

/** Runs `work` in one readwrite transaction; on any error the transaction is aborted (nothing of it is kept). */
export async function inOneTransaction<T>(db: LensDatabase, stores: StoreNames<LensDB>[], work: (tx: WriteTx) => Promise<T>): Promise<T> {
  const tx = db.transaction(stores, 'readwrite');
  try {
    const result = await work(tx);
    await tx.done;
    return result;
  } catch (error) {
    // A failed request alone does not undo the puts that succeeded before it: abort says "none of it".
    try {
      tx.abort();
    } catch {
      // Already finished or aborted by the failing request.
    }
    await tx.done.catch(() => undefined);
    throw error;
  }
}

/** Applies an import: contacts merged, events merged without duplicates, campaigns added or updated; all or nothing. */
export function writeImport(db: LensDatabase, staged: StagedImport, now = new Date()): Promise<ImportOutcome> {
  return inOneTransaction(db, ['contacts', 'events', 'campaigns', 'meta'], (tx) => mergeIntoStore(tx, staged, now));
}

/** Same data, same JSON: a cheap "did this record change" (key order is kept by the merge's spreads). */
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

async function mergeIntoStore(tx: WriteTx, staged: StagedImport, now: Date): Promise<ImportOutcome> {
  const contacts = tx.objectStore('contacts');
  const events = tx.objectStore('events');
  const campaigns = tx.objectStore('campaigns');
  const outcome: ImportOutcome = {
    contacts: { created: 0, updated: 0, unchanged: 0, merged: 0 },
    events: { added: 0, duplicates: 0, moved: 0 },
    campaigns: { created: 0, updated: 0, unchanged: 0 },
  };

  // Campaigns: the file's values win, except that a campaign started at the earliest date anyone saw.
  const incomingCampaigns = new Map<string, Campaign>();
  for (const c of staged.campaigns) incomingCampaigns.set(c.id, c);
  const storedCampaigns = await Promise.all([...incomingCampaigns.keys()].map((id) => campaigns.get(id)));
  const campaignWrites: Promise<unknown>[] = [];
  [...incomingCampaigns.values()].forEach((incoming, i) => {
    const stored = storedCampaigns[i];
    if (!stored) {
      outcome.campaigns.created++;
      campaignWrites.push(campaigns.put(incoming));
      return;
    }
    const next: Campaign = { ...stored, ...incoming, startedAt: Date.parse(stored.startedAt) <= Date.parse(incoming.startedAt) ? stored.startedAt : incoming.startedAt };
    if (same(stored, next)) outcome.campaigns.unchanged++;
    else {
      outcome.campaigns.updated++;
      campaignWrites.push(campaigns.put(next));
    }
  });
  await Promise.all(campaignWrites);

  // Contacts.
  // Only a contact import needs every stored contact (to find the same person under another address or CRM id).
  const existing = staged.contacts.length > 0 ? await contacts.getAll() : [];
  const existingById = new Map(existing.map((c) => [c.id, c]));
  const merge = staged.contacts.length > 0 ? mergeContacts(existing, staged.contacts) : undefined;
  const after = new Map<string, Contact>(existingById);
  const contactWrites: Promise<unknown>[] = [];
  if (merge) {
    outcome.contacts.created = merge.created;
    // mergeContacts counts every stored contact; the outcome speaks of the people this import named.
    const touched = new Set(staged.contacts.map((c) => merge.mergedIds.get(c.id) ?? c.id));
    const ids = new Set<string>();
    for (const c of merge.contacts) {
      // Two different people with one id (the same CRM record id reused for another address) would overwrite each other.
      if (ids.has(c.id)) throw new Error(`Two different contacts in this import would both be stored as "${c.id}"; nothing was imported.`);
      ids.add(c.id);
      const stored = existingById.get(c.id);
      const write = !stored || !same(stored, c);
      if (write) contactWrites.push(contacts.put(c));
      if (stored && touched.has(c.id)) outcome.contacts[write ? 'updated' : 'unchanged']++;
      after.set(c.id, c);
    }
    for (const [from] of merge.mergedIds)
      if (existingById.has(from) && !ids.has(from)) {
        outcome.contacts.merged++;
        after.delete(from);
        contactWrites.push(contacts.delete(from));
      }
  }
  await Promise.all(contactWrites);

  // Events: the imported ones, plus stored events of records that were merged away (they follow their person).
  const mergedIds = merge?.mergedIds ?? new Map<string, string>();
  const incoming = remapEvents(staged.events, mergedIds);
  const people = [...new Set(incoming.map((e) => e.contactId))];
  const found = merge ? people.map((id) => after.has(id)) : await Promise.all(people.map(async (id) => (await contacts.getKey(id)) !== undefined));
  const missing = people.filter((_, i) => !found[i]);
  for (const id of missing.slice(0, 1)) {
    const e = incoming.find((x) => x.contactId === id)!;
    throw new Error(`An event (${e.type} at ${e.at}) belongs to contact "${e.contactId}", who is neither stored nor in this import; nothing was imported.`);
  }
  const movedAway = [...mergedIds.keys()].filter((id) => existingById.has(id) && !after.has(id));
  const moved = (await Promise.all(movedAway.map((id) => events.index('byContact').getAll(id)))).flat();
  const targets = [...new Set([...people, ...moved.map((e) => mergedIds.get(e.contactId)!)])];
  const stored = (await Promise.all(targets.map((id) => events.index('byContact').getAll(id)))).flat();
  const eventWrites: Promise<unknown>[] = [];
  // A moved event keeps its record id; if its person already had the same event, the moved copy goes.
  const storedKeys = new Set(stored.map(eventKey));
  for (const e of moved) {
    const next = { ...e, contactId: mergedIds.get(e.contactId)! };
    if (storedKeys.has(eventKey(next))) eventWrites.push(events.delete(e.id));
    else {
      storedKeys.add(eventKey(next));
      stored.push(next);
      eventWrites.push(events.put(next));
    }
    outcome.events.moved++;
  }
  const merged = mergeEvents(stored, incoming);
  outcome.events.added = merged.added;
  outcome.events.duplicates = merged.duplicates;
  merged.events.forEach((e, i) => {
    // New events, and known ones whose details the file re-worded (mergeEvents replaced them).
    if (i >= stored.length || !same(e, stored[i])) eventWrites.push(events.put(e));
  });
  await Promise.all(eventWrites);

  await markImported(tx, now);
  return outcome;
}

/**
 * The `dataset` record says the store holds data, so first-run seeding never adds the demo on top of it. An import
 * into a database that was never seeded (the background seeds on open; tests may not) records itself.
 */
async function markImported(tx: WriteTx, now: Date): Promise<void> {
  const meta = tx.objectStore('meta');
  if (await meta.get('dataset')) return;
  const info: DatasetInfo = { key: 'dataset', source: 'import', loadedAt: now.toISOString(), shiftedByMs: 0 };
  await meta.put(info);
}

/** A marketing pack as the store takes it: already validated (lib/importers validatePack). */
export interface PackData {
  sla: Sla;
  scoringModel?: ScoringModel;
  campaigns: readonly Campaign[];
  personas: readonly Persona[];
  content: readonly ContentAsset[];
  contacts: readonly Contact[];
  events: readonly EngagementEvent[];
}

export interface PackOutcome {
  campaigns: number;
  personas: number;
  content: number;
  scoringModel: boolean;
  /** Present when the pack carried people: they are merged like a CSV import. */
  people?: ImportOutcome;
}

/**
 * Applies a marketing pack: personas, content, campaigns, SLA and scoring model are REPLACED by the pack's (marketing
 * publishes the whole library); contacts and events it carries are merged. One transaction.
 */
export function writePack(db: LensDatabase, pack: PackData, now = new Date()): Promise<PackOutcome> {
  return inOneTransaction(db, ['contacts', 'events', 'campaigns', 'personas', 'content', 'meta'], async (tx) => {
    await Promise.all([tx.objectStore('campaigns').clear(), tx.objectStore('personas').clear(), tx.objectStore('content').clear()]);
    const meta = tx.objectStore('meta');
    await Promise.all([
      ...pack.campaigns.map((c) => tx.objectStore('campaigns').put(c)),
      ...pack.personas.map((p) => tx.objectStore('personas').put(p)),
      ...pack.content.map((a) => tx.objectStore('content').put(a)),
      meta.put({ key: 'sla', value: pack.sla }),
      // Without a model in the pack Lens's default applies again: the pack is the whole agreement.
      pack.scoringModel ? meta.put(scoringModelMeta(pack.scoringModel)) : meta.delete('scoringModel'),
    ]);
    const hasPeople = pack.contacts.length > 0 || pack.events.length > 0;
    const people = hasPeople ? await mergeIntoStore(tx, { contacts: pack.contacts, events: pack.events, campaigns: [] }, now) : undefined;
    if (!hasPeople) await markImported(tx, now);
    return {
      campaigns: pack.campaigns.length,
      personas: pack.personas.length,
      content: pack.content.length,
      scoringModel: pack.scoringModel !== undefined,
      ...(people ? { people } : {}),
    };
  });
}

// The meta store's declared value type lists the scoring model record only through this widening (see dataset.ts).
function scoringModelMeta(model: ScoringModel): LensDB['meta']['value'] {
  return { key: 'scoringModel', value: model } as unknown as LensDB['meta']['value'];
}

/** What the options page needs to attach events to stored people, campaigns and content (createDirectory's input). */
export interface DirectoryData {
  contacts: Array<Pick<Contact, 'id' | 'emails' | 'crmIds'>>;
  campaigns: Array<Pick<Campaign, 'id' | 'name'>>;
  content: Array<Pick<ContentAsset, 'id' | 'url' | 'title'>>;
}

export async function readDirectoryData(db: LensDatabase): Promise<DirectoryData> {
  const tx = db.transaction(['contacts', 'campaigns', 'content'], 'readonly');
  const [contacts, campaigns, content] = await Promise.all([
    tx.objectStore('contacts').getAll(),
    tx.objectStore('campaigns').getAll(),
    tx.objectStore('content').getAll(),
  ]);
  await tx.done;
  return {
    contacts: contacts.map((c) => ({ id: c.id, emails: c.emails, crmIds: c.crmIds })),
    campaigns: campaigns.map((c) => ({ id: c.id, name: c.name })),
    content: content.map((a) => ({ id: a.id, url: a.url, title: a.title })),
  };
}
