import type { OutboxItem, WebhookDestination } from '../model/delivery';
import { markDelivered, outboxHead, putOutboxItems, type LensDatabase } from '../store';
import { backoffMs } from './backoff';
import { sendBatch } from './webhook';

export interface DeliveryDeps {
  db: LensDatabase;
  destination: () => Promise<WebhookDestination | null>;
  fetch: typeof fetch;
  now: () => Date;
  /** Wake the delivery up again at this time (browser alarm), or never (null). */
  schedule: (at: Date | null) => Promise<void>;
  newBatchId: () => string;
  random?: () => number;
  backoffBaseMs?: number;
  backoffCapMs?: number;
  batchSize?: number;
  timeoutMs?: number;
  /** Upper bound of batches per run, so one run always ends. */
  maxBatches?: number;
}

export interface DeliveryRun {
  delivered: number;
  stoppedBecause: 'empty' | 'no destination' | 'waiting to retry' | 'blocked by a failed batch' | 'batch limit';
}

/**
 * Sends what is due, oldest first, in batches; stops at the first batch that must wait, so order per contact is
 * kept. A batch keeps its id across retries (stored before sending), so the receiver can drop duplicates even when
 * the service worker was stopped between sending and recording success.
 */
export async function deliverDue(deps: DeliveryDeps): Promise<DeliveryRun> {
  const { db } = deps;
  const batchSize = deps.batchSize ?? 100;
  let delivered = 0;
  const destination = await deps.destination();
  if (!destination) {
    await deps.schedule(null);
    return { delivered, stoppedBecause: 'no destination' };
  }

  for (let round = 0; round < (deps.maxBatches ?? 500); round++) {
    const head = await outboxHead(db, batchSize);
    const [first] = head;
    if (!first) {
      await deps.schedule(null);
      return { delivered, stoppedBecause: 'empty' };
    }
    if (first.state === 'failed') {
      await deps.schedule(null);
      return { delivered, stoppedBecause: 'blocked by a failed batch' };
    }
    const now = deps.now();
    if (Date.parse(first.nextAttemptAt) > now.getTime()) {
      await deps.schedule(new Date(first.nextAttemptAt));
      return { delivered, stoppedBecause: 'waiting to retry' };
    }

    // Resend an interrupted batch exactly; otherwise start a new one from the due, queued head.
    let batch: OutboxItem[];
    if (first.batchId) batch = head.filter((item) => item.batchId === first.batchId);
    else {
      const fresh = head.filter((item) => !item.batchId);
      const cut = fresh.findIndex((item) => item.state !== 'queued' || Date.parse(item.nextAttemptAt) > now.getTime());
      const batchId = deps.newBatchId();
      batch = (cut < 0 ? fresh : fresh.slice(0, cut)).map((item) => ({ ...item, batchId }));
      await putOutboxItems(db, batch);
    }

    // A watchdog: if the worker is stopped mid-send, this alarm brings it back to resend the same batch.
    await deps.schedule(new Date(now.getTime() + (deps.timeoutMs ?? 15_000) + 5_000));
    const result = await sendBatch(destination, batch[0]!.batchId!, batch.map((item) => item.event), {
      fetch: deps.fetch,
      now,
      timeoutMs: deps.timeoutMs,
    });
    if (result.kind === 'delivered') {
      await markDelivered(db, batch, now);
      delivered += batch.length;
      continue;
    }
    const attempts = first.attempts + 1;
    if (result.kind === 'rejected') {
      await putOutboxItems(db, batch.map((item) => ({ ...item, state: 'failed', attempts, lastError: result.reason })));
      await deps.schedule(null);
      return { delivered, stoppedBecause: 'blocked by a failed batch' };
    }
    const wait = result.retryAfterMs ?? backoffMs(attempts, deps.random, deps.backoffBaseMs, deps.backoffCapMs);
    const nextAttemptAt = new Date(now.getTime() + wait);
    await putOutboxItems(db, batch.map((item) => ({ ...item, attempts, lastError: result.reason, nextAttemptAt: nextAttemptAt.toISOString() })));
    await deps.schedule(nextAttemptAt);
    return { delivered, stoppedBecause: 'waiting to retry' };
  }
  await deps.schedule(deps.now());
  return { delivered, stoppedBecause: 'batch limit' };
}
