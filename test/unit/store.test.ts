import { openDB, type IDBPDatabase } from 'idb';
import {
  DB_VERSION,
  addFeedback,
  deleteFeedback,
  findContact,
  findContactByEmail,
  findContactsAtCompany,
  fromStoredPeople,
  keyShardEntries,
  MIGRATIONS,
  readAllPeople,
  readOutcomes,
  listFeedbackForContact,
  listRecentContacts,
  openLensDb,
  readLibrary,
  readSla,
  rememberRecentContact,
  seedDemoDataset,
  shardOf,
  shiftDataset,
  type EventShard,
  type KeyShard,
  type StoredPeopleShard,
} from '../../lib/store';
import { EventColumns } from '../../lib/importers';
import type { Contact, EngagementEvent } from '../../lib/model';
import { contentOutcomes } from '../../lib/engine/outcomes';
import { DEMO_NOW, demoDataset, readDemoJson, seededDb } from './helpers';
import { countPeople } from './store-snapshot';

describe('demo dataset', () => {
  it('is a realistic dataset of the size the product promises', () => {
    const data = demoDataset();
    expect(data.contacts.length).toBeGreaterThanOrEqual(20);
    expect(new Set(data.contacts.map((c) => c.companyDomain)).size).toBeGreaterThanOrEqual(4);
    expect(data.campaigns.map((c) => c.type).toSorted()).toEqual(['email_nurture', 'event', 'paid_social', 'webinar']);
    expect(data.events.length).toBeGreaterThanOrEqual(60);
    expect(data.personas).toHaveLength(3);
    expect(data.content.length).toBeGreaterThanOrEqual(12);
    for (const c of data.contacts) for (const e of c.emails) expect(e).toMatch(/\.example$/);
  });

  it('is shifted so its anchor day becomes today', () => {
    const data = demoDataset();
    const { data: shifted, shiftedByMs } = shiftDataset(data, new Date('2026-12-01T15:00:00Z'));
    expect(shiftedByMs).toBe(11 * 86_400_000);
    expect(Date.parse(shifted.events[0]!.at) - Date.parse(data.events[0]!.at)).toBe(shiftedByMs);
  });
});

describe('store', () => {
  it('seeds once, in one transaction, and looks contacts up by any of their addresses with their events', async () => {
    const db = await seededDb();
    expect(await seedDemoDataset(db, async () => readDemoJson(), DEMO_NOW)).toBe(false);
    const byPrimary = await findContactByEmail(db, 'priya.raman@contoso-health.example');
    const bySecondary = await findContactByEmail(db, 'P.Raman@Contoso-Health.example');
    expect((await findContact(db, { linkedinSlug: 'nobody', email: 'p.raman@contoso-health.example' }))?.contact.id).toBe('ct-priya-raman');
    // The CRM record wins over an address the page shows (which may be a colleague's or outdated).
    expect((await findContact(db, { crmId: 'salesforce:003Hs00004PqRmZIAV', email: 'priya.raman@contoso-health.example' }))?.contact.id).toBe(
      'ct-marcus-oyelaran',
    );
    expect((await findContact(db, { linkedinSlug: 'Katrin-Vogel' }))?.contact.id).toBe('ct-katrin-vogel');
    expect(byPrimary?.contact.id).toBe('ct-priya-raman');
    expect(bySecondary?.contact.id).toBe('ct-priya-raman');
    expect(byPrimary!.events.length).toBeGreaterThanOrEqual(5);
    expect(byPrimary!.events.every((e) => e.contactId === 'ct-priya-raman')).toBe(true);
    expect(await findContactByEmail(db, 'nobody@nowhere.example')).toBeNull();
    expect((await readSla(db)).mqlScoreThreshold).toBe(60);
    const library = await readLibrary(db);
    expect(library.campaigns.size).toBe(4);
    expect(library.personas).toHaveLength(3);
  });

  it('writes nothing when the dataset is invalid', async () => {
    const db = await openLensDb(`invalid-${Math.random()}`);
    const broken = structuredClone(readDemoJson()) as { events: { contactId: string }[] };
    broken.events[3]!.contactId = 'ct-missing';
    await expect(seedDemoDataset(db, async () => broken, DEMO_NOW)).rejects.toThrow(/events\.3\.contactId: unknown contact "ct-missing"/);
    expect(await countPeople(db)).toEqual({ contacts: 0, events: 0 });
    expect(await db.get('meta', 'dataset')).toBeUndefined();
  });

  it('stores, lists and deletes feedback', async () => {
    const db = await seededDb();
    const base = { contactKey: 'dana.whitfield@northwind.example', verdict: 'good_fit' as const };
    await addFeedback(db, { ...base, id: 'f1', createdAt: '2026-11-20T10:00:00.000Z' });
    await addFeedback(db, { ...base, id: 'f2', verdict: 'not_ready', createdAt: '2026-11-20T11:00:00.000Z' });
    expect((await listFeedbackForContact(db, 'dana.whitfield@northwind.example')).map((f) => f.id)).toEqual(['f2', 'f1']);
    expect(await deleteFeedback(db, 'f2')).toBe(true);
    expect(await deleteFeedback(db, 'f2')).toBe(false);
    expect((await listFeedbackForContact(db, base.contactKey)).map((f) => f.id)).toEqual(['f1']);
  });

  it('keeps the 20 most recently seen contacts, newest first', async () => {
    const db = await seededDb();
    for (let i = 0; i < 25; i++) {
      await rememberRecentContact(db, { key: `p${i}@x.example`, email: `p${i}@x.example`, site: 'gmail', seenAt: new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString() });
    }
    await rememberRecentContact(db, { key: 'p3@x.example', email: 'p3@x.example', site: 'gmail', seenAt: '2026-11-02T00:00:00.000Z' });
    expect(await db.count('recentContacts')).toBe(20);
    const recent = await listRecentContacts(db, 3);
    expect(recent.map((r) => r.email)).toEqual(['p3@x.example', 'p24@x.example', 'p23@x.example']);
  });
});

describe('migrations', () => {
  it('opens an empty database at the current version with every store', async () => {
    const db = await openLensDb(`fresh-${Math.random()}`);
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].toSorted()).toEqual(
      ['campaigns', 'content', 'eventShards', 'feedback', 'keys', 'meta', 'outbox', 'personas', 'recentContacts', 'shardSummaries', 'shards', 'usage'].toSorted(),
    );
  });

  it('moves version 1’s contacts and events into shards, with the key index and the track record', async () => {
    const name = `upgrade-people-${Math.random()}`;
    const data = shiftDataset(demoDataset(), DEMO_NOW).data;
    const v1 = await openDB(name, 1, { upgrade: (db, oldVersion, newVersion, tx) => MIGRATIONS[0]!(db as never, tx as never) });
    const tx = v1.transaction(['contacts', 'events', 'feedback'], 'readwrite');
    for (const c of data.contacts) void tx.objectStore('contacts').put(c);
    // An older record without the lists v2 indexes (written before they existed, or by hand): it still moves over.
    void tx.objectStore('contacts').put({ id: 'ct-legacy', emails: ['legacy@old.example'], firstName: 'Old', lastName: 'Record', lifecycleStage: 'lead' });
    for (const e of data.events) void tx.objectStore('events').put(e);
    const dana = data.contacts.find((c) => c.emails.includes('dana.whitfield@northwind.example'))!;
    const verdict = { id: 'f-good', contactKey: dana.emails[0]!, contactId: dana.id, verdict: 'good_fit' as const, createdAt: DEMO_NOW.toISOString() };
    void tx.objectStore('feedback').put(verdict);
    await tx.done;
    v1.close();

    const db = await openLensDb(name);
    expect([...db.objectStoreNames]).not.toContain('contacts');
    const people = await readAllPeople(db);
    expect(people.contacts.filter((c) => c.id !== 'ct-legacy')).toEqual(data.contacts.toSorted((a, b) => (a.id < b.id ? -1 : 1)));
    expect((await findContact(db, { email: 'legacy@old.example' }))?.contact).toMatchObject({ id: 'ct-legacy', crmIds: [], properties: {} });
    expect(people.events).toHaveLength(data.events.length);
    const found = await findContact(db, { email: 'DANA.WHITFIELD@northwind.example' });
    expect(found?.contact.id).toBe(dana.id);
    expect(found?.events).toEqual(data.events.filter((e) => e.contactId === dana.id));
    expect(dana.linkedinSlug).toBeDefined();
    expect((await findContact(db, { linkedinSlug: dana.linkedinSlug! }))?.contact.id).toBe(dana.id);
    expect(await findContactsAtCompany(db, { name: dana.company! })).toEqual(
      expect.arrayContaining([expect.objectContaining({ contact: expect.objectContaining({ id: dana.id }) })]),
    );
    // The track record, kept on write, is exactly what reading every event would give.
    const everything = contentOutcomes({ contacts: data.contacts, events: data.events, feedback: [verdict] });
    expect(await readOutcomes(db)).toEqual(everything);
    db.close();
  });

  it('turns version 2’s event shards into columns and drops its import staging, with what an interrupted import left', async () => {
    const name = `upgrade-v2-${Math.random()}`;
    const data = shiftDataset(demoDataset(), DEMO_NOW).data;
    const v2 = await openLensDb(name, 2);
    await seedDemoDataset(v2, async () => readDemoJson(), DEMO_NOW);
    const people = await readAllPeople(v2);
    const raw = v2 as unknown as IDBPDatabase;
    // Version 2's layout: each event shard a list of objects (this build writes columns, so they are put back by hand,
    // one with an event whose id and time text are not the derived ones, as a pack's may be).
    for (const record of (await raw.getAll('eventShards')) as EventShard[]) {
      const events = EventColumns.from(record.columns).toEvents();
      await raw.put('eventShards', { shard: record.shard, events });
    }
    const odd = people.events.find((e) => e.contactId === 'ct-dana-whitfield')!;
    const shard = (await raw.get('eventShards', shardOf(odd.contactId))) as { shard: number; events: EngagementEvent[] };
    const renamed = { ...odd, id: 'ev-from-a-pack', at: odd.at.replace('.000Z', '+00:00') };
    await raw.put('eventShards', { ...shard, events: shard.events.map((e) => (e.id === odd.id ? renamed : e)) });
    // An import whose page was closed mid-file left its staged events (v2's layout: [importId, group, seq]).
    await raw.put('staging', { events: [data.events[0]], startedAt: DEMO_NOW.getTime() }, ['imp-1-x', 0, 0]);
    await keyShardsAsMaps(raw);
    await peopleShardsAsLists(raw);
    v2.close();

    const db = await openLensDb(name);
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames]).not.toContain('staging');
    const after = await readAllPeople(db);
    expect(after.contacts).toEqual(people.contacts);
    expect(after.events).toEqual(people.events.map((e) => (e.id === odd.id ? renamed : e)).toSorted((a, b) => (a.id < b.id ? -1 : 1)));
    expect((await db.get('eventShards', shardOf(odd.contactId)))?.columns.length).toBeGreaterThan(0);
    expect((await findContactByEmail(db, 'dana.whitfield@northwind.example'))?.events).toContainEqual(renamed);
    db.close();
  });

  it('turns version 3’s key index shards into one text each, every key still finding its contacts', async () => {
    const name = `upgrade-v3-${Math.random()}`;
    const v3 = await openLensDb(name, 3);
    await seedDemoDataset(v3, async () => readDemoJson(), DEMO_NOW);
    const people = await readAllPeople(v3);
    const maps = await keyShardsAsMaps(v3 as unknown as IDBPDatabase);
    await peopleShardsAsLists(v3 as unknown as IDBPDatabase);
    v3.close();

    const db = await openLensDb(name);
    expect(db.version).toBe(DB_VERSION);
    const shards = await db.getAll('keys');
    expect(new Map(shards.map((s) => [s.shard, keyShardEntries(s.text)]))).toEqual(maps);
    expect(await readAllPeople(db)).toEqual(people);
    for (const c of people.contacts) for (const email of c.emails) expect((await findContactByEmail(db, email))?.contact.id).toBe(c.id);
    for (const c of people.contacts.filter((x) => x.company)) expect((await findContactsAtCompany(db, { name: c.company! })).map((r) => r.contact.id)).toContain(c.id);
    db.close();
  });

  it('turns version 4’s people shards into one JSON text each, every contact found as before', async () => {
    const name = `upgrade-v4-${Math.random()}`;
    const v4 = await openLensDb(name, 4);
    await seedDemoDataset(v4, async () => readDemoJson(), DEMO_NOW);
    const people = await readAllPeople(v4);
    const lists = await peopleShardsAsLists(v4 as unknown as IDBPDatabase);
    v4.close();

    const db = await openLensDb(name);
    expect(db.version).toBe(DB_VERSION);
    const stored = await db.getAll('shards');
    expect(stored.every((s) => typeof s.contactsJson === 'string')).toBe(true);
    expect(new Map(stored.map((s) => [s.shard, fromStoredPeople(s).contacts]))).toEqual(lists);
    expect(await readAllPeople(db)).toEqual(people);
    for (const c of people.contacts) expect((await findContact(db, { email: c.emails[0]! }))?.contact).toEqual(c);
    db.close();
  });

  it('keeps data written at every earlier version', async () => {
    // Each earlier version: open at that version, write, then reopen at the current one.
    for (let version = 1; version <= DB_VERSION; version++) {
      const name = `upgrade-from-${version}-${Math.random()}`;
      const old = await openLensDb(name, version);
      await old.put('feedback', { id: 'kept', contactKey: 'a@b.example', verdict: 'bad_fit', createdAt: '2026-01-01T00:00:00.000Z' });
      old.close();
      const current = await openLensDb(name);
      expect(await current.get('feedback', 'kept')).toMatchObject({ verdict: 'bad_fit' });
      current.close();
    }
  });

  it('lets a newer version take over an open database', async () => {
    const name = `blocking-${Math.random()}`;
    const older = await openLensDb(name);
    const newer = await openDB(name, DB_VERSION + 1);
    expect(newer.version).toBe(DB_VERSION + 1);
    newer.close();
    older.close();
  });
});

/** Versions 2 and 3 kept each key index shard as a Map (this build writes text): put back by hand; returns them. */
async function keyShardsAsMaps(raw: IDBPDatabase): Promise<Map<number, Map<string, string[]>>> {
  const maps = new Map<number, Map<string, string[]>>();
  for (const record of (await raw.getAll('keys')) as KeyShard[]) {
    maps.set(record.shard, keyShardEntries(record.text));
    await raw.put('keys', { shard: record.shard, keys: maps.get(record.shard) });
  }
  expect(maps.size).toBeGreaterThan(0);
  return maps;
}

/** Versions 2 to 4 kept each people shard's contacts as a list of objects (this build writes JSON): put back by hand. */
async function peopleShardsAsLists(raw: IDBPDatabase): Promise<Map<number, Contact[]>> {
  const lists = new Map<number, Contact[]>();
  for (const record of (await raw.getAll('shards')) as StoredPeopleShard[]) {
    const { contacts } = fromStoredPeople(record);
    lists.set(record.shard, contacts);
    await raw.put('shards', { shard: record.shard, contacts });
  }
  expect(lists.size).toBeGreaterThan(0);
  return lists;
}
