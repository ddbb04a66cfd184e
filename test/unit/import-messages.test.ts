import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDeliveryHandlers } from '../../lib/background/delivery-handlers';
import { composeHandlers, createBackgroundHandlers } from '../../lib/background/handlers';
import { createImportHandlers } from '../../lib/background/import-handlers';
import { createScoringHandlers } from '../../lib/background/scoring-handlers';
import { createHandlers, type TabContacts } from '../../lib/background/service';
import { detachedSiteSettings } from '../../lib/background/site-settings';
import { EventColumns } from '../../lib/importers';
import { eventKeyOf } from '../../lib/importers/merge';
import type { ResponseData, TabContact } from '../../lib/messaging/protocol';
import { createRouter, type Sender } from '../../lib/messaging/router';
import { checkBackup, commitImport, ContactRows, openLensDb, readAllPeople, readBackup, readDirectoryData, directoryFrom, readOutcomes, restoreBackup, type LensDatabase } from '../../lib/store';
import { DEMO_NOW, ROOT, readForCommit, seededDb } from './helpers';
import { countPeople, snapshot } from './store-snapshot';

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

/** What the options page does (lib/options/import-model.ts): parse with the store's directory, commit, tell the background. */
async function importAsThePage(db: LensDatabase, send: Awaited<ReturnType<typeof setup>>['send'], name: string) {
  const directory = directoryFrom(await readDirectoryData(db));
  const { read } = await readForCommit(fixture(name), { file: name, directory });
  const outcome = await commitImport(db, read, DEMO_NOW);
  await send('data.changed', {});
  return outcome;
}

describe('import messages', () => {
  it('the page commits, says data.changed, and the sidebar sees the new person and the new campaign at once', async () => {
    const { db, send, route } = await setup();
    const unknown = await route({ type: 'lens.lookup', contact: lee }, content);
    expect(unknown.ok && (unknown.data as ResponseData['lens.lookup']).known).toBe(false);

    expect((await importAsThePage(db, send, 'hubspot-contacts-brightfield.csv')).contacts).toMatchObject({ created: 2, updated: 1 });
    const events = await importAsThePage(db, send, 'engagement-events-brightfield.csv');
    expect(events.events.added).toBe(4);

    const known = await route({ type: 'lens.lookup', contact: lee }, content);
    if (!known.ok) throw new Error(known.error);
    const view = known.data as ResponseData['lens.lookup'];
    expect(view.known).toBe(true);
    // The roadshow campaign was created by the import: only a dropped library cache can name it.
    expect(view.campaignTouches.map((t) => t.campaignName)).toContain('Brightfield Partner Roadshow');
  });

  it('without the change notice the cached library would name the new campaign "Direct (no campaign)" (why the cache is dropped)', async () => {
    const { db, send, route } = await setup({ withChanges: false });
    await route({ type: 'lens.lookup', contact: lee }, content); // fills the library cache
    await importAsThePage(db, send, 'hubspot-contacts-brightfield.csv');
    await importAsThePage(db, send, 'engagement-events-brightfield.csv');
    const stale = await route({ type: 'lens.lookup', contact: lee }, content);
    if (!stale.ok) throw new Error(stale.error);
    expect((stale.data as ResponseData['lens.lookup']).campaignTouches.map((t) => t.campaignName)).not.toContain('Brightfield Partner Roadshow');
  });

  it('accepts data.changed and packs only from the extension’s own pages', async () => {
    const { route } = await setup();
    expect(await route({ type: 'data.changed' }, content)).toEqual({ ok: false, error: 'Rejected: "data.changed" may only come from the extension\'s own pages.' });
    expect(await route({ type: 'import.pack', pack: { version: 1 } }, content)).toMatchObject({ ok: false, error: expect.stringMatching(/^Rejected/) });
    expect(await route({ type: 'data.changed' }, page)).toEqual({ ok: true, data: null });
  });

  it('an import whose events name nobody writes nothing', async () => {
    const { db } = await setup();
    const before = await snapshot(db);
    const events = new EventColumns();
    const ms = Date.parse('2026-11-01T10:00:00.000Z');
    events.push(eventKeyOf('ct-ghost', 'email_open', ms), 'ct-ghost', 'email_open', ms);
    await expect(commitImport(db, { contacts: ContactRows.empty(), campaigns: [], events: [events] }, DEMO_NOW)).rejects.toThrow(
      'An event (email_open at 2026-11-01T10:00:00.000Z) belongs to contact "ct-ghost", who is neither stored nor in this import; nothing was imported.',
    );
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
    await importAsThePage(db, send, 'hubspot-contacts-brightfield.csv');
    await importAsThePage(db, send, 'engagement-events-brightfield.csv');
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
    const stores = (d: typeof db) => Promise.all([readAllPeople(d), ...(['campaigns', 'personas', 'content', 'feedback', 'usage', 'recentContacts', 'meta'] as const).map((s) => d.getAll(s))]);
    expect(await stores(other)).toEqual(await stores(db));
    // The track record restored equals the original's (rebuilt from the restored people and verdicts).
    expect(await readOutcomes(other)).toEqual(await readOutcomes(db));

    // Restoring into an empty (never seeded) database works too, and leaves a record that stops demo seeding.
    const empty = await openLensDb(`empty-${Math.random()}`);
    await restoreBackup(empty, checked.backup);
    expect((await countPeople(empty)).contacts).toBe(backup.stores.contacts.length);
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
