import type { IDBPTransaction, StoreNames } from 'idb';
import { mergeContacts, remapEvents } from '../importers/merge';
import type { IncomingContact } from '../importers/types';
import type { Campaign, Contact, ContentAsset, EngagementEvent, Persona, ScoringModel, Sla } from '../model';
import type { DatasetInfo, LensDatabase, LensDB } from './schema';
import { PEOPLE_STORES, PeopleWriter } from './people';
import { lookupKey, SHARD_COUNT, shardOf } from './shards';

/**
 * Writing imported data. Everything an import brings is applied in ONE readwrite transaction, and an error (a record the
 * store refuses, an event whose contact exists nowhere) aborts it explicitly, so IndexedDB rolls every earlier put
 * back and the store is exactly as before. Re-import semantics are lib/importers/merge.ts's: contacts are one person
 * when they share an email or a CRM id, events are one event when eventKey() agrees.
 *
 * At scale (100k contacts, 1M events) the options page writes a file's events to `staging` while it reads it
 * (EventStager), grouped so the commit can merge them a slice of the shards at a time; contacts stay in the page's
 * memory (tens of MB at 100k). The commit reads only the key index entries and shards the import touches.
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

/** The stores an import's transaction spans. */
export const IMPORT_STORES: StoreNames<LensDB>[] = [...PEOPLE_STORES, 'campaigns', 'staging'];

/** Applies an import held in memory: contacts merged, events merged without duplicates, campaigns added or updated. */
export function writeImport(db: LensDatabase, staged: StagedImport, now = new Date()): Promise<ImportOutcome> {
  return inOneTransaction(db, IMPORT_STORES, (tx) => mergeIntoStore(tx, { ...staged, eventGroups: inMemoryGroups(staged.events) }, now));
}

async function* inMemoryGroups(events: readonly EngagementEvent[]): AsyncGenerator<readonly EngagementEvent[]> {
  if (events.length > 0) yield events;
}

/** Same data, same JSON: a cheap "did this record change" (key order is kept by the merge's spreads). */
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

interface MergeInput {
  contacts: readonly IncomingContact[];
  campaigns: readonly Campaign[];
  /** The events, a slice of the shards at a time (staged) or all at once (in memory). */
  eventGroups: AsyncIterable<readonly EngagementEvent[]>;
  /** Every event's id is eventId(eventKey(event)), as the CSV importers make them (see PeopleWriter.addEvents). */
  eventIdsFromKeys?: boolean;
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
  if (input.contacts.length > 0) {
    const keys = [...new Set(input.contacts.flatMap((c) => [...c.emails.map(lookupKey.email), ...c.crmIds.map(lookupKey.crmId)]))];
    const storedIds = [...new Set([...(await writer.idsByKey(keys)).values()].flat())].toSorted();
    const existing = await writer.contacts(storedIds);
    const existingById = new Map(existing.map((c) => [c.id, c]));
    const merge = mergeContacts(existing, input.contacts);
    mergedIds = merge.mergedIds;
    outcome.contacts.created = merge.created;
    await writer.loadShards(merge.contacts.map((c) => shardOf(c.id)), { people: true });
    const touched = new Set(input.contacts.map((c) => merge.mergedIds.get(c.id) ?? c.id));
    const ids = new Set<string>();
    for (const c of merge.contacts) {
      // Two different people with one id (the same CRM record id reused for another address) would overwrite each other.
      if (ids.has(c.id) || (!existingById.has(c.id) && writer.has(c.id)))
        throw new Error(`Two different contacts in this import would both be stored as "${c.id}"; nothing was imported.`);
      ids.add(c.id);
      const stored = existingById.get(c.id);
      const write = !stored || !same(stored, c);
      if (write) writer.putContact(c);
      if (stored && touched.has(c.id)) outcome.contacts[write ? 'updated' : 'unchanged']++;
    }
    const moved: EngagementEvent[] = [];
    for (const [from, to] of mergedIds)
      if (existingById.has(from) && !ids.has(from)) {
        outcome.contacts.merged++;
        // A stored record merged into another: its events follow their person (a duplicate of theirs is dropped).
        for (const e of await writer.deleteContact(from)) moved.push({ ...e, contactId: to });
      }
    if (moved.length > 0) {
      await writer.loadShards(moved.map((e) => shardOf(e.contactId)), { events: true });
      writer.addEvents(moved);
      outcome.events.moved = moved.length;
    }
  }

  // Events, a group at a time: each group's shards are loaded, merged and written before the next is read.
  for await (const group of input.eventGroups) {
    const events = remapEvents(group, mergedIds);
    await writer.loadShards(events.map((e) => shardOf(e.contactId)), { events: true });
    // An event moved to the person its contact was merged into keeps its id, which then names another key.
    const added = writer.addEvents(events, { idsFromKeys: input.eventIdsFromKeys === true && mergedIds.size === 0 });
    outcome.events.added += added.added;
    outcome.events.duplicates += added.duplicates;
    await writer.flush();
  }

  await writer.finish();
  await markImported(tx, now);
  return outcome;
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

/** Groups of shards whose staged events are merged together (SHARD_COUNT / STAGING_GROUPS shards each). */
export const STAGING_GROUPS = 32;
const stagingGroup = (contactId: string) => Math.floor((shardOf(contactId) * STAGING_GROUPS) / SHARD_COUNT);
/**
 * Events buffered per group in the page before they are staged. Small enough that buffered events die young (a large
 * buffer keeps ~60k events alive long enough to be promoted and swept by the old generation's collector), large
 * enough that staging is a few thousand puts for 1M events.
 */
const STAGE_AT = 500;
/** A staged import whose page went away (closed mid-file) is cleared by the next import after this long. */
const STALE_STAGING_MS = 60 * 60_000;

/**
 * A file's events on their way to the store: buffered per staging group and written to `staging` in large records
 * while the file is read, so neither the page nor the service worker holds a 1M-event file in memory.
 */
export class EventStager {
  private readonly buffers = new Map<number, EngagementEvent[]>();
  staged = 0;

  private constructor(
    private readonly db: LensDatabase,
    readonly importId: string,
    readonly startedAt: number,
    /** Staging records are numbered from here: two stagers of one import (a file read in parts) never collide. */
    private seq = 0,
  ) {}

  /** Another stager of the same import (the second part of a file read in two), numbering its records from `seqStart`. */
  static join(db: LensDatabase, importId: string, startedAt: number, seqStart: number): EventStager {
    return new EventStager(db, importId, startedAt, seqStart);
  }

  /** A new staged import; leftovers of imports abandoned long ago are cleared first. */
  static async begin(db: LensDatabase, now = new Date()): Promise<EventStager> {
    await dropStaleStaging(db, now);
    return new EventStager(db, `imp-${now.getTime()}-${crypto.randomUUID()}`, now.getTime());
  }

  async add(events: readonly EngagementEvent[]): Promise<void> {
    const full: number[] = [];
    for (const e of events) {
      const g = stagingGroup(e.contactId);
      let buffer = this.buffers.get(g);
      if (!buffer) this.buffers.set(g, (buffer = []));
      buffer.push(e);
      if (buffer.length === STAGE_AT) full.push(g);
    }
    this.staged += events.length;
    if (full.length > 0) await this.write(full);
  }

  /** Stages what is still buffered; call once the file is read, before commit. */
  flush(): Promise<void> {
    return this.write([...this.buffers.keys()]);
  }

  private async write(groups: readonly number[]): Promise<void> {
    const tx = this.db.transaction('staging', 'readwrite');
    for (const g of groups) {
      const events = this.buffers.get(g);
      this.buffers.delete(g);
      if (events && events.length > 0) void tx.store.put({ events, startedAt: this.startedAt }, [this.importId, g, this.seq++]);
    }
    await tx.done;
  }

  /** Drops what was staged (cancel, invalid rows, a failed read): nothing of it was ever visible. */
  async abort(): Promise<void> {
    this.buffers.clear();
    await this.db.delete('staging', stagingRange(this.importId));
  }

  /**
   * Merges the staged events, with the file's contacts and campaigns, into the store in one transaction, and removes
   * the staging records in it. All or nothing: a failure leaves the store as it was (and the staged events, which the
   * caller drops with abort()).
   */
  async commit(input: Omit<MergeInput, 'eventGroups'>, now = new Date()): Promise<ImportOutcome> {
    await this.flush();
    const { importId } = this;
    return inOneTransaction(this.db, IMPORT_STORES, async (tx) => {
      const staging = tx.objectStore('staging');
      const read = (g: number) => staging.getAll(IDBKeyRange.bound([importId, g, 0], [importId, g, Number.MAX_SAFE_INTEGER]));
      async function* groups(): AsyncGenerator<readonly EngagementEvent[]> {
        // The next group is asked for before this one is merged: IndexedDB reads it while this thread works.
        let next = read(0);
        for (let g = 0; g < STAGING_GROUPS; g++) {
          const records = await next;
          if (g + 1 < STAGING_GROUPS) next = read(g + 1);
          if (records.length > 0) yield records.flatMap((r) => r.events);
        }
      }
      const outcome = await mergeIntoStore(tx, { ...input, eventGroups: groups() }, now);
      await staging.delete(stagingRange(importId));
      return outcome;
    });
  }
}

/**
 * Deletes what imports started more than an hour ago left in `staging` (their page was closed mid-file): the next
 * import and every service-worker start call it, so an abandoned 1M-row file does not sit on disk.
 */
export async function dropStaleStaging(db: LensDatabase, now = new Date()): Promise<number> {
  const tx = db.transaction('staging', 'readwrite');
  const stale = new Set<string>();
  for (const [importId] of await tx.store.getAllKeys()) {
    const began = Number(/^imp-(\d+)-/.exec(importId)?.[1]);
    if (!(now.getTime() - began < STALE_STAGING_MS)) stale.add(importId);
  }
  await Promise.all([...stale].map((id) => tx.store.delete(stagingRange(id))));
  await tx.done;
  return stale.size;
}

const stagingRange = (importId: string) => IDBKeyRange.bound([importId, 0, 0], [importId, STAGING_GROUPS, 0]);

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
    const people = hasPeople ? await mergeIntoStore(tx, { contacts: pack.contacts, campaigns: [], eventGroups: inMemoryGroups(pack.events) }, now) : undefined;
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
  /** Lower-case email → contact id, and "hubspot:123" → contact id: straight from the key index. */
  emailIds: Map<string, string>;
  crmIdIds: Map<string, string>;
  campaigns: Array<Pick<Campaign, 'id' | 'name'>>;
  content: Array<Pick<ContentAsset, 'id' | 'url' | 'title'>>;
}

/** Read from the key index (one record per shard of it), not from every contact. */
export async function readDirectoryData(db: LensDatabase): Promise<DirectoryData> {
  const tx = db.transaction(['keys', 'campaigns', 'content'], 'readonly');
  const [keys, campaigns, content] = await Promise.all([tx.objectStore('keys').getAll(), tx.objectStore('campaigns').getAll(), tx.objectStore('content').getAll()]);
  await tx.done;
  const emailIds = new Map<string, string>();
  const crmIdIds = new Map<string, string>();
  for (const shard of keys)
    for (const [key, ids] of shard.keys) {
      const id = ids[0];
      if (id === undefined) continue;
      if (key.startsWith('e:')) emailIds.set(key.slice(2), id);
      else if (key.startsWith('c:')) crmIdIds.set(key.slice(2), id);
    }
  return {
    emailIds,
    crmIdIds,
    campaigns: campaigns.map((c) => ({ id: c.id, name: c.name })),
    content: content.map((a) => ({ id: a.id, url: a.url, title: a.title })),
  };
}
