import * as fc from 'fast-check';
import { mergeContacts, storedForm } from '../../lib/importers/merge';
import type { IncomingContact } from '../../lib/importers';
import { ContactRows, fromStoredPeople, keysOf, openLensDb, readAllPeople, shardOf, writeImport } from '../../lib/store';
import { DEMO_NOW, demoDataset, seededDb } from './helpers';
import { snapshot } from './store-snapshot';

// Repeated addresses, CRM ids and scores, and the "no stage in the file" flag: everything storedForm may have to tidy.
const arbContact = fc.record(
  {
    id: fc.constantFrom('c1', 'c2', 'c3', 'c4'),
    emails: fc.array(fc.constantFrom('a@x.example', 'B@x.example', 'c@x.example'), { minLength: 1, maxLength: 3 }),
    firstName: fc.constantFrom('', 'Ann'),
    lastName: fc.constantFrom('', 'Lee'),
    company: fc.constantFrom('Acme Inc.', 'Globex'),
    crmIds: fc.array(fc.constantFrom('hubspot:1', 'hubspot:2'), { maxLength: 2 }),
    lifecycleStage: fc.constantFrom('lead' as const, 'customer' as const),
    properties: fc.record({ country: fc.constantFrom('DE', 'US') }, { requiredKeys: [] }),
    becameSqlAt: fc.constantFrom('2026-06-01T00:00:00.000Z'),
    importedScores: fc.array(fc.record({ system: fc.constant('hubspot' as const), label: fc.constantFrom('Score', 'Other'), value: fc.integer({ min: 0, max: 9 }) }), { maxLength: 3 }),
    stageIsDefault: fc.constant(true as const),
  },
  { requiredKeys: ['id', 'emails', 'firstName', 'lastName', 'crmIds', 'lifecycleStage', 'properties'] },
) as fc.Arbitrary<IncomingContact>;

/** What the general merge path stores for a contact of its own (a stored outsider sends it through the clustering). */
function generalStoredForm(c: IncomingContact) {
  const outsider = { id: 'ct-outsider', emails: ['nobody@elsewhere.example'], firstName: '', lastName: '', crmIds: [], lifecycleStage: 'lead' as const, properties: {} };
  return mergeContacts([outsider], [c]).contacts.find((x) => x.id !== outsider.id)!;
}

describe('contacts as an import hands them to the commit', () => {
  it('keeps each contact as the text, keys and SQL date the general merge path would store (property)', () => {
    fc.assert(
      fc.property(fc.array(arbContact, { maxLength: 6 }), (contacts) => {
        const rows = ContactRows.of(contacts);
        contacts.forEach((c, i) => {
          const stored = generalStoredForm(c);
          expect(rows.json(i)).toBe(JSON.stringify(stored));
          expect(JSON.stringify(storedForm(c))).toBe(JSON.stringify(stored));
          expect(rows.keysOf(i)).toEqual(keysOf(stored));
          expect(rows.sqlDate(i)).toBe(stored.becameSqlAt);
          // Parsed back as the import read it (the flag is what a merge needs besides the stored form).
          expect(rows.contact(i)).toEqual({ ...stored, ...(c.stageIsDefault ? { stageIsDefault: true } : {}) });
        });
        // Sharing: a contact with an address (any case) or a CRM id in common with another.
        const personKeys = (c: IncomingContact) => [...c.emails.map((e) => `e:${e.toLowerCase()}`), ...c.crmIds.map((id) => `c:${id}`)];
        const sharing = contacts.map((a, i) => (contacts.some((b, j) => j !== i && personKeys(a).some((k) => personKeys(b).includes(k))) ? 1 : 0));
        expect([...rows.personKeys().sharing]).toEqual(sharing);
        expect(rows.personKeys().keys.toSorted()).toEqual([...new Set(contacts.flatMap(personKeys))].toSorted());
      }),
    );
  });

  it('stores what mergeContacts makes of the stored and incoming contacts, the rows that meet nobody as text (property)', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(arbContact, { maxLength: 4 }), fc.array(arbContact, { maxLength: 6 }), async (storedRaw, incomingRaw) => {
        // Ids of their own: rows meet through their addresses and CRM ids only.
        const stored = storedRaw.map((c, i) => ({ ...c, id: `s${i}` }));
        const incoming = incomingRaw.map((c, i) => ({ ...c, id: `p${i}` }));
        const db = await openLensDb(`rows-mixed-${++n}-${Math.random()}`);
        await writeImport(db, { contacts: stored, events: [], campaigns: [] }, DEMO_NOW);
        const before = (await readAllPeople(db)).contacts;
        const outcome = await writeImport(db, { contacts: incoming, events: [], campaigns: [] }, DEMO_NOW);
        const expected = mergeContacts(before, incoming);
        const byId = (list: readonly { id: string }[]) => list.toSorted((a, b) => a.id.localeCompare(b.id));
        expect(byId((await readAllPeople(db)).contacts)).toEqual(byId(expected.contacts));
        expect(outcome.contacts.created).toBe(expected.created);
        // Again: nothing new, nothing changed (rows whose text is their stored record's are only counted).
        const after = await snapshot(db);
        const again = await writeImport(db, { contacts: incoming, events: [], campaigns: [] }, DEMO_NOW);
        expect(again.contacts.created).toBe(0);
        expect(again.contacts.updated).toBe(0);
        expect(await snapshot(db)).toBe(after);
        db.close();
      }),
      { numRuns: 40 },
    );
  });

  it('counts a re-imported row whose text is its stored record as unchanged, and merges one that changed', async () => {
    const db = await seededDb();
    const people: IncomingContact[] = Array.from({ length: 30 }, (_, i) => ({
      id: `hubspot-${900 + i}`,
      emails: [`person${i}@acme.example`],
      firstName: 'P',
      lastName: `${i}`,
      crmIds: [`hubspot:${900 + i}`],
      lifecycleStage: 'lead',
      properties: {},
    }));
    expect((await writeImport(db, { contacts: people, events: [], campaigns: [] }, DEMO_NOW)).contacts.created).toBe(30);
    const stored = await snapshot(db);
    expect((await writeImport(db, { contacts: people, events: [], campaigns: [] }, DEMO_NOW)).contacts).toEqual({ created: 0, updated: 0, unchanged: 30, merged: 0 });
    expect(await snapshot(db)).toBe(stored);
    // One row changed (a title), one new address for another: merged as before; the rest only counted.
    const changed = people.map((p, i) => (i === 3 ? { ...p, title: 'CFO' } : i === 7 ? { ...p, emails: [...p.emails, 'p7@home.example'] } : p));
    expect((await writeImport(db, { contacts: changed, events: [], campaigns: [] }, DEMO_NOW)).contacts).toEqual({ created: 0, updated: 2, unchanged: 28, merged: 0 });
    const { contacts } = await readAllPeople(db);
    expect(contacts.find((c) => c.id === 'hubspot-903')?.title).toBe('CFO');
    expect(contacts.find((c) => c.id === 'hubspot-907')?.emails).toEqual(['person7@acme.example', 'p7@home.example']);
  });

  it('joins the parts of a file as one set, posted as plain data', () => {
    fc.assert(
      fc.property(fc.array(arbContact, { maxLength: 4 }), fc.array(arbContact, { maxLength: 4 }), (a, b) => {
        const joined = ContactRows.join([ContactRows.from(structuredClone(ContactRows.of(a).data())), ContactRows.of(b)]);
        expect(joined.data()).toEqual(ContactRows.of([...a, ...b]).data());
      }),
    );
  });

  it('stores a new contact as its text beside the parsed contacts of its shard', async () => {
    const db = await seededDb();
    const neighbour = demoDataset().contacts[0]!;
    // An id in the same shard as a stored contact: the shard holds a parsed contact and a text one when written.
    let k = 0;
    while (shardOf(`hubspot-${k}`) !== shardOf(neighbour.id)) k++;
    const incoming: IncomingContact = { id: `hubspot-${k}`, emails: ['new@acme.example'], firstName: 'New', lastName: 'Person', crmIds: [`hubspot:${k}`], lifecycleStage: 'lead', properties: {} };
    const before = (await readAllPeople(db)).contacts.find((c) => c.id === neighbour.id);
    const outcome = await writeImport(db, { contacts: [incoming], events: [], campaigns: [] }, DEMO_NOW);
    expect(outcome.contacts.created).toBe(1);
    const shard = fromStoredPeople((await db.get('shards', shardOf(neighbour.id)))!);
    expect(shard.contacts.map((c) => c.id)).toEqual(expect.arrayContaining([neighbour.id, incoming.id]));
    expect(shard.contacts.find((c) => c.id === incoming.id)).toEqual(incoming);
    const { contacts } = await readAllPeople(db);
    expect(contacts.find((c) => c.id === neighbour.id)).toEqual(before);
  });

  it('refuses two new contacts that would be stored under one id, writing nothing', async () => {
    const db = await openLensDb(`rows-${Math.random()}`);
    const person = (email: string): IncomingContact => ({ id: 'hubspot-1', emails: [email], firstName: '', lastName: '', crmIds: [], lifecycleStage: 'lead', properties: {} });
    await expect(writeImport(db, { contacts: [person('a@x.example'), person('b@x.example')], events: [], campaigns: [] }, DEMO_NOW)).rejects.toThrow(
      'Two different contacts in this import would both be stored as "hubspot-1"',
    );
    expect((await readAllPeople(db)).contacts).toEqual([]);
  });
});
