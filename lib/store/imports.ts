import type { IDBPTransaction, StoreNames } from 'idb';
import { EventColumns } from '../importers/event-columns';
import { mergeContacts, remapEvents } from '../importers/merge';
import type { IncomingContact } from '../importers/types';
import type { Campaign, Contact, ContentAsset, EngagementEvent, Persona, ScoringModel, Sla } from '../model';
import { ContactRows } from './contact-rows';
import type { DatasetInfo, LensDatabase, LensDB } from './schema';
import { byShard, PEOPLE_STORES, PeopleWriter, type EventSet } from './people';
import { SHARD_COUNT, shardOf } from './shards';

/**
 * Writing imported data. Everything an import brings is applied in ONE readwrite transaction, and an error (a record the
 * store refuses, an event whose contact exists nowhere) aborts it explicitly, so IndexedDB rolls every earlier put
 * back and the store is exactly as before. Re-import semantics are lib/importers/merge.ts's: contacts are one person
 * when they share an email or a CRM id, events are one event when eventKey() agrees.
 *
 * At scale (100k contacts, 1M events) the options page holds a file's events as columns while it reads it (~30 MB for
 * 1M, see EventColumns) and commitImport merges them a slice of the shards at a time, as columns into the columnar
 * event shards; contacts stay in the page's memory (tens of MB at 100k). The commit reads only the key index entries
 * and shards the import touches.
 */

export interface InMemoryImport {
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

/** The stores an import's transaction spans. */
export const IMPORT_STORES: StoreNames<LensDB>[] = [...PEOPLE_STORES, 'campaigns'];

/** Applies an import held in memory: contacts merged, events merged without duplicates, campaigns added or updated. */
export function writeImport(db: LensDatabase, data: InMemoryImport, now = new Date()): Promise<ImportOutcome> {
  return inOneTransaction(db, IMPORT_STORES, (tx) => mergeIntoStore(tx, { ...data, contacts: ContactRows.of(data.contacts), eventGroups: inMemoryGroups(data.events) }, now));
}

function* inMemoryGroups(list: readonly EngagementEvent[]): Generator<EventSlice> {
  if (list.length === 0) return;
  const events = EventColumns.of(list);
  yield { runs: [{ events }], shards: events.contacts().map(shardOf) };
}

/** Same data, same JSON: a cheap "did this record change" (key order is kept by the merge's spreads). */
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

interface MergeInput {
  contacts: ContactRows;
  campaigns: readonly Campaign[];
  /** The events, a slice of the shards at a time (a file's) or all at once (in memory). */
  eventGroups: Iterable<EventSlice>;
}

/** Events to merge in one go, from one set or a few, and the shards they go to. */
interface EventSlice {
  runs: EventSet[];
  shards: number[];
}

async function mergeIntoStore(tx: WriteTx, input: MergeInput, now: Date): Promise<ImportOutcome> {
  const outcome: ImportOutcome = {
    contacts: { created: 0, updated: 0, unchanged: 0, merged: 0 },
    events: { added: 0, duplicates: 0, moved: 0 },
    campaigns: await mergeCampaigns(tx, input.campaigns),
  };
  const writer = await PeopleWriter.open(tx);

  // Contacts: the stored people who share an email or CRM id with the file (stored people never share one).
  let mergedIds: ReadonlyMap<string, string> = new Map();
  const rows = input.contacts;
  if (rows.length > 0) {
    // A row that meets another row or a stored record is merged (mergeContacts); the others — in a first import, all of
    // them — are new people on their own, stored as their text: what mergeContacts would make of them.
    const { keys, sharing } = rows.personKeys();
    const found = await writer.idsByKey(keys);
    const existing = await writer.contacts([...new Set([...found.values()].flat())].toSorted());
    // The stored records each row meets.
    const met = new Map<number, Set<string>>();
    if (found.size > 0)
      rows.forEachPersonKey((key, i) => {
        for (const id of found.get(key) ?? []) met.set(i, (met.get(i) ?? new Set()).add(id));
      });
    const unchanged = sameAsStored(rows, sharing, met, existing);
    const merging: number[] = [];
    const alone: number[] = [];
    for (let i = 0; i < rows.length; i++) if (!unchanged.rows.has(i)) (sharing[i] || met.has(i) ? merging : alone).push(i);
    outcome.contacts.unchanged += unchanged.rows.size;
    const others = unchanged.ids.size === 0 ? existing : existing.filter((c) => !unchanged.ids.has(c.id));
    if (merging.length > 0) mergedIds = await mergeIntoStored(writer, others, merging.map((i) => rows.contact(i)), outcome);
    outcome.contacts.created += await storeNewRows(writer, rows, alone);
  }

  // Events, a slice of the shards at a time: its shards are loaded, merged and written before the next slice's.
  const slices = [...input.eventGroups];
  for (const [g, slice] of slices.entries()) {
    // An event moved to the person its contact was merged into keeps its id (EventColumns keeps it exactly).
    const runs = mergedIds.size === 0 ? slice.runs : slice.runs.map((run): EventSet => ({ events: EventColumns.of(remapEvents(run.events.toEvents(run.order), mergedIds)) }));
    const shards = mergedIds.size === 0 ? slice.shards : runs.flatMap((run) => run.events.contacts().map(shardOf));
    await writer.loadShards(shards, { events: true });
    // The next slice's shards are read while this one is merged, not after its writes.
    const next = slices[g + 1];
    if (next && mergedIds.size === 0) writer.prefetch(next.shards, { events: true });
    const added = writer.addEvents(runs);
    outcome.events.added += added.added;
    outcome.events.duplicates += added.duplicates;
    await writer.flush();
  }

  await writer.finish();
  await markImported(tx, now);
  return outcome;
}

/**
 * Rows `which` of `rows`, new people who share no address or CRM id with anyone: each stored as its text, in file order —
 * what mergeContacts would make of them, without parsing them back. Returns how many.
 */
async function storeNewRows(writer: PeopleWriter, rows: ContactRows, which: readonly number[]): Promise<number> {
  await writer.loadShards(which.map((i) => shardOf(rows.id(i))), { people: true });
  const ids = new Set<string>();
  for (const i of which) {
    const id = rows.id(i);
    // Stored already: a record of this id that shares no key with the row (or one this import just merged).
    if (ids.has(id) || writer.has(id)) throw sameIdError(id);
    ids.add(id);
    writer.putRow(rows, i);
  }
  return which.length;
}

/**
 * The rows a re-import brings back unchanged: a row that meets one stored record, which no other row meets, shares
 * nothing with another row, and whose text is that record's JSON. mergeContacts would make that record of the pair
 * again, and nothing is written: such rows are counted, not parsed back and merged (a re-import of 100k unchanged
 * contacts spent ~0.5 s doing that). Returns those rows, and the stored ids they name.
 */
function sameAsStored(rows: ContactRows, sharing: Uint8Array, met: ReadonlyMap<number, ReadonlySet<string>>, existing: readonly Contact[]) {
  const out = { rows: new Set<number>(), ids: new Set<string>() };
  if (existing.length === 0) return out;
  const rowsMeeting = new Map<string, number>();
  for (const ids of met.values()) for (const id of ids) rowsMeeting.set(id, (rowsMeeting.get(id) ?? 0) + 1);
  const byId = new Map(existing.map((c) => [c.id, c]));
  for (const [i, ids] of met) {
    if (sharing[i] || ids.size !== 1) continue;
    const [id] = ids;
    const stored = byId.get(id!);
    if (stored && rowsMeeting.get(id!) === 1 && rows.json(i) === JSON.stringify(stored)) {
      out.rows.add(i);
      out.ids.add(id!);
    }
  }
  return out;
}

/** Two different people with one id (the same CRM record id reused for another address) would overwrite each other. */
const sameIdError = (id: string) => new Error(`Two different contacts in this import would both be stored as "${id}"; nothing was imported.`);

/**
 * Merges incoming contacts with the stored ones they share a key with (mergeContacts), stores the result, deletes the
 * stored records merged into others (their events follow), and counts. Returns the ids merged away → the id kept.
 */
async function mergeIntoStored(writer: PeopleWriter, existing: Contact[], incoming: IncomingContact[], outcome: ImportOutcome): Promise<ReadonlyMap<string, string>> {
  const existingById = new Map(existing.map((c) => [c.id, c]));
  const merge = mergeContacts(existing, incoming);
  outcome.contacts.created += merge.created;
  // Who the file names, to count the stored ones it updated (none to count in a first import).
  const touched = existing.length === 0 ? new Set<string>() : new Set(incoming.map((c) => merge.mergedIds.get(c.id) ?? c.id));
  const ids = new Set<string>();
  await writer.loadShards(merge.contacts.map((c) => shardOf(c.id)), { people: true });
  for (const c of merge.contacts) {
    if (ids.has(c.id) || (!existingById.has(c.id) && writer.has(c.id))) throw sameIdError(c.id);
    ids.add(c.id);
    const stored = existingById.get(c.id);
    const write = !stored || !same(stored, c);
    if (write) writer.putContact(c);
    if (stored && touched.has(c.id)) outcome.contacts[write ? 'updated' : 'unchanged']++;
  }
  const moved: EngagementEvent[] = [];
  for (const [from, to] of merge.mergedIds)
    if (existingById.has(from) && !ids.has(from)) {
      outcome.contacts.merged++;
      // A stored record merged into another: its events follow their person (a duplicate of theirs is dropped).
      for (const e of await writer.deleteContact(from)) moved.push({ ...e, contactId: to });
    }
  if (moved.length > 0) {
    await writer.loadShards(moved.map((e) => shardOf(e.contactId)), { events: true });
    writer.addEvents([{ events: EventColumns.of(moved) }]);
    outcome.events.moved = moved.length;
  }
  return merge.mergedIds;
}

/** Campaigns: the file's values win, except that a campaign started at the earliest date anyone saw. */
async function mergeCampaigns(tx: WriteTx, campaigns: readonly Campaign[]): Promise<ImportOutcome['campaigns']> {
  const store = tx.objectStore('campaigns');
  const counts = { created: 0, updated: 0, unchanged: 0 };
  const incoming = new Map<string, Campaign>();
  for (const c of campaigns) incoming.set(c.id, c);
  const stored = await Promise.all([...incoming.keys()].map((id) => store.get(id)));
  const writes: Promise<unknown>[] = [];
  [...incoming.values()].forEach((next, i) => {
    const old = stored[i];
    if (!old) {
      counts.created++;
      writes.push(store.put(next));
      return;
    }
    const merged: Campaign = { ...old, ...next, startedAt: Date.parse(old.startedAt) <= Date.parse(next.startedAt) ? old.startedAt : next.startedAt };
    if (same(old, merged)) counts.unchanged++;
    else {
      counts.updated++;
      writes.push(store.put(merged));
    }
  });
  await Promise.all(writes);
  return counts;
}

/** Slices of the shards an import's events are merged in: SHARD_COUNT / SLICES shards (~31k of 1M events) each. */
const SLICES = 32;

/** What a file's import brings: its contacts and campaigns, and its events as columns (see importPart). */
export interface ReadImport {
  /** As read (see ContactRows: in a worker, for a large file). */
  contacts: ContactRows;
  campaigns: readonly Campaign[];
  /** In the file's order: one set, or one per part of a file read in parts (they are not copied into one). */
  events: readonly EventColumns[];
}

/**
 * Merges an import read from a file into the store in one transaction: all or nothing, like writeImport. The events
 * go a slice of the shards at a time, as columns all the way into the event shards: a 1M-event import never makes a
 * million objects, nor copies its columns on the way.
 */
export function commitImport(db: LensDatabase, input: ReadImport, now = new Date()): Promise<ImportOutcome> {
  return inOneTransaction(db, IMPORT_STORES, (tx) => mergeIntoStore(tx, { ...input, eventGroups: shardSlices(input.events) }, now));
}

/** Each set's events in shard order (the file's order within a shard), SHARD_COUNT / SLICES shards at a time. */
function* shardSlices(sets: readonly EventColumns[]): Generator<EventSlice> {
  const sorted = sets.map((events) => ({ events, ...byShard(events) }));
  const width = SHARD_COUNT / SLICES;
  for (let from = 0; from < SHARD_COUNT; from += width) {
    const runs = sorted.flatMap(({ events, order, starts }) => (starts[from + width]! > starts[from]! ? [{ events, order: order.subarray(starts[from], starts[from + width]) }] : []));
    const shards: number[] = [];
    for (let n = from; n < from + width; n++) if (sorted.some(({ starts }) => starts[n + 1]! > starts[n]!)) shards.push(n);
    if (runs.length > 0) yield { runs, shards };
  }
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
  return inOneTransaction(db, [...IMPORT_STORES, 'personas', 'content'], async (tx) => {
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
    const people = hasPeople ? await mergeIntoStore(tx, { contacts: ContactRows.of(pack.contacts), campaigns: [], eventGroups: inMemoryGroups(pack.events) }, now) : undefined;
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
