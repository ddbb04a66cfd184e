import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { RELIABILITY_EXTENSION_DIR, launchLens, stopServiceWorker } from '../../scripts/lens-browser.mjs';
import { Receiver } from '../support/receiver';

/**
 * 10,000 events created while marketing's receiver is down; then it fails in every way it can and recovers, while
 * the service worker is stopped again and again and the browser restarts once. Runs the test build whose retry
 * timings are short (npm run build:reliability).
 */
/** The extension API inside page.evaluate (runs in an extension page). */
declare const chrome: { runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; data?: unknown; error?: string }> } };

const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');
const SECRET = 'reliability-secret-0123456789';
const EVENTS = 10_000;
const CONTACTS = 40;

let userDataDir: string;
let context: BrowserContext;
let extensionId: string;
let receiver: Receiver;

async function launch() {
  ({ context, extensionId } = await launchLens({ userDataDir, extensionDir: RELIABILITY_EXTENSION_DIR }));
}
async function extensionPage(): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  return page;
}

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  receiver = new Receiver(SECRET);
  receiver.cors = true;
  await receiver.start();
  await receiver.stop(); // keep the port; the receiver is down at first
  userDataDir = await mkdtemp(join(tmpdir(), 'lens-reliability-'));
  await launch();
});

afterAll(async () => {
  await context?.close();
  await receiver?.stop();
  await rm(userDataDir, { recursive: true, force: true });
});

describe('delivery reliability', () => {
  it('delivers 10,000 events exactly once, signed and in order per contact, through failures, worker stops and a restart', async () => {
    let page = await extensionPage();
    await page.getByLabel('Webhook URL').fill(receiver.url);
    await page.getByLabel('Signing secret').fill(SECRET);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').getByText(/^Saved\./).waitFor();

    // Create the events through the real message path, as the popup and sidebar do.
    const created = Date.now();
    await page.evaluate(
      async ({ total, contacts }) => {
        const send = (i: number) =>
          chrome.runtime.sendMessage({
            type: 'feedback.submit',
            feedback: {
              contact: { key: `lead${i % contacts}@reliability.example`, email: `lead${i % contacts}@reliability.example` },
              verdict: (['good_fit', 'bad_fit', 'not_ready', 'wrong_persona'] as const)[i % 4],
              note: `#${i}`,
            },
          });
        for (let i = 0; i < total; i += 50) {
          const answers = await Promise.all(Array.from({ length: Math.min(50, total - i) }, (_, k) => send(i + k)));
          const failed = answers.find((a) => !a?.ok);
          if (failed) throw new Error(JSON.stringify(failed));
        }
      },
      { total: EVENTS, contacts: CONTACTS },
    );
    const createdMs = Date.now() - created;
    expect(receiver.requests).toBe(0);

    // The receiver comes up misbehaving: errors, rate limits, hangs, resets, redirects, garbage; then recovers.
    receiver.script = ['error500', 'rate-limit', 'hang', 'reset', 'error500', 'redirect', 'garbage', 'hang', 'reset', 'error500'];
    await receiver.start(receiver.port);

    const stops: number[] = [];
    let restarted = false;
    const deadline = Date.now() + 240_000;
    const recovered = { at: 0, delivered: 0 };
    while (receiver.events.length < EVENTS && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 700));
      if (receiver.script.length === 0 && !recovered.at) {
        recovered.at = Date.now();
        recovered.delivered = receiver.events.length;
      }
      if (stops.length < 6 && receiver.events.length > (stops.length + 1) * 1200) {
        await stopServiceWorker(context, page);
        stops.push(receiver.events.length);
      } else if (!restarted && stops.length >= 3) {
        restarted = true;
        await context.close();
        await launch();
        page = await extensionPage();
      }
    }
    const healthyMs = Date.now() - recovered.at;

    // Counts, for the closing note.
    const report = {
      created: EVENTS,
      delivered: receiver.events.length,
      duplicatesReceived: receiver.duplicates,
      lost: EVENTS - receiver.events.length,
      badSignatures: receiver.badSignatures,
      requests: receiver.requests,
      workerStops: stops.length,
      browserRestarts: restarted ? 1 : 0,
      createMs: createdMs,
      deliveredAfterRecoveryPerSecond: Math.round(((receiver.events.length - recovered.delivered) / healthyMs) * 1000),
    };
    console.log('delivery reliability', report);
    await writeFile(join(ARTIFACTS, 'delivery-reliability.json'), `${JSON.stringify(report, null, 2)}\n`);

    expect(report.lost).toBe(0);
    expect(report.badSignatures).toBe(0);
    expect(stops.length).toBeGreaterThanOrEqual(5);
    expect(restarted).toBe(true);
    // Every event once, and per contact in the order the rep created them.
    expect(new Set(receiver.events.map((e) => e.id)).size).toBe(EVENTS);
    const lastByContact = new Map<string, number>();
    for (const event of receiver.events) {
      const n = Number(String(event.note).slice(1));
      expect(n).toBeGreaterThan(lastByContact.get(event.contact.key) ?? -1);
      lastByContact.set(event.contact.key, n);
    }
    // The outbox ends empty.
    const status = await (await extensionPage()).evaluate(() => chrome.runtime.sendMessage({ type: 'delivery.status' }));
    expect(status).toMatchObject({ ok: true, data: { queued: 0, failed: 0 } });
  }, 420_000);
});
