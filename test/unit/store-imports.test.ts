import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importCsv, readPack } from '../../lib/importers';
import type { EngagementEvent } from '../../lib/model';
import { commitImport, findContactByEmail, readAllPeople, shardOf, readDirectoryData, directoryFrom, readLibrary, readSla, writeImport, writePack, type LensDatabase } from '../../lib/store';
import { DEMO_NOW, ROOT, readForCommit, seededDb } from './helpers';
import { countPeople, snapshot } from './store-snapshot';

const IMPORTS = join(ROOT, 'test', 'fixtures', 'imports');
const fixture = (name: string) => readFileSync(join(IMPORTS, name), 'utf8');


async function importFixture(db: LensDatabase, name: string) {
  const directory = directoryFrom(await readDirectoryData(db));
  const parsed = await importCsv(fixture(name), { file: name, directory });
  expect(parsed.errorCount).toBe(0);
  return { parsed, outcome: await writeImport(db, parsed, DEMO_NOW) };
}

describe('writing an import', () => {
  it('adds new contacts, updates a known one found by email, and changes nothing on a re-import', async () => {
    const db = await seededDb();
    const before = (await countPeople(db)).contacts;
    const { outcome } = await importFixture(db, 'hubspot-contacts-brightfield.csv');
    expect(outcome.contacts).toEqual({ created: 2, updated: 1, unchanged: 0, merged: 0 });
    expect((await countPeople(db)).contacts).toBe(before + 2);

    const lee = await findContactByEmail(db, 'lee.morgan@brightfield.example');
    expect(lee?.contact).toMatchObject({ firstName: 'Lee', lastName: 'Morgan', lifecycleStage: 'mql', crmIds: ['hubspot:9101'], company: 'Brightfield Distribution' });
    // The demo's Dana keeps her id (her events point at it) and gains the HubSpot record id and score.
    const dana = await findContactByEmail(db, 'dana.whitfield@northwind.example');
    expect(dana?.contact.id).toBe('ct-dana-whitfield');
    expect(dana?.contact.crmIds).toContain('hubspot:9103');
    expect(dana?.contact.importedScores).toContainEqual({ system: 'hubspot', label: 'HubSpot Score', value: 88 });

    const after = await snapshot(db);
    const again = await importFixture(db, 'hubspot-contacts-brightfield.csv');
    expect(again.outcome.contacts).toEqual({ created: 0, updated: 0, unchanged: 3, merged: 0 });
    expect(await snapshot(db)).toBe(after);
  });

  it('attaches events to stored contacts, creates the campaigns the file names, and never duplicates an event', async () => {
    const db = await seededDb();
    await importFixture(db, 'hubspot-contacts-brightfield.csv');
    const eventsBefore = (await countPeople(db)).events;
    const { outcome } = await importFixture(db, 'engagement-events-brightfield.csv');
    expect(outcome.events).toEqual({ added: 4, duplicates: 0, moved: 0 });
    // "Webinar: Forecasting Without Spreadsheets" and "Ops Efficiency Nurture 2026" are the demo's; the roadshow is new.
    expect(outcome.campaigns).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect((await countPeople(db)).events).toBe(eventsBefore + 4);
    const lee = await findContactByEmail(db, 'lee.morgan@brightfield.example');
    expect(lee?.events.map((e) => e.campaignId).toSorted()).toEqual(['cmp-brightfield-partner-roadshow', 'cmp-nurture-ops', 'cmp-webinar-forecast']);
    expect((await readLibrary(db)).campaigns.get('cmp-brightfield-partner-roadshow')?.name).toBe('Brightfield Partner Roadshow');

    const after = await snapshot(db);
    const again = await importFixture(db, 'engagement-events-brightfield.csv');
    expect(again.outcome.events).toEqual({ added: 0, duplicates: 4, moved: 0 });
    // The second time the directory knows the roadshow by name: the file introduces no campaign.
    expect(again.outcome.campaigns).toEqual({ created: 0, updated: 0, unchanged: 0 });
    expect(await snapshot(db)).toBe(after);
  });

  it('merges two stored records an import proves to be one person, and moves the events with them', async () => {
    const db = await seededDb();
    const jonahEvents = (await findContactByEmail(db, 'jonah.reyes@northwind.example'))!.events.length;
    const danaEvents = (await findContactByEmail(db, 'dana.whitfield@northwind.example'))!.events.length;
    expect(jonahEvents).toBeGreaterThan(0);
    // One row names both addresses (a shared inbox turned out to be one person's alias: contrived, but it is the case).
    const outcome = await writeImport(
      db,
      {
        contacts: [
          {
            id: 'hubspot-77',
            emails: ['dana.whitfield@northwind.example', 'jonah.reyes@northwind.example'],
            firstName: '',
            lastName: '',
            crmIds: ['hubspot:77'],
            lifecycleStage: 'lead',
            stageIsDefault: true,
            properties: {},
          },
        ],
        events: [],
        campaigns: [],
      },
      DEMO_NOW,
    );
    expect(outcome.contacts).toMatchObject({ created: 0, updated: 1, merged: 1 });
    expect(outcome.events.moved).toBe(jonahEvents);
    expect((await readAllPeople(db)).contacts.find((c) => c.id === 'ct-jonah-reyes')).toBeUndefined();
    const merged = await findContactByEmail(db, 'jonah.reyes@northwind.example');
    expect(merged?.contact.id).toBe('ct-dana-whitfield');
    expect(merged?.contact.lifecycleStage).toBe('mql'); // the file had no stage: the stored one stays
    expect(merged?.events).toHaveLength(danaEvents + jonahEvents);
  });
});

describe('imports read from a file', () => {
  it('finds a row repeated in the file by its derived id, and a row already stored by its key', async () => {
    const db = await seededDb();
    const email = 'new.person@acme.example';
    await writeImport(db, { contacts: [{ id: 'hubspot-777', emails: [email], firstName: 'New', lastName: 'Person', crmIds: [], lifecycleStage: 'lead', properties: {} }], events: [], campaigns: [] }, DEMO_NOW);
    // Nobody's events share this person's shard yet: the commit compares ids there, not keys.
    expect(await db.get('eventShards', shardOf('hubspot-777'))).toBeUndefined();
    const row = (day: number) => `${email},email_click,Ops Efficiency Nurture 2026,,2026-10-0${day}T09:00:00.000Z,`;
    const csv = ['email,event_type,campaign,content,timestamp,details', row(1), row(2), row(1), row(3)].join('\n');
    const stageAndCommit = async () => {
      const { read } = await readForCommit(csv, { file: 'e.csv', directory: directoryFrom(await readDirectoryData(db)) });
      return commitImport(db, read, DEMO_NOW);
    };
    expect((await stageAndCommit()).events).toEqual({ added: 3, duplicates: 1, moved: 0 });
    // The second time the shard holds events already: every row is found by its key.
    expect((await stageAndCommit()).events).toEqual({ added: 0, duplicates: 4, moved: 0 });
    expect((await findContactByEmail(db, email))!.events).toHaveLength(3);
  });
});

describe('all or nothing', () => {
  it('leaves the store exactly as it was when a record fails mid-transaction', async () => {
    const db = await seededDb();
    const before = await snapshot(db);
    const { parsed } = { parsed: await importCsv(fixture('hubspot-contacts-brightfield.csv'), { file: 'x.csv' }) };
    // The contacts' shards and key index are written first; then IndexedDB refuses a shard holding a value it cannot
    // store (a function: a DataCloneError). Everything must roll back.
    const broken = { id: 'ev-x', contactId: 'ct-dana-whitfield', type: 'email_open', at: '2026-11-20T10:00:00Z', details: () => 'not data' } as unknown as EngagementEvent;
    await expect(writeImport(db, { ...parsed, events: [broken] })).rejects.toThrow(/clone/i);
    expect(await snapshot(db)).toBe(before);
  });

  it('refuses events whose contact exists nowhere, naming it, and writes none of the contacts either', async () => {
    const db = await seededDb();
    const before = await snapshot(db);
    const { parsed } = { parsed: await importCsv(fixture('hubspot-contacts-brightfield.csv'), { file: 'x.csv' }) };
    const orphan: EngagementEvent = { id: 'ev-orphan', contactId: 'nobody-1', type: 'email_open', at: '2026-11-20T10:00:00Z' };
    await expect(writeImport(db, { ...parsed, events: [orphan] })).rejects.toThrow(/belongs to contact "nobody-1", who is neither stored nor in this import; nothing was imported/);
    expect(await snapshot(db)).toBe(before);
  });
});

describe('marketing packs', () => {
  it('replace personas, content, campaigns and the SLA in one transaction', async () => {
    const db = await seededDb();
    const result = await readPack(fixture('marketing-pack.json'));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const outcome = await writePack(db, result.pack, DEMO_NOW);
    const library = await readLibrary(db);
    expect(library.personas.map((p) => p.id).toSorted()).toEqual(result.pack.personas.map((p) => p.id).toSorted());
    expect(library.content).toHaveLength(result.pack.content.length);
    expect([...library.campaigns.keys()].toSorted()).toEqual(result.pack.campaigns.map((c) => c.id).toSorted());
    expect(await readSla(db)).toEqual(result.pack.sla);
    expect(outcome).toMatchObject({ personas: result.pack.personas.length, content: result.pack.content.length });
  });
});
