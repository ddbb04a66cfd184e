import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { eventKey } from '../importers/merge';
import type { Contact, EngagementEvent, Feedback } from '../model';
import type { LensDB, OutcomesRecord, UpgradeTransaction } from './schema';
import { addTally, goodFitsByContact, keysOf, shardOf, tallyShard, type KeyShard, type OutcomeTally, type PeopleShard } from './shards';

/**
 * Every write to people goes through a PeopleWriter, inside one readwrite transaction over shards, keys, feedback and
 * meta: it loads the shards it needs once, changes them in memory, and on flush() writes each changed shard once —
 * with its recomputed track-record tally, the key index entries of the contacts that changed, and the new
 * `meta.outcomes` total. Callers decide what changes (imports, packs, restores, the demo, feedback); the writer keeps
 * the three structures consistent.
 */

export type PeopleStores = 'shards' | 'keys' | 'feedback' | 'meta';
/** A readwrite (or upgrade) transaction that includes at least the people stores. */
export type PeopleTx = IDBPTransaction<LensDB, StoreNames<LensDB>[], 'readwrite' | 'versionchange'>;

export interface EventsAdded {
  added: number;
  /** Already stored (by eventKey); their details, if the file has any, replace the stored ones. */
  duplicates: number;
}

interface LoadedShard {
  value: PeopleShard;
  /** eventKey → index in value.events, built when events are first added. */
  eventIndex?: Map<string, number>;
  dirty: boolean;
  /** The tally the store holds for this shard now, subtracted from the total when it is rewritten. */
  storedTally: OutcomeTally;
}

export class PeopleWriter {
  private readonly shards = new Map<number, LoadedShard>();
  private readonly keyShards = new Map<number, { value: KeyShard; dirty: boolean }>();
  /** Key index changes not applied yet: applied in bulk (one round of gets) before the index is read or written. */
  private keyChanges: Array<{ id: string; dropped: string[]; added: string[] }> = [];
  private total: OutcomeTally | undefined;

  private constructor(
    private readonly tx: PeopleTx,
    private readonly goodFits: Map<string, Feedback[]>,
  ) {}

  /** Reads the good-fit verdicts (the only feedback the track record counts; a few per rep) once per transaction. */
  static async open(tx: PeopleTx): Promise<PeopleWriter> {
    return new PeopleWriter(tx, goodFitsByContact(await tx.objectStore('feedback').getAll()));
  }

  /** Loads shards not loaded yet, all requests at once (IndexedDB answers them in one go). */
  async loadShards(numbers: Iterable<number>): Promise<void> {
    const missing = [...new Set(numbers)].filter((n) => !this.shards.has(n));
    const values = await Promise.all(missing.map((n) => this.tx.objectStore('shards').get(n)));
    missing.forEach((n, i) => {
      const value = values[i] ?? { shard: n, contacts: [], events: [], outcome: {} };
      this.shards.set(n, { value, dirty: false, storedTally: value.outcome });
    });
  }

  private async loadKeyShards(numbers: Iterable<number>): Promise<void> {
    const missing = [...new Set(numbers)].filter((n) => !this.keyShards.has(n));
    const values = await Promise.all(missing.map((n) => this.tx.objectStore('keys').get(n)));
    missing.forEach((n, i) => this.keyShards.set(n, { value: values[i] ?? { shard: n, keys: new Map() }, dirty: false }));
  }

  /** Contact ids filed under each key (absent keys are left out). */
  async idsByKey(keys: readonly string[]): Promise<Map<string, string[]>> {
    await this.applyKeyChanges();
    await this.loadKeyShards(keys.map(shardOf));
    const out = new Map<string, string[]>();
    for (const key of keys) {
      const ids = this.keyShards.get(shardOf(key))!.value.keys.get(key);
      if (ids) out.set(key, ids);
    }
    return out;
  }

  /** Stored contacts by id (unknown ids are left out). */
  async contacts(ids: readonly string[]): Promise<Contact[]> {
    await this.loadShards(ids.map(shardOf));
    return ids.flatMap((id) => this.shards.get(shardOf(id))!.value.contacts.find((c) => c.id === id) ?? []);
  }

  /** Whether a contact exists (its shard must be loaded: see loadShards). */
  has(id: string): boolean {
    return this.loaded(shardOf(id)).value.contacts.some((c) => c.id === id);
  }

  private loaded(n: number): LoadedShard {
    const s = this.shards.get(n);
    if (!s) throw new Error(`Shard ${n} was not loaded before it was changed.`);
    return s;
  }

  /** Stores a contact (new or changed); its shard must be loaded. Its key index entries follow. */
  putContact(contact: Contact): void {
    const s = this.loaded(shardOf(contact.id));
    const at = s.value.contacts.findIndex((c) => c.id === contact.id);
    const before = at === -1 ? undefined : s.value.contacts[at];
    if (at === -1) s.value.contacts.push(contact);
    else s.value.contacts[at] = contact;
    s.dirty = true;
    this.reindex(contact.id, before ? keysOf(before) : [], keysOf(contact));
  }

  /** Removes a contact and returns its events (for the caller to move); its shard must be loaded. */
  deleteContact(id: string): EngagementEvent[] {
    const s = this.loaded(shardOf(id));
    const contact = s.value.contacts.find((c) => c.id === id);
    if (!contact) return [];
    s.value.contacts = s.value.contacts.filter((c) => c.id !== id);
    const events = s.value.events.filter((e) => e.contactId === id);
    s.value.events = s.value.events.filter((e) => e.contactId !== id);
    s.eventIndex = undefined;
    s.dirty = true;
    this.reindex(id, keysOf(contact), []);
    return events;
  }

  private reindex(id: string, before: readonly string[], after: readonly string[]): void {
    const keep = new Set(after);
    const had = new Set(before);
    const dropped = before.filter((k) => !keep.has(k));
    const added = after.filter((k) => !had.has(k));
    if (dropped.length + added.length > 0) this.keyChanges.push({ id, dropped, added });
  }

  private async applyKeyChanges(): Promise<void> {
    if (this.keyChanges.length === 0) return;
    const changes = this.keyChanges;
    this.keyChanges = [];
    await this.loadKeyShards(changes.flatMap((c) => [...c.dropped, ...c.added]).map(shardOf));
    for (const { id, dropped, added } of changes) {
      for (const key of dropped) {
        const ks = this.keyShards.get(shardOf(key))!;
        const ids = (ks.value.keys.get(key) ?? []).filter((x) => x !== id);
        if (ids.length > 0) ks.value.keys.set(key, ids);
        else ks.value.keys.delete(key);
        ks.dirty = true;
      }
      for (const key of added) {
        const ks = this.keyShards.get(shardOf(key))!;
        const ids = ks.value.keys.get(key);
        if (!ids) ks.value.keys.set(key, [id]);
        else if (!ids.includes(id)) ids.push(id);
        ks.dirty = true;
      }
    }
  }

  /**
   * Adds events to their contacts' shards (which must be loaded), skipping those already stored by eventKey().
   * An event whose contact is not stored is an error: nothing of the transaction is kept. `exact` stores every event
   * as given (a restore or the demo: the records are already the store's own).
   */
  addEvents(events: readonly EngagementEvent[], exact = false): EventsAdded {
    let added = 0;
    let duplicates = 0;
    const known = new Map<number, Set<string>>();
    for (const event of events) {
      const n = shardOf(event.contactId);
      const s = this.loaded(n);
      let ids = known.get(n);
      if (!ids) known.set(n, (ids = new Set(s.value.contacts.map((c) => c.id))));
      if (!ids.has(event.contactId))
        throw new Error(`An event (${event.type} at ${event.at}) belongs to contact "${event.contactId}", who is neither stored nor in this import; nothing was imported.`);
      if (exact) {
        s.value.events.push(event);
        s.eventIndex = undefined;
        s.dirty = true;
        added++;
        continue;
      }
      s.eventIndex ??= new Map(s.value.events.map((e, i) => [eventKey(e), i]));
      const key = eventKey(event);
      const i = s.eventIndex.get(key);
      if (i === undefined) {
        s.eventIndex.set(key, s.value.events.length);
        s.value.events.push(event);
        s.dirty = true;
        added++;
      } else {
        duplicates++;
        const stored = s.value.events[i]!;
        if (event.details !== undefined && event.details !== stored.details) {
          s.value.events[i] = { ...stored, details: event.details };
          s.dirty = true;
        }
      }
    }
    return { added, duplicates };
  }

  /** Something the contact's tally depends on changed outside the shard (a verdict): it is recomputed on flush. */
  touch(contactId: string): void {
    this.loaded(shardOf(contactId)).dirty = true;
  }

  /** Writes every changed shard and key shard, updates the running total, and forgets what was loaded. */
  async flush(): Promise<void> {
    this.total ??= await readOutcomeTally(this.tx);
    await this.applyKeyChanges();
    const writes: Promise<unknown>[] = [];
    for (const s of this.shards.values()) {
      if (!s.dirty) continue;
      const outcome = tallyShard(s.value, this.goodFits);
      this.total = addTally(addTally(this.total, s.storedTally, -1), outcome, 1);
      const empty = s.value.contacts.length === 0 && s.value.events.length === 0;
      writes.push(empty ? this.tx.objectStore('shards').delete(s.value.shard) : this.tx.objectStore('shards').put({ ...s.value, outcome }));
    }
    for (const ks of this.keyShards.values()) {
      if (!ks.dirty) continue;
      writes.push(ks.value.keys.size === 0 ? this.tx.objectStore('keys').delete(ks.value.shard) : this.tx.objectStore('keys').put(ks.value));
    }
    this.shards.clear();
    this.keyShards.clear();
    await Promise.all(writes);
  }

  /** flush(), then the total the shards now add up to. */
  async finish(): Promise<void> {
    await this.flush();
    const record: OutcomesRecord = { key: 'outcomes', value: this.total ?? {} };
    await this.tx.objectStore('meta').put(record);
  }
}

export async function readOutcomeTally(tx: { objectStore(name: 'meta'): { get(key: string): Promise<LensDB['meta']['value'] | undefined> } }): Promise<OutcomeTally> {
  const record = await tx.objectStore('meta').get('outcomes');
  return record?.key === 'outcomes' ? record.value : {};
}

/** Schema v2's move: v1's contacts and events (one record each) into shards, keys and the track record. */
export async function migratePeopleToShards(db: IDBPDatabase<LensDB>, tx: UpgradeTransaction): Promise<void> {
  const raw = tx as unknown as IDBPTransaction<unknown, string[], 'versionchange'>;
  const [contacts, events] = (await Promise.all([raw.objectStore('contacts').getAll(), raw.objectStore('events').getAll()])) as [Contact[], EngagementEvent[]];
  const writer = await PeopleWriter.open(tx);
  await writer.loadShards(contacts.map((c) => shardOf(c.id)));
  for (const contact of contacts) writer.putContact(contact);
  writer.addEvents(events, true);
  await writer.finish();
  const rawDb = db as unknown as IDBPDatabase;
  rawDb.deleteObjectStore('contacts');
  rawDb.deleteObjectStore('events');
}
