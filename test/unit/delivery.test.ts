// @vitest-environment node
import { createHmac } from 'node:crypto';
import type { WebhookDestination, WireEvent } from '../../lib/model/delivery';
import { WebhookDestination as DestinationSchema } from '../../lib/model/delivery';
import { enqueue, openLensDb, outboxHead, requeueFailed, summarizeOutbox, type LensDatabase } from '../../lib/store';
import { backoffMs, retryAfterMs } from '../../lib/sync/backoff';
import { deliverDue } from '../../lib/sync/deliver';
import { signBody } from '../../lib/sync/signature';
import { batchBody } from '../../lib/sync/webhook';
import { Receiver } from '../support/receiver';

const SECRET = 'test-secret-0123456789';

function feedbackEvent(i: number, contact = `c${i % 7}@acme.example`): WireEvent {
  return {
    id: `fb-${String(i).padStart(5, '0')}`,
    type: 'feedback',
    time: new Date(Date.UTC(2026, 10, 20, 9, 0, i)).toISOString(),
    contact: { key: contact, email: contact, name: `Person ${i}` },
    verdict: 'good_fit',
  };
}

describe('webhook settings', () => {
  it.each([
    ['https://hooks.example/lens', true],
    ['http://127.0.0.1:8080/x', true],
    ['http://localhost/x', true],
    ['http://hooks.example/lens', false],
    ['ftp://hooks.example/', false],
    ['https://user:pw@hooks.example/', false],
    ['not a url', false],
  ])('%s accepted: %s', (url, ok) => {
    expect(DestinationSchema.safeParse({ url, secret: SECRET }).success).toBe(ok);
  });

  it('explains what is wrong', () => {
    const result = DestinationSchema.safeParse({ url: 'http://hooks.example/', secret: 'short' });
    expect(result.error?.issues.map((i) => `${i.path.join('.')} ${i.message}`)).toEqual([
      'url must start with https:// (http:// only for localhost or 127.0.0.1)',
      'secret must be at least 16 characters',
    ]);
  });
});

describe('signing and backoff', () => {
  it('signs the raw body with HMAC-SHA256, as the receiver can check with any library', async () => {
    const body = batchBody([feedbackEvent(1)], { slackText: false });
    expect(await signBody(SECRET, body)).toBe(`sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`);
  });

  it('backs off exponentially with jitter, capped', () => {
    expect(backoffMs(1, () => 0)).toBe(1000);
    expect(backoffMs(1, () => 1)).toBe(2000);
    expect(backoffMs(4, () => 1)).toBe(16_000);
    expect(backoffMs(40, () => 1)).toBe(600_000);
  });

  it('reads Retry-After as seconds or a date', () => {
    const now = new Date('2026-11-20T10:00:00Z');
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs('Fri, 20 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});

describe('delivery to a real receiver on 127.0.0.1', () => {
  let receiver: Receiver;
  let db: LensDatabase;
  let clock: number;
  let batchCounter: number;
  let scheduled: (Date | null)[];

  beforeEach(async () => {
    receiver = new Receiver(SECRET);
    await receiver.start();
    db = await openLensDb(`delivery-${Math.random()}`);
    clock = Date.parse('2026-11-20T10:00:00Z');
    batchCounter = 0;
    scheduled = [];
  });
  afterEach(async () => {
    await receiver.stop();
    db.close();
  });

  const run = (destination: WebhookDestination | null = { url: receiver.url, secret: SECRET, slackText: false }) =>
    deliverDue({
      db,
      destination: async () => destination,
      fetch,
      now: () => new Date(clock),
      schedule: async (at) => void scheduled.push(at),
      newBatchId: () => `batch-${++batchCounter}`,
      random: () => 0.5,
      batchSize: 50,
      timeoutMs: 300,
    });

  it('sends nothing anywhere without a destination', async () => {
    await enqueue(db, feedbackEvent(1), new Date(clock));
    expect(await run(null)).toEqual({ delivered: 0, stoppedBecause: 'no destination' });
    expect(receiver.requests).toBe(0);
  });

  it('survives down, 500, 429, hangs, resets, redirects and garbage, then delivers everything exactly once, in order', async () => {
    for (let i = 0; i < 230; i++) await enqueue(db, feedbackEvent(i), new Date(clock));
    const port = receiver.port;
    await receiver.stop(); // down
    let result = await run({ url: `http://127.0.0.1:${port}/hooks/lens`, secret: SECRET, slackText: false });
    expect(result.stoppedBecause).toBe('waiting to retry');
    expect((await outboxHead(db, 1))[0]).toMatchObject({ attempts: 1, batchId: 'batch-1', lastError: expect.stringMatching(/^could not connect/) });
    await receiver.start(port);

    for (const behaviour of ['error500', 'rate-limit', 'hang', 'reset', 'redirect', 'garbage'] as const) {
      receiver.behaviour = behaviour;
      clock += 11 * 60_000; // past any backoff
      result = await run();
      expect({ behaviour, ...result }).toEqual({ behaviour, delivered: 0, stoppedBecause: 'waiting to retry' });
    }
    const [head] = await outboxHead(db, 1);
    expect(head?.batchId).toBe('batch-1'); // the same batch each time
    expect(head?.lastError).toBe('HTTP 502');

    receiver.behaviour = 'rate-limit';
    clock += 11 * 60_000;
    await run();
    expect(scheduled.at(-1)?.getTime()).toBe(clock + 7000); // Retry-After honoured

    receiver.behaviour = 'ok';
    clock += 7000;
    result = await run();
    expect(result).toEqual({ delivered: 230, stoppedBecause: 'empty' });
    expect(receiver.events.map((e) => e.id)).toEqual(Array.from({ length: 230 }, (_, i) => feedbackEvent(i).id));
    expect(receiver.badSignatures).toBe(0);
    expect(await summarizeOutbox(db)).toEqual({ queued: 0, failed: 0 });
    expect(scheduled.at(-1)).toBeNull();
  });

  it('resends an interrupted batch with the same key; the receiver drops the duplicates', async () => {
    for (let i = 0; i < 10; i++) await enqueue(db, feedbackEvent(i), new Date(clock));
    // The service worker stops after the receiver got the batch but before success was recorded:
    // replay by delivering, then putting the batch back as it was.
    const before = await outboxHead(db, 10);
    await run();
    expect(receiver.events).toHaveLength(10);
    const tx = db.transaction('outbox', 'readwrite');
    for (const item of before) await tx.store.put({ ...item, batchId: 'batch-1' });
    await tx.done;
    await run();
    expect(receiver.events).toHaveLength(10);
    expect(receiver.duplicates).toBe(10);
    expect(await summarizeOutbox(db)).toEqual({ queued: 0, failed: 0 });
  });

  it('stops on a refusal (wrong secret) without losing anything, and resumes after a fix', async () => {
    for (let i = 0; i < 3; i++) await enqueue(db, feedbackEvent(i), new Date(clock));
    let result = await run({ url: receiver.url, secret: 'a-different-secret-xyz', slackText: false });
    expect(result).toEqual({ delivered: 0, stoppedBecause: 'blocked by a failed batch' });
    expect(receiver.badSignatures).toBe(1);
    expect(await summarizeOutbox(db)).toMatchObject({ queued: 0, failed: 3, lastError: expect.stringMatching(/^HTTP 401/) });
    expect(await requeueFailed(db, new Date(clock))).toBe(3);
    result = await run();
    expect(result).toEqual({ delivered: 3, stoppedBecause: 'empty' });
  });

  it('adds a Slack-compatible text line when asked', async () => {
    await enqueue(db, { ...(feedbackEvent(1) as Extract<WireEvent, { type: 'feedback' }>), note: 'Budget in Q1' }, new Date(clock));
    await run({ url: receiver.url, secret: SECRET, slackText: true });
    expect(receiver.slackTexts).toEqual(['Good fit: Person 1 — Budget in Q1']);
  });
});
