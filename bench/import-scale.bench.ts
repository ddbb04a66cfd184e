import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, CDPSession, Page, Worker } from 'playwright-core';
import { THREAD_URL, launchLens, stopServiceWorker } from '../scripts/lens-browser.mjs';
import { lookupKey, shardOf } from '../lib/store/shards';
import { contactEmail, generateExports } from './generate-exports';
import { seededRandom } from './random';

/**
 * Issue 3 item 5: the import and lookup path at 100k contacts + 1M events, measured in real Chromium with the
 * built extension (`npm run bench` builds first). It MEASURES; it does not assert timings (only sanity: rows counted).
 *
 * - Import: the options page's "Import data" input (setInputFiles), the preview's "Import …" button (timed from its
 *   click event), until the page says "Imported …" (or an error), per file, with a hard cap (BENCH_CAP_S, 360 s by
 *   default). The page reads the file (a large events file in two workers), keeps its events as columns in memory,
 *   and commits everything in one transaction (lib/store/imports.ts); the time the page shows "Saving…" splits the
 *   read from the commit.
 * - Peak JS heap: the options page (CDP Performance.getMetrics JSHeapUsedSize) and the service worker (CDP
 *   Runtime.getHeapUsage through a target session), sampled every ~250 ms while importing.
 * - Lookups: `lens.lookup` sent by `chrome.runtime.sendMessage` from the content script's own isolated world on a Gmail
 *   page (CDP Runtime.evaluate in that world): the exact message, sender check, validation and background work a
 *   sidebar lookup costs, timed in the content script, without the page's detection debounce or rendering. Warm: the
 *   service worker running; cold: right after stopping it (DevTools' "stop"), first message wakes it.
 * - Baselines, in the same service worker, on a separate database: one `put` per row (a sample, extrapolated) and one
 *   indexed `get` (each its own readonly transaction).
 *
 * Sizes: BENCH_CONTACTS (100,000), BENCH_EVENTS_TOTAL (1,000,000, generated), BENCH_EVENTS (events imported through the
 * product path; all 1,000,000 by default — about 4 minutes on 2 cores; a smaller number is imported as a prefix of the
 * same stream and the table then says the whole-import figure is extrapolated).
 */

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 100_000);
const EVENTS_TOTAL = Number(process.env.BENCH_EVENTS_TOTAL ?? 1_000_000);
const EVENTS_IMPORTED = Math.min(EVENTS_TOTAL, Number(process.env.BENCH_EVENTS ?? 1_000_000));
const CAP_MS = Number(process.env.BENCH_CAP_S ?? 360) * 1000;
const BASELINE_ROWS = Number(process.env.BENCH_BASELINE_ROWS ?? 20_000);
const GETS = 1000;
const WARM_LOOKUPS = 200;
const COLD_LOOKUPS = 5;

const MB = 1024 * 1024;
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
const ms = (n: number) => (Number.isFinite(n) ? (n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : `${n.toFixed(n < 10 ? 2 : 0)} ms`) : 'n/a');

/** Peak JS heap of the options page and of the service worker, sampled while `running`. */
class HeapSampler {
  peakPage = 0;
  peakWorker = 0;
  samples = 0;
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  private nextId = 1;
  private pending = new Map<number, (value: number) => void>();
  private swSession: string | undefined;

  constructor(
    private readonly pageCdp: CDPSession,
    private readonly hubCdp: CDPSession,
  ) {}

  async start(): Promise<void> {
    await this.pageCdp.send('Performance.enable');
    const { targetInfos } = await this.hubCdp.send('Target.getTargets');
    const sw = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
    if (sw) {
      // Non-flattened attach: Playwright's CDPSession cannot address a child session id, messages can.
      const { sessionId } = await this.hubCdp.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false });
      this.swSession = sessionId;
      this.hubCdp.on('Target.receivedMessageFromTarget', (event) => {
        const message = JSON.parse(event.message) as { id?: number; result?: { usedSize: number } };
        if (message.id !== undefined) this.pending.get(message.id)?.(message.result?.usedSize ?? 0);
        if (message.id !== undefined) this.pending.delete(message.id);
      });
    }
    this.timer = setInterval(() => void this.sample(), 250);
  }

  private workerHeap(): Promise<number> {
    if (!this.swSession) return Promise.resolve(0);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      // A worker busy in a long task answers late: give up after 2 s, the next sample asks again.
      setTimeout(() => this.pending.delete(id) && resolve(0), 2000);
      void this.hubCdp
        .send('Target.sendMessageToTarget', { sessionId: this.swSession!, message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }) })
        .catch(() => resolve(0));
    });
  }

  async sample(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const [metrics, worker] = await Promise.all([
        this.pageCdp.send('Performance.getMetrics').catch(() => ({ metrics: [] as { name: string; value: number }[] })),
        this.workerHeap(),
      ]);
      const page = metrics.metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
      this.peakPage = Math.max(this.peakPage, page);
      this.peakWorker = Math.max(this.peakWorker, worker);
      this.samples++;
    } finally {
      this.busy = false;
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.sample();
    if (this.swSession) await this.hubCdp.send('Target.detachFromTarget', { sessionId: this.swSession }).catch(() => undefined);
    this.swSession = undefined;
  }
}

interface ImportRun {
  file: string;
  rows: number;
  finished: boolean;
  /** Click on "Import …" → "Imported …" (or the cap). */
  totalMs: number;
  /** Click → the page shows "Saving…" (read, map and validate the file). */
  readSendMs?: number;
  /** "Saving…" → "Imported …" (the one-transaction commit). */
  commitMs?: number;
  /** Choosing the file → the preview's button (head of the file read, format detected). */
  previewMs: number;
  result: string;
  peakPageMB: number;
  peakWorkerMB: number;
}

/** Imports one file through the options page as a user would; gives up (and says what it reached) after CAP_MS. */
async function importThroughOptions(options: Page, hub: CDPSession, pageCdp: CDPSession, file: string, rows: number): Promise<ImportRun> {
  const sampler = new HeapSampler(pageCdp, hub);
  await sampler.start();
  try {
    const chosen = Date.now();
    await options.getByLabel('Import data').setInputFiles(file);
    const button = options.getByLabel('Import preview').getByRole('button', { name: /^Import/ });
    await button.waitFor({ timeout: 60_000 });
    const previewMs = Date.now() - chosen;
    // In-page clock: when "Saving…" first shows and when a result or error shows.
    await options.evaluate(() => {
      const w = window as unknown as { benchImport: { clickAt: number; savingAt?: number; doneAt?: number; text?: string; label?: string } };
      w.benchImport = { clickAt: performance.now() };
      // The clock starts when the click reaches the page, not when Playwright is asked to click: its click first waits
      // for the button to be drawn stable, which is harness time (with the page behind another tab it was 1.5-10 s:
      // requestAnimationFrame measured at 1.1-2.0 s, the machine idle).
      document.addEventListener('click', () => (w.benchImport.clickAt = performance.now()), { capture: true, once: true });
      const section = document.querySelector('section[aria-labelledby="import-title"]')!;
      const check = () => {
        const state = w.benchImport;
        const label = section.querySelector('[aria-live] label')?.textContent ?? undefined;
        if (label) state.label = `${label.trim()} ${(section.querySelector('[aria-live] progress') as HTMLProgressElement | null)?.value ?? ''}`;
        if (state.savingAt === undefined && label?.includes('Saving')) state.savingAt = performance.now();
        const done = section.querySelector('p[role="status"], p.error[role="alert"], [aria-label="Import errors"]');
        if (done && state.doneAt === undefined) {
          state.doneAt = performance.now();
          state.text = done.textContent?.slice(0, 300) ?? '';
        }
      };
      new MutationObserver(check).observe(section, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await button.click();
    const deadline = Date.now() + CAP_MS;
    type State = { clickAt: number; savingAt?: number; doneAt?: number; text?: string; label?: string };
    let state: State | undefined;
    while (Date.now() < deadline) {
      state = await options.evaluate(() => (window as unknown as { benchImport: State }).benchImport);
      if (state.doneAt !== undefined) break;
      await options.waitForTimeout(250);
    }
    state ??= await options.evaluate(() => (window as unknown as { benchImport: State }).benchImport);
    const finished = state.doneAt !== undefined;
    const end = state.doneAt ?? (await options.evaluate(() => performance.now()));
    return {
      file,
      rows,
      finished,
      totalMs: end - state.clickAt,
      ...(state.savingAt !== undefined ? { readSendMs: state.savingAt - state.clickAt } : {}),
      ...(state.savingAt !== undefined && finished ? { commitMs: end - state.savingAt } : {}),
      previewMs,
      result: finished ? (state.text ?? '') : `did not finish within ${CAP_MS / 1000} s; last progress: ${state.label ?? '(none)'}`,
      peakPageMB: sampler.peakPage / MB,
      peakWorkerMB: sampler.peakWorker / MB,
    };
  } finally {
    await sampler.stop();
  }
}

/** `lens.lookup` from the content script's isolated world on a Gmail page; returns the round trip in ms. */
class ContentWorld {
  private contextId: number | undefined;
  private constructor(private readonly cdp: CDPSession) {}

  static async open(context: BrowserContext, gmail: Page, extensionId: string): Promise<ContentWorld> {
    const cdp = await context.newCDPSession(gmail);
    const world = new ContentWorld(cdp);
    cdp.on('Runtime.executionContextCreated', ({ context: c }) => {
      const aux = c.auxData as { type?: string } | undefined;
      if (aux?.type === 'isolated' && c.origin === `chrome-extension://${extensionId}`) world.contextId = c.id;
    });
    await cdp.send('Runtime.enable'); // replays the existing contexts
    const until = Date.now() + 10_000;
    while (world.contextId === undefined && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    if (world.contextId === undefined) throw new Error('the content script’s isolated world was not found on the Gmail page');
    return world;
  }

  /** The message floor: a request type the router refuses at once (no store access), timed the same way. */
  async ping(): Promise<number> {
    const expression = `(async () => { const t = performance.now(); await chrome.runtime.sendMessage({ type: 'bench.ping' }); return performance.now() - t; })()`;
    const { result } = await this.cdp.send('Runtime.evaluate', { expression, contextId: this.contextId!, awaitPromise: true, returnByValue: true });
    return result.value as number;
  }

  async lookup(email: string): Promise<{ ms: number; known: boolean; events: number }> {
    const expression = `(async () => {
      const t = performance.now();
      const answer = await chrome.runtime.sendMessage({ type: 'lens.lookup', contact: { site: 'gmail', pageKind: 'conversation', email: ${JSON.stringify(email)} } });
      const ms = performance.now() - t;
      if (!answer || !answer.ok) throw new Error(JSON.stringify(answer).slice(0, 300));
      return { ms, known: answer.data.known, events: answer.data.campaignTouches.length };
    })()`;
    const { result, exceptionDetails } = await this.cdp.send('Runtime.evaluate', { expression, contextId: this.contextId!, awaitPromise: true, returnByValue: true });
    if (exceptionDetails) throw new Error(`lens.lookup failed: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value as { ms: number; known: boolean; events: number };
  }
}

interface Baselines {
  putPerRowUs: number;
  putRows: number;
  putMs: number;
  getP50: number;
  getP99: number;
}

/** In the service worker, on its own database: per-row puts (contact-shaped, with the product's indexes) and indexed gets. */
function baselines(worker: Worker, sampleRows: number, getCount: number): Promise<Baselines> {
  return worker.evaluate(
    async ({ rows, gets }) => {
      const name = 'lens-bench-baseline';
      await new Promise<void>((resolve) => {
        const del = indexedDB.deleteDatabase(name);
        del.addEventListener('success', () => resolve());
        del.addEventListener('error', () => resolve());
      });
      const db: IDBDatabase = await new Promise((resolve, reject) => {
        const open = indexedDB.open(name, 1);
        open.addEventListener('upgradeneeded', () => {
          const contacts = open.result.createObjectStore('contacts', { keyPath: 'id' });
          contacts.createIndex('byEmail', 'emails', { multiEntry: true });
          contacts.createIndex('byLinkedinSlug', 'linkedinSlug');
          contacts.createIndex('byCrmId', 'crmIds', { multiEntry: true });
        });
        open.addEventListener('success', () => resolve(open.result));
        open.addEventListener('error', () => reject(open.error));
      });
      const email = (i: number) => `person.${i}@company${i % 5000}.example`;
      const row = (i: number) => ({
        id: `hubspot-${5_000_000 + i}`,
        emails: [email(i)],
        crmIds: [`hubspot:${5_000_000 + i}`],
        firstName: 'Ava',
        lastName: `Chen ${i}`,
        title: 'VP Operations',
        company: `Company ${i % 5000} Logistics`,
        companyDomain: `company${i % 5000}.example`,
        lifecycleStage: 'lead',
        owner: 'Jordan Ellis',
        originalSource: 'PAID_SOCIAL',
        properties: { industry: 'Logistics', companySize: 850, country: 'United States' },
        importedScores: [{ system: 'hubspot', label: 'HubSpot Score', value: i % 100 }],
        updatedAt: '2026-11-20T09:00:00.000Z',
      });
      // One put request per row, all in one readwrite transaction (the cheapest per-row form; DESIGN.md: ~150 µs).
      const t0 = performance.now();
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('contacts', 'readwrite');
        const store = tx.objectStore('contacts');
        for (let i = 0; i < rows; i++) store.put(row(i));
        tx.addEventListener('complete', () => resolve());
        tx.addEventListener('error', () => reject(tx.error));
      });
      const putMs = performance.now() - t0;
      // One indexed get per lookup, each in its own readonly transaction, as a lookup would.
      const times: number[] = [];
      let found = 0;
      let seed = 7;
      for (let n = 0; n < gets; n++) {
        seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
        const key = email(seed % rows);
        const t = performance.now();
        const hit = await new Promise((resolve, reject) => {
          const req = db.transaction('contacts', 'readonly').objectStore('contacts').index('byEmail').get(key);
          req.addEventListener('success', () => resolve(req.result));
          req.addEventListener('error', () => reject(req.error));
        });
        times.push(performance.now() - t);
        if (hit) found++;
      }
      db.close();
      await new Promise<void>((resolve) => {
        const del = indexedDB.deleteDatabase(name);
        del.addEventListener('success', () => resolve());
        del.addEventListener('error', () => resolve());
      });
      if (found !== gets) throw new Error(`baseline get found ${found} of ${gets}`);
      times.sort((a, b) => a - b);
      return { putPerRowUs: (putMs * 1000) / rows, putRows: rows, putMs, getP50: times[Math.floor(gets * 0.5)]!, getP99: times[Math.floor(gets * 0.99)]! };
    },
    { rows: sampleRows, gets: getCount },
  );
}

/**
 * The store's own lookup, in the service worker on the imported database: the reads findContact makes (lib/store
 * repositories.ts) — the email's key-index shard, then the contact's shard and event shard in parallel, one readonly
 * transaction — timed without messaging or the lens computation, so it compares like for like with one indexed get.
 * Raw IndexedDB (the bundle's functions are not reachable from here); shard numbers come from the product's shardOf.
 */
function storeLookups(worker: Worker, probes: Array<{ key: string; keyShard: number }>): Promise<{ p50: number; p99: number; found: number }> {
  return worker.evaluate(async (list) => {
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      const open = indexedDB.open('smarketing-lens');
      open.addEventListener('success', () => resolve(open.result));
      open.addEventListener('error', () => reject(open.error));
    });
    const get = <T,>(tx: IDBTransaction, store: string, key: number) =>
      new Promise<T | undefined>((resolve, reject) => {
        const req = tx.objectStore(store).get(key);
        req.addEventListener('success', () => resolve(req.result as T | undefined));
        req.addEventListener('error', () => reject(req.error));
      });
    // lib/store/shards.ts shardOf, for the contact id found (FNV-1a, 4,096 shards).
    const shardOfId = (text: string) => {
      let h = 0x811c9dc5;
      for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
      return (h >>> 0) % 4096;
    };
    const times: number[] = [];
    let found = 0;
    for (const { key, keyShard } of list) {
      const t = performance.now();
      const tx = db.transaction(['keys', 'shards', 'eventShards'], 'readonly');
      const index = await get<{ text: string }>(tx, 'keys', keyShard);
      // The key's line in the shard's text, as keyShardIds finds it (these keys need no escaping).
      const at = index ? index.text.indexOf(`\n${key}\t`) : -1;
      const id = at === -1 ? undefined : index!.text.slice(at + key.length + 2, index!.text.indexOf('\n', at + 1)).split('\t')[0];
      if (id !== undefined) {
        const [people, events] = await Promise.all([
          get<{ contactsJson: string }>(tx, 'shards', shardOfId(id)),
          get<{ columns: { length: number; contactIds: string[]; contact: Uint32Array; ms: Float64Array } }>(tx, 'eventShards', shardOfId(id)),
        ]);
        // The shard's contacts, as the store's fromStoredPeople reads them.
        if (people && (JSON.parse(people.contactsJson) as Array<{ id: string }>).some((c) => c.id === id) && events) found++;
        // The contact's events out of the shard's columns, as EventColumns.eventsOf does (times made into text).
        const columns = events?.columns;
        const c = columns ? columns.contactIds.indexOf(id) : -1;
        const mine: Array<{ contactId: string; at: string }> = [];
        if (columns && c !== -1) for (let i = 0; i < columns.length; i++) if (columns.contact[i] === c) mine.push({ contactId: id, at: new Date(columns.ms[i]!).toISOString() });
      }
      times.push(performance.now() - t);
    }
    db.close();
    times.sort((a, b) => a - b);
    return { p50: times[Math.floor(times.length * 0.5)]!, p99: times[Math.floor(times.length * 0.99)]!, found };
  }, probes);
}

async function storeCounts(worker: Worker): Promise<{ contacts: number; events: number }> {
  return worker.evaluate(async () => {
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      const open = indexedDB.open('smarketing-lens');
      open.addEventListener('success', () => resolve(open.result));
      open.addEventListener('error', () => reject(open.error));
    });
    // Contacts and their events live in shards (lib/store/shards.ts): counted inside them, a cursor at a time. People
    // shards hold their contacts as one JSON text; event shards their events as columns: `columns.length` of them.
    const inside = (store: string, size: (record: Record<string, unknown>) => number) =>
      new Promise<number>((resolve, reject) => {
        let sum = 0;
        const req = db.transaction(store, 'readonly').objectStore(store).openCursor();
        req.addEventListener('success', () => {
          const cursor = req.result;
          if (!cursor) return resolve(sum);
          sum += size(cursor.value as Record<string, unknown>);
          cursor.continue();
        });
        req.addEventListener('error', () => reject(req.error));
      });
    const out = {
      contacts: await inside('shards', (r) => (JSON.parse(r.contactsJson as string) as unknown[]).length),
      events: await inside('eventShards', (r) => (r.columns as { length: number }).length),
    };
    db.close();
    return out;
  });
}

const currentWorker = async (context: BrowserContext): Promise<Worker> =>
  context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));

it(`imports ${CONTACTS.toLocaleString('en-US')} contacts + events and looks them up`, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'lens-import-scale-'));
  const userDataDir = await mkdtemp(join(tmpdir(), 'lens-import-scale-profile-'));
  const sizes = [...new Set([EVENTS_IMPORTED, EVENTS_TOTAL])];
  const genStarted = Date.now();
  const generated = await generateExports(dir, { contacts: CONTACTS, eventSizes: sizes });
  const genMs = Date.now() - genStarted;
  const eventsFile = generated.eventFiles.find((f) => f.rows === EVENTS_IMPORTED)!;
  const totalFile = generated.eventFiles.find((f) => f.rows === EVENTS_TOTAL)!;
  console.log(
    `\n[import-scale] generated in ${(genMs / 1000).toFixed(1)} s: ${CONTACTS.toLocaleString('en-US')} contacts (${(generated.contactsBytes / MB).toFixed(1)} MB), ` +
      `${EVENTS_TOTAL.toLocaleString('en-US')} events (${(totalFile.bytes / MB).toFixed(1)} MB); importing ${EVENTS_IMPORTED.toLocaleString('en-US')} events through the product path`,
  );

  const { context, extensionId } = await launchLens({ userDataDir });
  try {
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await options.getByLabel('Import data').waitFor();
    const pageCdp = await context.newCDPSession(options);
    const hub = await context.newCDPSession(options);
    // The background opens (and seeds with the demo dataset) its database on first use: one lookup before anything
    // else, so the store exists before it is counted and the seeding is not mixed into the import's timing.
    const gmail = await context.newPage();
    await gmail.goto(THREAD_URL.inbox);
    const world = await ContentWorld.open(context, gmail, extensionId);
    await world.lookup('nobody@nowhere.example');
    const before = await storeCounts(await currentWorker(context));

    // The rep imports on the options page: it is the tab in front (opening Gmail above put it behind, where Chromium
    // draws it about once a second, and the button's click waits for frames).
    await options.bringToFront();
    const contactsRun = await importThroughOptions(options, hub, pageCdp, generated.contactsFile, CONTACTS);
    console.log(`[import-scale] contacts: ${JSON.stringify(contactsRun)}`);
    const afterContacts = await storeCounts(await currentWorker(context));
    const eventsRun = contactsRun.finished ? await importThroughOptions(options, hub, pageCdp, eventsFile.file, EVENTS_IMPORTED) : undefined;
    if (eventsRun) console.log(`[import-scale] events: ${JSON.stringify(eventsRun)}`);
    const afterEvents = await storeCounts(await currentWorker(context));

    // Lookups through lens.lookup from the content script's world.
    const rnd = seededRandom(99);
    const emailAt = () => contactEmail(Math.floor(rnd() * CONTACTS));
    // The import dropped the background's caches: the first lookup after it rebuilds them (reported apart).
    const firstAfterImport = (await world.lookup(emailAt())).ms;
    for (let i = 0; i < 4; i++) await world.lookup(emailAt());
    const floor: number[] = [];
    for (let i = 0; i < WARM_LOOKUPS; i++) floor.push(await world.ping());
    floor.sort((a, b) => a - b);
    const warm: number[] = [];
    let known = 0;
    for (let i = 0; i < WARM_LOOKUPS; i++) {
      const answer = await world.lookup(emailAt());
      warm.push(answer.ms);
      if (answer.known) known++;
    }
    warm.sort((a, b) => a - b);

    const base = await baselines(await currentWorker(context), BASELINE_ROWS, GETS);
    const probes = Array.from({ length: GETS }, () => {
      const key = lookupKey.email(emailAt());
      return { key, keyShard: shardOf(key) };
    });
    const store = await storeLookups(await currentWorker(context), probes);

    const cold: number[] = [];
    for (let i = 0; i < COLD_LOOKUPS; i++) {
      await stopServiceWorker(context, options);
      await new Promise((r) => setTimeout(r, 500));
      cold.push((await world.lookup(emailAt())).ms);
    }
    const coldSorted = cold.toSorted((a, b) => a - b);

    // ---- the table ----
    const contactsMs = contactsRun.totalMs;
    const eventsMs = eventsRun?.totalMs ?? Number.NaN;
    const scale = EVENTS_TOTAL / EVENTS_IMPORTED;
    // Linear extrapolation of the events file to the full size when only a prefix was imported (slightly optimistic:
    // the commit rewrites whole shards, whose size grows with the store).
    const wholeMs = contactsRun.finished && eventsRun?.finished ? contactsMs + eventsMs * scale : Number.NaN;
    const baselineWholeMs = (base.putPerRowUs * (CONTACTS + EVENTS_TOTAL)) / 1000;
    const measuredOrExtrapolated = EVENTS_IMPORTED === EVENTS_TOTAL ? 'measured' : `extrapolated ×${scale.toFixed(1)} from ${EVENTS_IMPORTED.toLocaleString('en-US')} events`;
    const peakPage = Math.max(contactsRun.peakPageMB, eventsRun?.peakPageMB ?? 0);
    const peakWorker = Math.max(contactsRun.peakWorkerMB, eventsRun?.peakWorkerMB ?? 0);
    const verdict = (ok: boolean | undefined) => (ok === undefined ? '—' : ok ? 'met' : 'NOT met');
    const warmP99 = quantile(warm, 0.99);
    const rows: [string, string, string, string][] = [
      [`import ${CONTACTS.toLocaleString('en-US')} contacts (HubSpot CSV, click → "Imported")`, contactsRun.finished ? ms(contactsMs) : contactsRun.result, '—', '—'],
      [
        `  of which read+validate / commit`,
        `${ms(contactsRun.readSendMs ?? Number.NaN)} / ${ms(contactsRun.commitMs ?? Number.NaN)}`,
        '—',
        '—',
      ],
      [`import ${EVENTS_IMPORTED.toLocaleString('en-US')} events (events CSV)`, eventsRun ? (eventsRun.finished ? ms(eventsMs) : eventsRun.result) : 'not run (contacts did not finish)', '—', '—'],
      [`  of which read+validate / commit`, eventsRun ? `${ms(eventsRun.readSendMs ?? Number.NaN)} / ${ms(eventsRun.commitMs ?? Number.NaN)}` : 'n/a', '—', '—'],
      [`whole import ${CONTACTS.toLocaleString('en-US')} + ${EVENTS_TOTAL.toLocaleString('en-US')} (${measuredOrExtrapolated})`, ms(wholeMs), '≤ 15 s', verdict(Number.isFinite(wholeMs) ? wholeMs <= 15_000 : false)],
      [
        `baseline: one put per row (${base.putRows.toLocaleString('en-US')} rows in ${ms(base.putMs)}; ${base.putPerRowUs.toFixed(0)} µs/row) × ${(CONTACTS + EVENTS_TOTAL).toLocaleString('en-US')} rows, extrapolated`,
        ms(baselineWholeMs),
        '—',
        '—',
      ],
      ['speed-up of the whole import over the per-row baseline', Number.isFinite(wholeMs) ? `${(baselineWholeMs / wholeMs).toFixed(2)}×` : 'n/a', '≥ 10×', verdict(Number.isFinite(wholeMs) ? baselineWholeMs / wholeMs >= 10 : false)],
      [`baseline: one indexed get (byEmail, own transaction; p50 / p99 of ${GETS})`, `${ms(base.getP50)} / ${ms(base.getP99)}`, '—', '—'],
      [
        `store lookup in the worker: key shard, then contact + event shards (p50 / p99 of ${GETS}; ${store.found} found)`,
        `${ms(store.p50)} / ${ms(store.p99)}`,
        `p99 ≤ 2× get p99 = ${ms(2 * base.getP99)}`,
        verdict(store.p99 <= 2 * base.getP99),
      ],
      [
        `warm lens.lookup from the content script, end to end (p50 / p99 of ${WARM_LOOKUPS}; ${known} known)`,
        `${ms(quantile(warm, 0.5))} / ${ms(warmP99)}`,
        `(same target, message included)`,
        verdict(warmP99 <= 2 * base.getP99),
      ],
      [`  floor: a refused message's round trip, same path (p50 / p99 of ${WARM_LOOKUPS})`, `${ms(quantile(floor, 0.5))} / ${ms(quantile(floor, 0.99))}`, '—', '—'],
      ['first lens.lookup right after the import (background caches rebuilt)', ms(firstAfterImport), '—', '—'],
      [
        `first lens.lookup after the service worker stopped (first / median / max of ${COLD_LOOKUPS})`,
        `${ms(cold[0]!)} / ${ms(quantile(coldSorted, 0.5))} / ${ms(coldSorted.at(-1)!)}`,
        '≤ 150 ms',
        verdict(coldSorted.at(-1)! <= 150),
      ],
      [`peak JS heap during import: options page / service worker`, `${peakPage.toFixed(0)} MB / ${peakWorker.toFixed(0)} MB`, '≤ 400 MB', verdict(Math.max(peakPage, peakWorker) <= 400)],
      ['store after import (contacts / events, incl. demo data)', `${afterEvents.contacts.toLocaleString('en-US')} / ${afterEvents.events.toLocaleString('en-US')}`, '—', '—'],
    ];
    console.log(
      `\nImport at scale (Chromium, 2 cores; generated data, seed fixed)\n` +
        `| figure | value | target | |\n|---|---|---|---|\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}\n`,
    );

    // Sanity only, never timings: the files were read whole and what the page reported was stored.
    expect(contactsRun.finished).toBe(true);
    expect(afterContacts.contacts - before.contacts).toBe(CONTACTS);
    if (eventsRun?.finished) expect(afterEvents.events - afterContacts.events).toBe(EVENTS_IMPORTED);
    expect(known).toBe(WARM_LOOKUPS);
    expect(store.found).toBe(GETS);
  } finally {
    await context.close();
    await rm(dir, { recursive: true, force: true });
    await rm(userDataDir, { recursive: true, force: true });
  }
}, 20 * 60_000);
