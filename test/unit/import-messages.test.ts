import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDeliveryHandlers } from '../../lib/background/delivery-handlers';
import { composeHandlers, createBackgroundHandlers } from '../../lib/background/handlers';
import { createImportHandlers } from '../../lib/background/import-handlers';
import { createScoringHandlers } from '../../lib/background/scoring-handlers';
import { createHandlers, type TabContacts } from '../../lib/background/service';
import { detachedSiteSettings } from '../../lib/background/site-settings';
import { createDirectory, importCsv } from '../../lib/importers';
import type { ResponseData, TabContact } from '../../lib/messaging/protocol';
import { createRouter, type Sender } from '../../lib/messaging/router';
import { checkBackup, openLensDb, readBackup, restoreBackup } from '../../lib/store';
import { DEMO_NOW, ROOT, seededDb } from './helpers';
import { snapshot } from './store-snapshot';

const EXT_ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${EXT_ID}/`;
const page: Sender = { id: EXT_ID, url: `${ORIGIN}options.html` };
const content: Sender = { id: EXT_ID, url: 'https://mail.google.com/mail/u/0/', tab: { id: 7 } };
const lee = { site: 'gmail', pageKind: 'conversation', email: 'lee.morgan@brightfield.example', name: 'Lee Morgan' };
const fixture = (name: string) => readFileSync(join(ROOT, 'test', 'fixtures', 'imports', name), 'utf8');

function memoryTabs(): TabContacts {
  const map = new Map<number, TabContact>();
  return { get: async (id) => map.get(id) ?? null, set: async (id, c) => void (c ? map.set(id, c) : map.delete(id)) };
}

async function setup({ withChanges = true } = {}) {
  const db = await seededDb();
  const getDb = async () => db;
  let n = 0;
  const deps = {
    db: getDb,
    tabs: memoryTabs(),
    now: () => DEMO_NOW,
    newId: () => `t${++n}`,
    destinations: { get: async () => null, set: async () => undefined },
    hasOriginPermission: async () => false,
    kick: () => undefined,
    fetch,
  };
  // Without shared DataChanges (the pieces wired apart) imports cannot tell the lookups to drop their caches.
  const handlers = withChanges
    ? createBackgroundHandlers(deps)
    : composeHandlers(
        createHandlers(deps),
        createDeliveryHandlers(deps),
        getDb,
        createImportHandlers(deps),
        createScoringHandlers(deps),
        detachedSiteSettings(),
      );
  const route = createRouter(handlers, { extensionId: EXT_ID, extensionOrigin: ORIGIN });
  /** Sends as the options page and returns the data, or throws the background's error. */
  const send = async <T extends keyof ResponseData>(type: T, payload: object): Promise<ResponseData[T]> => {
    const answer = await route({ type, ...payload }, page);
    if (!answer.ok) throw new Error(answer.error);
    return answer.data as ResponseData[T];
  };
  return { db, route, send };
}

/** What the options page does: parse with the store's directory, send in batches, commit. */
async function importThroughMessages(send: Awaited<ReturnType<typeof setup>>['send'], name: string) {
  const directory = createDirectory(await send('import.directory', {}));
  const parsed = await importCsv(fixture(name), { file: name, directory });
  const { importId } = await send('import.begin', { file: name });
  await send('import.batch', { importId, seq: 0, contacts: parsed.contacts, events: parsed.events, campaigns: parsed.campaigns });
  return send('import.commit', {
    importId,
    expected: { batches: 1, contacts: parsed.contacts.length, events: parsed.events.length, campaigns: parsed.campaigns.length },
  });
}

describe('import messages', () => {
  it('stage batches and commit them; the sidebar sees the new person and the new campaign at once', async () => {
    const { send, route } = await setup();
    const unknown = await route({ type: 'lens.lookup', contact: lee }, content);
    expect(unknown.ok && (unknown.data as ResponseData['lens.lookup']).known).toBe(false);

    expect((await importThroughMessages(send, 'hubspot-contacts-brightfield.csv')).contacts).toMatchObject({ created: 2, updated: 1 });
    const events = await importThroughMessages(send, 'engagement-events-brightfield.csv');
    expect(events.events.added).toBe(4);

    const known = await route({ type: 'lens.lookup', contact: lee }, content);
    if (!known.ok) throw new Error(known.error);
    const view = known.data as ResponseData['lens.lookup'];
    expect(view.known).toBe(true);
    // The roadshow campaign was created by the import: only a dropped library cache can name it.
    expect(view.campaignTouches.map((t) => t.campaignName)).toContain('Brightfield Partner Roadshow');
  });

  it('without the change notice the cached library would name the new campaign "Direct (no campaign)" (why the cache is dropped)', async () => {
    const { send, route } = await setup({ withChanges: false });
    await route({ type: 'lens.lookup', contact: lee }, content); // fills the library cache
    await importThroughMessages(send, 'hubspot-contacts-brightfield.csv');
    await importThroughMessages(send, 'engagement-events-brightfield.csv');
    const stale = await route({ type: 'lens.lookup', contact: lee }, content);
    if (!stale.ok) throw new Error(stale.error);
    expect((stale.data as ResponseData['lens.lookup']).campaignTouches.map((t) => t.campaignName)).not.toContain('Brightfield Partner Roadshow');
  });

  it('rejects bad payloads with clear errors, and nothing is written', async () => {
    const { db, route, send } = await setup();
    const before = await snapshot(db);
    const { importId } = await send('import.begin', { file: 'contacts.csv' });
    const contact = { id: 'hubspot-1', emails: ['a@b.example'], firstName: 'A', lastName: 'B', lifecycleStage: 'lead' };

    expect(await route({ type: 'import.batch', importId, seq: 0, contacts: [{ ...contact, emails: ['not an email'] }] }, page)).toEqual({
      ok: false,
      error: 'Invalid "import.batch" message: contacts.0.emails.0 is not an email address.',
    });
    const tooMany = await route({ type: 'import.batch', importId, seq: 0, contacts: Array.from({ length: 2001 }, () => contact) }, page);
    expect(tooMany).toMatchObject({ ok: false, error: expect.stringMatching(/^Invalid "import.batch" message: contacts Too big: expected array to have <=2000 items/) });
    const split = await route(
      { type: 'import.batch', importId, seq: 0, contacts: Array.from({ length: 1500 }, () => contact), campaigns: Array.from({ length: 600 }, () => ({ id: 'c', name: 'C', type: 'other', startedAt: '2026-01-01T00:00:00Z' })) },
      page,
    );
    expect(split).toEqual({ ok: false, error: 'Invalid "import.batch" message: contacts holds more than 2000 records: split it.' });
    expect(await route({ type: 'import.batch', importId: '../etc', seq: 0 }, page)).toEqual({
      ok: false,
      error: 'Invalid "import.batch" message: importId is not an import id.',
    });
    expect(await route({ type: 'import.commit', importId, expected: { batches: 0, contacts: 0, events: 0, campaigns: 0 } }, content)).toEqual({
      ok: false,
      error: 'Rejected: "import.commit" may only come from the extension\'s own pages.',
    });
    expect(await route({ type: 'import.pack', pack: { version: 1 } }, content)).toMatchObject({ ok: false, error: expect.stringMatching(/^Rejected/) });

    // A batch out of order cancels the import.
    await send('import.batch', { importId, seq: 0, contacts: [contact] });
    await expect(send('import.batch', { importId, seq: 2, contacts: [contact] })).rejects.toThrow(
      'Batch 2 of "contacts.csv" arrived where batch 1 was expected; the import was cancelled and nothing was written.',
    );
    await expect(send('import.commit', { importId, expected: { batches: 1, contacts: 1, events: 0, campaigns: 0 } })).rejects.toThrow(/Unknown import "imp-t1"/);

    // A commit whose counts disagree with what arrived writes nothing.
    const second = await send('import.begin', { file: 'contacts.csv' });
    await send('import.batch', { importId: second.importId, seq: 0, contacts: [contact] });
    await expect(send('import.commit', { importId: second.importId, expected: { batches: 2, contacts: 2, events: 0, campaigns: 0 } })).rejects.toThrow(
      /received \{"batches":1,"contacts":1,"events":0,"campaigns":0\} of "contacts.csv" but the page sent/,
    );
    // An aborted import is gone.
    const third = await send('import.begin', { file: 'contacts.csv' });
    expect(await send('import.abort', { importId: third.importId })).toEqual({ aborted: true });
    expect(await send('import.abort', { importId: third.importId })).toEqual({ aborted: false });
    expect(await snapshot(db)).toBe(before);
  });

  it('validates a marketing pack again in the background and changes nothing when it is invalid', async () => {
    const { db, send } = await setup();
    const before = await snapshot(db);
    await expect(send('import.pack', { pack: JSON.parse(fixture('marketing-pack-invalid.json')) as object })).rejects.toThrow(
      /^"import.pack" failed: The marketing pack is invalid: .*must be an http\(s\) URL.*Nothing was changed\.$/,
    );
    expect(await snapshot(db)).toBe(before);
    const outcome = await send('import.pack', { pack: JSON.parse(fixture('marketing-pack.json')) as object });
    expect(outcome.personas).toBeGreaterThan(0);
  });
});

describe('backup and restore', () => {
  it('round-trips every store into a fresh database, identically, without the outbox or any secret', async () => {
    const { db, send } = await setup();
    await importThroughMessages(send, 'hubspot-contacts-brightfield.csv');
    await importThroughMessages(send, 'engagement-events-brightfield.csv');
    await send('feedback.submit', { feedback: { contact: { key: 'lee.morgan@brightfield.example', email: 'lee.morgan@brightfield.example' }, verdict: 'good_fit', note: 'Ready' } });
    await db.put('usage', { id: 'u1', at: '2026-11-20T10:00:00.000Z', contactKey: 'lee.morgan@brightfield.example', contentId: 'asset-pricing-sheet', action: 'opened', rank: 1 });
    await db.add('outbox', { id: 'o1', event: { id: 'o1', type: 'test', time: '2026-11-20T10:00:00.000Z' }, state: 'queued', attempts: 0, nextAttemptAt: '2026-11-20T10:00:00.000Z' } as never);

    const backup = await send('backup.export', {});
    const text = JSON.stringify(backup);
    expect(Object.keys(backup.stores).toSorted()).toEqual(['campaigns', 'contacts', 'content', 'events', 'feedback', 'meta', 'personas', 'recentContacts', 'usage']);
    expect(text).not.toMatch(/secret|outbox/i);

    // Another profile: a fresh database (seeded with the demo, as the background would) gets the backup.
    const other = await seededDb();
    const checked = checkBackup(JSON.parse(text));
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    await restoreBackup(other, checked.backup);
    const again = await readBackup(other, DEMO_NOW);
    // Equal record by record (key order inside a record is the schema's after a restore, which is not state).
    expect(JSON.parse(JSON.stringify({ ...again, exportedAt: backup.exportedAt }))).toEqual(JSON.parse(text));
    const stores = (d: typeof db) => Promise.all(['contacts', 'events', 'campaigns', 'personas', 'content', 'feedback', 'usage', 'recentContacts', 'meta'].map((s) => d.getAll(s as 'contacts')));
    expect(await stores(other)).toEqual(await stores(db));

    // Restoring into an empty (never seeded) database works too, and leaves a record that stops demo seeding.
    const empty = await openLensDb(`empty-${Math.random()}`);
    await restoreBackup(empty, checked.backup);
    expect(await empty.count('contacts')).toBe(backup.stores.contacts.length);
  });

  it('refuses a backup that is not one, or is broken, with its path, and keeps the current data', async () => {
    const { db, send, route } = await setup();
    const backup = await send('backup.export', {});
    expect(checkBackup({ format: 'something-else' })).toEqual({ ok: false, errors: [{ path: 'format', reason: 'is not "smarketing-lens-backup": this file is not a Smarketing Lens backup' }] });
    expect(checkBackup({ ...backup, version: 2 })).toEqual({ ok: false, errors: [{ path: 'version', reason: 'is 2, newer than this Lens reads (1): update the extension' }] });
    const broken = structuredClone(backup);
    broken.stores.events[0]!.contactId = 'ghost';
    broken.stores.content[0]!.url = 'javascript:alert(1)';
    const check = checkBackup(broken);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['stores.content[0].url', 'stores.events[0].contactId']));

    const before = await snapshot(db);
    const answer = await route({ type: 'backup.restore', backup: broken }, page);
    expect(answer).toMatchObject({ ok: false, error: expect.stringMatching(/^Invalid "backup.restore" message: backup\.stores\.content\.0\.url must be an http\(s\) URL/) });
    expect(await snapshot(db)).toBe(before);
  });
});
