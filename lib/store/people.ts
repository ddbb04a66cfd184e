import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { CopyMemo, EventColumns } from '../importers/event-columns';
import type { ContactRows } from './contact-rows';
import { Contact as ContactSchema, type Contact, type EngagementEvent, type Feedback } from '../model';
import type { LensDB, OutcomesRecord, UpgradeTransaction } from './schema';
import {
  addTally,
  goodFitsByContact,
  keyShardIds,
  keyShardMap,
  keyShardText,
  keysOf,
  fromStoredPeople,
  SHARD_COUNT,
  shardOf,
  toStoredPeople,
  tallyShard,
  type EventShard,
  type KeyShard,
  type OutcomeTally,
  type PeopleShard,
  type ShardSummary,
  type StoredPeopleShard,
} from './shards';

/**
 * Every write to people goes through a PeopleWriter, inside one readwrite transaction over the people stores: it loads
 * the shards it needs once, changes them in memory, and on flush() writes each changed shard once — with its
 * recomputed track-record tally, the key index entries of the contacts that changed, and the new `meta.outcomes`
 * total. Callers decide what changes (imports, packs, restores, the demo, feedback); the writer keeps the structures
 * consistent.
 */

export type PeopleStores = 'shards' | 'eventShards' | 'shardSummaries' | 'keys' | 'feedback' | 'meta';
export const PEOPLE_STORES: PeopleStores[] = ['shards', 'eventShards', 'shardSummaries', 'keys', 'feedback', 'meta'];
/** A readwrite (or upgrade) transaction that includes at least the people stores. */
export type PeopleTx = IDBPTransaction<LensDB, StoreNames<LensDB>[], 'readwrite' | 'versionchange'>;

export interface EventsAdded {
  added: number;
  /** Already stored (by eventKey); their details, if the file has any, replace the stored ones. */
  duplicates: number;
}

interface LoadedShard {
  summary: ShardSummary;
  /** The contacts: loaded when they are read or changed. */
  people?: WriterPeople;
  /** The events: loaded when they are added, moved or needed for the tally. */
  events?: EventColumns;
  /** summary.ids as a set, for the "event of nobody" check. */
  ids?: Set<string>;
  peopleDirty: boolean;
  eventsDirty: boolean;
  summaryDirty: boolean;
  /** Something the tally depends on changed (events, who is in the shard, an SQL date, a verdict). */
  tallyStale: boolean;
}

type ShardParts = { people?: boolean; events?: boolean };

/** A contact put from ContactRows: kept as its JSON text until the shard is written (or the contact is read). */
class RawContact {
  constructor(
    readonly id: string,
    readonly json: string,
  ) {}

  contact(): Contact {
    return JSON.parse(this.json) as Contact;
  }
}

/** A loaded shard's contacts: as read (objects), put (objects), or put as text (RawContact). */
interface WriterPeople {
  shard: number;
  contacts: Array<Contact | RawContact>;
}

const asContact = (entry: Contact | RawContact): Contact => (entry instanceof RawContact ? entry.contact() : entry);

/** A shard's contacts as stored: JSON.stringify of the list, with the texts of raw ones as they are. */
function storedPeople({ shard, contacts }: WriterPeople): StoredPeopleShard {
  if (!contacts.some((c) => c instanceof RawContact)) return toStoredPeople({ shard, contacts: contacts as Contact[] });
  return { shard, contactsJson: `[${contacts.map((c) => (c instanceof RawContact ? c.json : JSON.stringify(c))).join(',')}]` };
}

export class PeopleWriter {
  private readonly shards = new Map<number, LoadedShard>();
  /**
   * Key shards read by this writer, as their text ('' for none). Changes are applied a shard at a time (parsed,
   * changed, written back to text at once): ~500k entries of a first import never live in 4,096 Maps together, which
   * kept the garbage collector busy.
   */
  private readonly keyShards = new Map<number, { text: string; dirty: boolean }>();
  /** Key index changes not applied yet: applied in bulk (one round of gets) before the index is read or written. */
  private keyChanges = new KeyChanges();
  private total: OutcomeTally | undefined;
  private readonly pendingWrites: Promise<unknown>[] = [];
  private readonly contactShards = new WeakMap<EventColumns, Uint16Array>();
  private readonly copyMemos = new WeakMap<EventColumns, CopyMemo>();
  /** Reads started ahead of their loadShards (see prefetch), by store. */
  private readonly ahead = new Map<ShardStore, { numbers: Set<number>; flushes: number; values: Promise<Map<number, unknown>> }>();
  /** How many flushes wrote, and the last flush that wrote each shard (a prefetch issued before it is stale). */
  private flushes = 0;
  private readonly flushedAt = new Map<number, number>();
  /** The duplicate check's table, reused shard after shard. */
  private readonly slots = new KeySlots();

  private constructor(
    private readonly tx: PeopleTx,
    private readonly goodFits: Map<string, Feedback[]>,
  ) {}

  /** Reads the good-fit verdicts (the only feedback the track record counts; a few per rep) once per transaction. */
  static async open(tx: PeopleTx): Promise<PeopleWriter> {
    return new PeopleWriter(tx, goodFitsByContact(await tx.objectStore('feedback').getAll()));
  }

  /**
   * Loads the shards' summaries not loaded yet, and the parts asked for (contacts, events), all requests at once.
   * Only what a write needs is read: an events import never deserializes a contact.
   */
  async loadShards(numbers: Iterable<number>, parts: ShardParts = { people: true }): Promise<void> {
    const wanted = [...new Set(numbers)];
    const missing = wanted.filter((n) => !this.shards.has(n));
    const needPeople = parts.people ? wanted.filter((n) => !this.shards.get(n)?.people) : [];
    const needEvents = parts.events ? wanted.filter((n) => !this.shards.get(n)?.events) : [];
    const [summaries, people, events] = await Promise.all([
      this.read('shardSummaries', missing),
      this.read('shards', needPeople),
      this.read('eventShards', needEvents),
    ]);
    // What another load installed meanwhile stays (it may have been changed since).
    missing.forEach((n, i) => {
      if (this.shards.has(n)) return;
      const summary = summaries[i] ?? { shard: n, ids: [], sqlDates: new Map<string, string>(), outcome: new Map() };
      this.shards.set(n, { summary, peopleDirty: false, eventsDirty: false, summaryDirty: false, tallyStale: false });
    });
    needPeople.forEach((n, i) => {
      const stored = people[i];
      this.loaded(n).people ??= stored ? fromStoredPeople(stored) : { shard: n, contacts: [] };
    });
    needEvents.forEach((n, i) => {
      const stored = events[i];
      this.loaded(n).events ??= stored ? EventColumns.from(stored.columns) : new EventColumns();
    });
  }

  /**
   * Starts reading what a coming loadShards(numbers, parts) will ask for, so it need not wait for the writes queued
   * before it (IndexedDB answers a transaction's requests in order). A shard written in between is read again then.
   */
  prefetch(numbers: Iterable<number>, parts: ShardParts): void {
    const wanted = [...new Set(numbers)].filter((n) => !this.shards.has(n));
    const stores: ShardStore[] = ['shardSummaries', ...(parts.people ? (['shards'] as const) : []), ...(parts.events ? (['eventShards'] as const) : [])];
    for (const store of stores) {
      const values = readShards(this.tx, store, wanted).then((list) => new Map<number, unknown>(wanted.map((n, i) => [n, list[i]])));
      values.catch(() => undefined); // a failure aborts the transaction; the load that uses it reports it
      this.ahead.set(store, { numbers: new Set(wanted), flushes: this.flushes, values });
    }
  }

  /** Records of shards `numbers` of a store: from a prefetch that read them all and is still good, else read now. */
  private async read<S extends ShardStore>(store: S, numbers: readonly number[]): Promise<Array<LensDB[S]['value'] | undefined>> {
    if (numbers.length === 0) return [];
    const ahead = this.ahead.get(store);
    if (ahead) {
      this.ahead.delete(store);
      const fresh = numbers.every((n) => ahead.numbers.has(n) && (this.flushedAt.get(n) ?? -1) < ahead.flushes);
      if (fresh) {
        const found = (await ahead.values) as Map<number, LensDB[S]['value'] | undefined>;
        return numbers.map((n) => found.get(n));
      }
    }
    return readShards(this.tx, store, numbers);
  }

  private async loadKeyShards(numbers: Iterable<number>): Promise<void> {
    const missing = [...new Set(numbers)].filter((n) => !this.keyShards.has(n));
    const values = await readShards(this.tx, 'keys', missing);
    missing.forEach((n, i) => this.keyShards.set(n, { text: values[i]?.text ?? '', dirty: false }));
  }

  /** Contact ids filed under each key (absent keys are left out). */
  async idsByKey(keys: readonly string[]): Promise<Map<string, string[]>> {
    await this.applyKeyChanges();
    await this.loadKeyShards(keys.map(shardOf));
    const out = new Map<string, string[]>();
    for (const key of keys) {
      const ids = keyShardIds(this.keyShards.get(shardOf(key))!.text, key);
      if (ids !== undefined) out.set(key, ids);
    }
    return out;
  }

  /** Stored contacts by id (unknown ids are left out). */
  async contacts(ids: readonly string[]): Promise<Contact[]> {
    await this.loadShards(ids.map(shardOf));
    return ids.flatMap((id) => {
      const found = this.peopleOf(this.loaded(shardOf(id))).contacts.find((c) => c.id === id);
      return found ? [asContact(found)] : [];
    });
  }

  /** Whether a contact exists (its shard must be loaded: see loadShards). */
  has(id: string): boolean {
    return this.idsOf(this.loaded(shardOf(id))).has(id);
  }

  private idsOf(s: LoadedShard): Set<string> {
    return (s.ids ??= new Set(s.summary.ids));
  }

  private loaded(n: number): LoadedShard {
    const s = this.shards.get(n);
    if (!s) throw new Error(`Shard ${n} was not loaded before it was changed.`);
    return s;
  }

  private peopleOf(s: LoadedShard): WriterPeople {
    if (!s.people) throw new Error(`The contacts of shard ${s.summary.shard} were not loaded before they were changed.`);
    return s.people;
  }

  private eventsOf(s: LoadedShard): EventColumns {
    if (!s.events) throw new Error(`The events of shard ${s.summary.shard} were not loaded before they were changed.`);
    return s.events;
  }

  // The loaded summary is this writer's own copy (read from the store): changed in place.
  private setSqlDate(s: LoadedShard, id: string, at: string | undefined): void {
    if (s.summary.sqlDates.get(id) === at) return;
    if (at === undefined) s.summary.sqlDates.delete(id);
    else s.summary.sqlDates.set(id, at);
    s.summaryDirty = true;
    s.tallyStale = true;
  }

  /** Stores a contact (new or changed); its shard must be loaded with its contacts. Its key index entries follow. */
  putContact(contact: Contact): void {
    this.put(contact, keysOf(contact), contact.becameSqlAt);
  }

  /** putContact for contact i of `rows`, stored as its text: never parsed, nor serialized again. */
  putRow(rows: ContactRows, i: number): void {
    this.put(new RawContact(rows.id(i), rows.json(i)), rows.keysOf(i), rows.sqlDate(i));
  }

  private put(entry: Contact | RawContact, keys: readonly string[], becameSqlAt: string | undefined): void {
    const { id } = entry;
    const s = this.loaded(shardOf(id));
    const people = this.peopleOf(s);
    // A new contact (the bulk of a first import) is known absent from the shard's id set, without a scan.
    const at = this.idsOf(s).has(id) ? people.contacts.findIndex((c) => c.id === id) : -1;
    const before = at === -1 ? undefined : people.contacts[at];
    if (at === -1) {
      people.contacts.push(entry);
      this.idsOf(s).add(id);
      s.summary.ids.push(id);
      s.summaryDirty = true;
    } else people.contacts[at] = entry;
    s.peopleDirty = true;
    this.setSqlDate(s, id, becameSqlAt);
    this.reindex(id, before ? keysOf(asContact(before)) : [], keys);
  }

  /** Removes a contact and returns its events (for the caller to move). */
  async deleteContact(id: string): Promise<EngagementEvent[]> {
    const n = shardOf(id);
    await this.loadShards([n], { people: true, events: true });
    const s = this.loaded(n);
    const people = this.peopleOf(s);
    const found = people.contacts.find((c) => c.id === id);
    if (!found) return [];
    const contact = asContact(found);
    people.contacts = people.contacts.filter((c) => c.id !== id);
    this.idsOf(s).delete(id);
    s.summary.ids = s.summary.ids.filter((x) => x !== id);
    this.setSqlDate(s, id, undefined);
    const shardEvents = this.eventsOf(s);
    const events = shardEvents.eventsOf(id);
    if (events.length > 0) {
      s.events = shardEvents.without(id);
      s.eventsDirty = true;
    }
    s.peopleDirty = true;
    s.summaryDirty = true;
    s.tallyStale = true;
    this.reindex(id, keysOf(contact), []);
    return events;
  }

  private reindex(id: string, before: readonly string[], after: readonly string[]): void {
    // A new contact (the bulk of a first import): every key is added, nothing to compare.
    if (before.length === 0) {
      for (const key of after) this.keyChanges.add(id, key);
      return;
    }
    const keep = new Set(after);
    const had = new Set(before);
    for (const key of before) if (!keep.has(key)) this.keyChanges.drop(id, key);
    for (const key of after) if (!had.has(key)) this.keyChanges.add(id, key);
  }

  private async applyKeyChanges(): Promise<void> {
    await this.loadKeyShards(this.keyChanges.shards);
    this.applyLoadedKeyChanges();
  }

  /** Applies the pending key changes to the key shards (loaded already: see loadKeyShards), in the order made. */
  private applyLoadedKeyChanges(): void {
    const changes = this.keyChanges;
    this.keyChanges = new KeyChanges();
    const { order, starts } = changes.byShard();
    for (let n = 0; n < SHARD_COUNT; n++) {
      if (starts[n + 1] === starts[n]) continue;
      const ks = this.keyShards.get(n)!;
      // One id as itself, several as a set (a company's key names every colleague: a list's includes() was quadratic).
      const keys = keyShardMap(ks.text);
      for (let o = starts[n]!; o < starts[n + 1]!; o++) {
        const c = order[o]!;
        const id = changes.ids[c]!;
        const key = changes.keys[c]!;
        const ids = keys.get(key);
        if (changes.added[c]) {
          if (ids === undefined) keys.set(key, id);
          else if (typeof ids === 'string') {
            if (ids !== id) keys.set(key, new Set([ids, id]));
          } else ids.add(id);
        } else if (ids === id) keys.delete(key);
        else if (ids !== undefined && typeof ids !== 'string') ids.delete(id);
      }
      ks.text = keyShardText(keys);
      ks.dirty = true;
    }
  }

  /**
   * Adds events to their contacts' shards, skipping those already stored by eventKey() (found by the key's hash, then
   * confirmed field by field). The shards must be loaded with their events (loadShards(…, { events: true })). An event
   * whose contact is not stored is an error: nothing of the transaction is kept. Each set's events go in shard order
   * (`order`, from byShard, or worked out here), and within a shard in the sets' order then their own: the file's
   * order, so of two copies of one event the first is kept and the later details win. `exact` stores every event as
   * given (a restore or the demo: already the store's own).
   */
  addEvents(sets: ReadonlyArray<EventSet>, { exact = false } = {}): EventsAdded {
    let added = 0;
    let duplicates = 0;
    const walks = sets.map(({ events, order }) => ({
      events,
      order: order ?? byShard(events).order,
      shardOfContact: this.shardsOfContacts(events),
      // Each contact is checked once: 0 not yet, 1 stored.
      checked: new Uint8Array(events.contacts().length),
      memo: this.copyMemo(events),
      at: 0,
    }));
    const shardAt = (walk: (typeof walks)[number]) => walk.shardOfContact[walk.events.contactNumberOf(walk.order[walk.at]!)]!;
    for (;;) {
      // The next shard any set has events for; every set's events of that shard, in turn.
      let shard = SHARD_COUNT;
      for (const walk of walks) if (walk.at < walk.order.length) shard = Math.min(shard, shardAt(walk));
      if (shard === SHARD_COUNT) break;
      const s = this.loaded(shard);
      const stored = this.eventsOf(s);
      const ends = walks.map((walk) => {
        let end = walk.at;
        while (end < walk.order.length && walk.shardOfContact[walk.events.contactNumberOf(walk.order[end]!)] === shard) end++;
        return end;
      });
      stored.reserve(walks.reduce((n, walk, w) => n + ends[w]! - walk.at, 0));
      const slots = exact ? undefined : this.slots.fill(stored);
      walks.forEach((walk, w) => {
        const { events, order, checked, memo } = walk;
        memo.next();
        for (; walk.at < ends[w]!; walk.at++) {
          const i = order[walk.at]!;
          const contact = events.contactNumberOf(i);
          if (checked[contact] === 0) {
            if (!this.idsOf(s).has(events.contactOf(i))) {
              const event = events.event(i);
              throw new Error(`An event (${event.type} at ${event.at}) belongs to contact "${event.contactId}", who is neither stored nor in this import; nothing was imported.`);
            }
            checked[contact] = 1;
          }
          const same = slots ? slots.find(events, i) : -1;
          if (same === -1) {
            const at = stored.pushFrom(events, i, memo);
            slots?.add(at);
            s.eventsDirty = s.tallyStale = true;
            added++;
            continue;
          }
          duplicates++;
          const details = events.detailsOf(i);
          if (details !== undefined && details !== stored.detailsOf(same)) {
            stored.setDetails(same, details);
            s.eventsDirty = true;
          }
        }
      });
    }
    return { added, duplicates };
  }

  /** A set's CopyMemo, made once per writer (addEvents runs once per slice: 32 times an import). */
  private copyMemo(events: EventColumns): CopyMemo {
    let memo = this.copyMemos.get(events);
    if (!memo) {
      memo = new CopyMemo(events);
      this.copyMemos.set(events, memo);
    }
    return memo;
  }

  /** The shard of each contact `events` names (by contact number), worked out once per set of events. */
  private shardsOfContacts(events: EventColumns): Uint16Array {
    let shards = this.contactShards.get(events);
    if (!shards || shards.length !== events.contacts().length) {
      shards = Uint16Array.from(events.contacts(), shardOf);
      this.contactShards.set(events, shards);
    }
    return shards;
  }

  /** Something the contact's tally depends on changed outside the shard (a verdict): it is recomputed on flush. */
  touch(contactId: string): void {
    this.loaded(shardOf(contactId)).tallyStale = true;
  }

  /** Writes every changed shard and key shard, updates the running total, and forgets what was loaded. */
  async flush(): Promise<void> {
    const total = (this.total ??= await readOutcomeTally(this.tx));
    // The key shards the changes need are asked for before this flush's writes (IndexedDB answers in order: after
    // them, the reads would wait for the writes); the changes are applied while IndexedDB writes the shards.
    const keyShardsRead = this.loadKeyShards(this.keyChanges.shards);
    keyShardsRead.catch(() => undefined); // awaited below; a failure aborts the transaction either way
    const stale = [...this.shards.values()].filter((s) => s.tallyStale);
    await this.loadShards(stale.map((s) => s.summary.shard), { events: true });
    for (const s of stale) {
      const outcome = tallyShard(s.summary, this.eventsOf(s).outcomeSignals(), this.goodFits);
      addTally(total, s.summary.outcome, -1);
      addTally(total, outcome, 1);
      s.summary = { ...s.summary, outcome };
      s.summaryDirty = true;
    }
    const writes: Promise<unknown>[] = [];
    const put = <S extends 'shards' | 'eventShards' | 'shardSummaries'>(store: S, n: number, value: LensDB[S]['value'], empty: boolean) =>
      writes.push(empty ? this.tx.objectStore(store).delete(n) : this.tx.objectStore(store).put(value));
    try {
      for (const s of this.shards.values()) {
        const n = s.summary.shard;
        if (s.peopleDirty && s.people) put('shards', n, storedPeople(s.people), s.people.contacts.length === 0);
        if (s.eventsDirty && s.events) put('eventShards', n, { shard: n, columns: s.events.data().data }, s.events.length === 0);
        if (s.summaryDirty) put('shardSummaries', n, s.summary, s.summary.ids.length === 0);
      }
      await keyShardsRead;
      this.applyLoadedKeyChanges();
      for (const [n, ks] of this.keyShards) {
        if (!ks.dirty) continue;
        const store = this.tx.objectStore('keys');
        writes.push(ks.text === '\n' ? store.delete(n) : store.put({ shard: n, text: ks.text }));
      }
    } catch (error) {
      // A put that throws (a value IndexedDB cannot store) aborts the transaction: the writes queued before it fail
      // with it, and that is expected, not unhandled.
      for (const write of writes) write.catch(() => undefined);
      throw error;
    }
    for (const n of this.shards.keys()) this.flushedAt.set(n, this.flushes);
    this.flushes++;
    this.shards.clear();
    this.keyShards.clear();
    // Not awaited here: IndexedDB writes them in order while the caller goes on to the next slice (a failure still
    // aborts the transaction, and finish() waits for all of them).
    const written = Promise.all(writes);
    written.catch(() => undefined); // handled: finish() awaits it, or the aborted transaction reports the failure
    this.pendingWrites.push(written);
  }

  /** flush(), then the total the shards now add up to; resolves when every write is done. */
  async finish(): Promise<void> {
    await this.flush();
    const record: OutcomesRecord = { key: 'outcomes', value: this.total ?? new Map() };
    await Promise.all([...this.pendingWrites.splice(0), this.tx.objectStore('meta').put(record)]);
  }
}

export async function readOutcomeTally(tx: { objectStore(name: 'meta'): { get(key: string): Promise<LensDB['meta']['value'] | undefined> } }): Promise<OutcomeTally> {
  const record = await tx.objectStore('meta').get('outcomes');
  return record?.key === 'outcomes' ? record.value : new Map();
}

/** Stores contacts (new, or replacing those with the same id) and their events as given, with index and track record. */
export async function writePeople(tx: PeopleTx, contacts: readonly Contact[], events: readonly EngagementEvent[]): Promise<void> {
  const writer = await PeopleWriter.open(tx);
  await writer.loadShards([...contacts.map((c) => shardOf(c.id)), ...events.map((e) => shardOf(e.contactId))], { people: true, events: true });
  for (const contact of contacts) writer.putContact(contact);
  writer.addEvents([{ events: EventColumns.of(events) }], { exact: true });
  await writer.finish();
}

/** Schema v3's change: event shards v2 wrote as a list of objects become columns (EventColumns keeps ids exactly). */
export async function eventShardsToColumns(tx: UpgradeTransaction): Promise<void> {
  const store = tx.objectStore('eventShards');
  const stored = (await store.getAll()) as Array<EventShard | { shard: number; events: EngagementEvent[] }>;
  await Promise.all(stored.flatMap((s) => ('events' in s ? [store.put({ shard: s.shard, columns: EventColumns.of(s.events).data().data })] : [])));
}

/** Schema v5's change: people shards v2-v4 wrote as lists of contact objects become one JSON text each. */
export async function peopleShardsToJson(tx: UpgradeTransaction): Promise<void> {
  const store = tx.objectStore('shards');
  const stored = (await store.getAll()) as Array<StoredPeopleShard | PeopleShard>;
  await Promise.all(stored.flatMap((s) => ('contacts' in s ? [store.put(toStoredPeople(s))] : [])));
}

/** Schema v4's change: key shards v2 and v3 wrote as Maps become one text each (see KeyShard). */
export async function keyShardsToText(tx: UpgradeTransaction): Promise<void> {
  const store = tx.objectStore('keys');
  const stored = (await store.getAll()) as Array<KeyShard | { shard: number; keys: Map<string, string[]> }>;
  await Promise.all(stored.flatMap((s) => ('keys' in s ? [store.put({ shard: s.shard, text: keyShardText(s.keys) })] : [])));
}

/** Schema v2's move: v1's contacts and events (one record each) into shards, keys and the track record. */
export async function migratePeopleToShards(db: IDBPDatabase<LensDB>, tx: UpgradeTransaction): Promise<void> {
  const raw = tx as unknown as IDBPTransaction<unknown, string[], 'versionchange'>;
  const [stored, events] = (await Promise.all([raw.objectStore('contacts').getAll(), raw.objectStore('events').getAll()])) as [unknown[], EngagementEvent[]];
  // Parsed again on the way over: v1 wrote parsed contacts, but a record that lacks a list the sharded layout indexes
  // (an older or hand-edited one) is given its schema defaults rather than failing the whole upgrade.
  const contacts = stored.map((record) => {
    const parsed = ContactSchema.safeParse(record);
    if (parsed.success) return parsed.data;
    const loose = record as Partial<Contact> & { id: string };
    return { ...loose, emails: loose.emails ?? [], crmIds: loose.crmIds ?? [], properties: loose.properties ?? {} } as Contact;
  });
  await writePeople(tx, contacts, events);
  const rawDb = db as unknown as IDBPDatabase;
  rawDb.deleteObjectStore('contacts');
  rawDb.deleteObjectStore('events');
}

/** Key index changes in the order made, as flat lists (a first import of 100k contacts makes ~500k of them). */
class KeyChanges {
  readonly ids: string[] = [];
  readonly keys: string[] = [];
  /** The key's shard, worked out once. */
  readonly shards: number[] = [];
  readonly added: boolean[] = [];

  add(id: string, key: string): void {
    this.push(id, key, true);
  }

  drop(id: string, key: string): void {
    this.push(id, key, false);
  }

  private push(id: string, key: string, added: boolean): void {
    this.ids.push(id);
    this.keys.push(key);
    this.shards.push(shardOf(key));
    this.added.push(added);
  }

  /** A counting sort of the changes by key shard: shard n's, in the order made, are order[starts[n]…starts[n + 1]). */
  byShard(): { order: Uint32Array; starts: Uint32Array } {
    const starts = new Uint32Array(SHARD_COUNT + 1);
    for (const n of this.shards) starts[n + 1]!++;
    for (let n = 0; n < SHARD_COUNT; n++) starts[n + 1]! += starts[n]!;
    const next = starts.slice(0, SHARD_COUNT);
    const order = new Uint32Array(this.shards.length);
    this.shards.forEach((n, c) => (order[next[n]!++] = c));
    return { order, starts };
  }
}

/**
 * A shard's events by the hash of their eventKey, for the duplicate check: an open-addressing table in two typed arrays
 * (event index, and its 30-bit hash to skip most mismatches without comparing fields), kept by the writer and refilled
 * for each shard, so a million events add no Map entries and no garbage. Two keys may share a hash: a hit is confirmed
 * field by field (EventColumns.sameKey).
 */
class KeySlots {
  private events: EventColumns = new EventColumns(0);
  private at = new Int32Array(1024);
  private hashes = new Int32Array(1024);
  private mask = 1023;

  /** Empties the table for a shard's events and puts those stored in it; room is made for those to come (reserved). */
  fill(events: EventColumns): this {
    this.events = events;
    // At most half full once the reserved events are in: probes stay short.
    let size = this.at.length;
    while (size < 2 * events.capacity) size *= 2;
    if (size !== this.at.length) {
      this.at = new Int32Array(size);
      this.hashes = new Int32Array(size);
      this.mask = size - 1;
    }
    this.at.fill(-1);
    for (let i = 0; i < events.length; i++) this.add(i);
    return this;
  }

  /** Event i of the shard is in the table from now on. */
  add(i: number): void {
    const hash = this.events.keyHash(i);
    let slot = hash & this.mask;
    while (this.at[slot] !== -1) slot = (slot + 1) & this.mask;
    this.at[slot] = i;
    this.hashes[slot] = hash;
  }

  /** The shard's event with the same eventKey as event j of `incoming`, or -1. */
  find(incoming: EventColumns, j: number): number {
    const hash = incoming.keyHash(j);
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const i = this.at[slot]!;
      if (i === -1) return -1;
      if (this.hashes[slot] === hash && this.events.sameKey(i, incoming, j)) return i;
    }
  }
}

/** Some events of a set: those `order` picks, shard by shard (see byShard), or all of them. */
export interface EventSet {
  events: EventColumns;
  order?: Uint32Array;
}

/**
 * A counting sort of events by shard: `order` lists them shard by shard (in their order within a shard), shard n's
 * from starts[n] to starts[n + 1].
 */
export function byShard(events: EventColumns): { order: Uint32Array; starts: Uint32Array } {
  const shardOfContact = Uint16Array.from(events.contacts(), shardOf);
  const starts = new Uint32Array(SHARD_COUNT + 1);
  for (let i = 0; i < events.length; i++) starts[shardOfContact[events.contactNumberOf(i)]! + 1]!++;
  for (let n = 0; n < SHARD_COUNT; n++) starts[n + 1]! += starts[n]!;
  const next = starts.slice(0, SHARD_COUNT);
  const order = new Uint32Array(events.length);
  for (let i = 0; i < events.length; i++) order[next[shardOfContact[events.contactNumberOf(i)]!]!++] = i;
  return { order, starts };
}

type ShardStore = 'shards' | 'eventShards' | 'shardSummaries' | 'keys';

/**
 * The records of shards `numbers` (undefined where there is none), in that order. Every request costs ~40 µs however
 * small, and a large import touches every shard: runs of nearby numbers are read with one getAll over their range.
 */
async function readShards<S extends ShardStore>(tx: PeopleTx, store: S, numbers: readonly number[]): Promise<Array<LensDB[S]['value'] | undefined>> {
  const sorted = numbers.toSorted((a, b) => a - b);
  const runs: Array<[number, number]> = [];
  for (const n of sorted) {
    const last = runs.at(-1);
    if (last && n - last[1] <= RANGE_GAP) last[1] = n;
    else runs.push([n, n]);
  }
  const found = new Map<number, LensDB[S]['value']>();
  const source = tx.objectStore(store);
  await Promise.all(
    runs.map(async ([from, to]) => {
      if (from === to) {
        const value = await source.get(from);
        if (value) found.set(from, value);
      } else for (const value of await source.getAll(IDBKeyRange.bound(from, to))) found.set(value.shard, value);
    }),
  );
  return numbers.map((n) => found.get(n));
}

/** Shards this close together are read with their neighbours in one range (what lies between costs little). */
const RANGE_GAP = 4;
