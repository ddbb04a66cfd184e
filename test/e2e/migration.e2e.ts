import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { MarketingDataset } from '../../lib/model';
import { THREAD_URL, launchLens, stopServiceWorker } from '../../scripts/lens-browser.mjs';

/**
 * Upgrading an installed Lens: a database written by schema version 1 (contacts and events one record each) is opened
 * by this version in real Chromium, whose IndexedDB — unlike the unit tests' fake — enforces when an upgrade
 * transaction may still create and delete stores. The v1 database is built here by hand, as version 1 laid it out.
 */

const ROOT = join(import.meta.dirname, '..', '..');
// The demo as version 1 stored it: parsed with the model's schemas (their defaults filled in), then written.
const demo = MarketingDataset.parse(JSON.parse(readFileSync(join(ROOT, 'public', 'demo', 'marketing-demo.json'), 'utf8')));

let userDataDir: string;
let context: BrowserContext;
let extensionId: string;

beforeAll(async () => {
  userDataDir = await mkdtemp(join(tmpdir(), 'lens-migration-'));
  ({ context, extensionId } = await launchLens({ userDataDir }));
});

afterAll(async () => {
  await context?.close();
  await rm(userDataDir, { recursive: true, force: true });
});

/** In an extension page: replace the database with one written by schema version 1. */
function writeVersionOne(page: Page) {
  const dana = demo.contacts.find((c) => c.emails.includes('dana.whitfield@northwind.example'))!;
  return page.evaluate(
    async ({ data, danaId }) => {
      const done = (request: IDBRequest | IDBOpenDBRequest) =>
        new Promise<unknown>((resolve, reject) => {
          request.addEventListener('success', () => resolve(request.result));
          request.addEventListener('error', () => reject(request.error));
        });
      // The installed version's connection closes itself when another version asks (openLensDb's `blocking`).
      await done(indexedDB.deleteDatabase('smarketing-lens'));
      const open = indexedDB.open('smarketing-lens', 1);
      open.addEventListener('upgradeneeded', () => {
        const db = open.result;
        const contacts = db.createObjectStore('contacts', { keyPath: 'id' });
        contacts.createIndex('byEmail', 'emails', { multiEntry: true });
        contacts.createIndex('byLinkedinSlug', 'linkedinSlug');
        contacts.createIndex('byCrmId', 'crmIds', { multiEntry: true });
        db.createObjectStore('events', { keyPath: 'id' }).createIndex('byContact', 'contactId');
        db.createObjectStore('campaigns', { keyPath: 'id' });
        db.createObjectStore('personas', { keyPath: 'id' });
        db.createObjectStore('content', { keyPath: 'id' });
        const feedback = db.createObjectStore('feedback', { keyPath: 'id' });
        feedback.createIndex('byContactKey', 'contactKey');
        feedback.createIndex('byCreatedAt', 'createdAt');
        db.createObjectStore('recentContacts', { keyPath: 'key' }).createIndex('bySeenAt', 'seenAt');
        db.createObjectStore('meta', { keyPath: 'key' });
        db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true }).createIndex('byId', 'id', { unique: true });
        const usage = db.createObjectStore('usage', { keyPath: 'id' });
        usage.createIndex('byAt', 'at');
        usage.createIndex('byContent', 'contentId');
      });
      const db = (await done(open)) as IDBDatabase;
      const tx = db.transaction(['contacts', 'events', 'campaigns', 'personas', 'content', 'feedback', 'meta'], 'readwrite');
      for (const c of data.contacts) tx.objectStore('contacts').put(c);
      for (const e of data.events) tx.objectStore('events').put(e);
      for (const c of data.campaigns) tx.objectStore('campaigns').put(c);
      for (const p of data.personas) tx.objectStore('personas').put(p);
      for (const a of data.content) tx.objectStore('content').put(a);
      tx.objectStore('meta').put({ key: 'dataset', source: 'demo', loadedAt: new Date().toISOString(), shiftedByMs: 0 });
      tx.objectStore('meta').put({ key: 'sla', value: data.sla });
      tx.objectStore('feedback').put({ id: 'f-v1', contactKey: 'dana.whitfield@northwind.example', contactId: danaId, verdict: 'good_fit', createdAt: new Date().toISOString() });
      await new Promise((resolve, reject) => {
        tx.addEventListener('complete', resolve);
        tx.addEventListener('error', () => reject(tx.error));
      });
      db.close();
    },
    { data: demo, danaId: dana.id },
  );
}

/** The database's version, its stores, and how many contacts and events the sharded ones hold. */
function describeDatabase(page: Page) {
  return page.evaluate(async () => {
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      const open = indexedDB.open('smarketing-lens');
      open.addEventListener('success', () => resolve(open.result));
      open.addEventListener('error', () => reject(open.error));
    });
    const stores = [...db.objectStoreNames].toSorted();
    const all = (name: string) =>
      new Promise<unknown[]>((resolve, reject) => {
        const req = db.transaction(name, 'readonly').objectStore(name).getAll();
        req.addEventListener('success', () => resolve(req.result));
        req.addEventListener('error', () => reject(req.error));
      });
    const shards = stores.includes('shards') ? ((await all('shards')) as Array<{ contactsJson: string }>) : [];
    const eventShards = stores.includes('eventShards') ? ((await all('eventShards')) as Array<{ columns: { length: number } }>) : [];
    const keyShards = stores.includes('keys') ? ((await all('keys')) as Array<{ text?: unknown }>) : [];
    const meta = (await all('meta')) as Array<{ key: string; value?: unknown }>;
    const outcomes = meta.find((m) => m.key === 'outcomes')?.value;
    const out = {
      version: db.version,
      stores,
      contacts: shards.reduce((n, s) => n + (JSON.parse(s.contactsJson) as unknown[]).length, 0),
      events: eventShards.reduce((n, s) => n + s.columns.length, 0),
      keyShardsAsText: keyShards.length > 0 && keyShards.every((s) => typeof s.text === 'string'),
      trackRecordAssets: outcomes instanceof Map ? outcomes.size : -1,
    };
    db.close();
    return out;
  });
}

describe('upgrading from schema version 1', () => {
  it('moves contacts and events into shards in Chromium, and the sidebar shows the same person and history', async () => {
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await writeVersionOne(options);
    expect(await describeDatabase(options)).toMatchObject({ version: 1, contacts: 0, events: 0 });
    // A fresh service worker opens the database at the current version: the upgrade runs there.
    await stopServiceWorker(context, options);

    const gmail = await context.newPage();
    await gmail.goto(THREAD_URL.dana);
    const aside = gmail.getByRole('complementary', { name: 'Smarketing Lens' });
    await expect.poll(() => aside.getByText('Dana Whitfield', { exact: true }).count(), { timeout: 20_000 }).toBe(1);
    const history = aside.locator('section').filter({ has: gmail.getByRole('heading', { name: 'Campaign history', exact: true }) });
    // Dana's twelve demo touches, read from the migrated event shard.
    await expect.poll(() => history.textContent(), { timeout: 10_000 }).toMatch(/12 touches across 4 campaigns/);
    expect(await history.textContent()).toContain('Ops Efficiency Nurture 2026');

    const after = await describeDatabase(options);
    expect(after.version).toBe(5);
    expect(after.stores).not.toContain('contacts');
    expect(after.stores).not.toContain('events');
    expect(after.stores).not.toContain('staging'); // v2 created it, v3 dropped it
    expect(after.stores).toEqual(expect.arrayContaining(['shards', 'eventShards', 'shardSummaries', 'keys']));
    expect(after.keyShardsAsText).toBe(true); // v4's layout (v5's people shards are counted above, from their JSON)
    expect({ contacts: after.contacts, events: after.events }).toEqual({ contacts: demo.contacts.length, events: demo.events.length });
    // The track record was computed during the upgrade (Dana's verdict and the demo's meetings and SQLs count).
    expect(after.trackRecordAssets).toBeGreaterThan(0);
    await gmail.close();
    await options.close();
  });
});
