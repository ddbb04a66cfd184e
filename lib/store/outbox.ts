import type { OutboxItem, WireEvent } from '../model/delivery';
import type { LensDatabase } from './schema';

/** Queues an event for delivery; its id is the idempotency key the receiver dedupes on. */
export async function enqueue(db: LensDatabase, event: WireEvent, now: Date): Promise<void> {
  await db.add('outbox', { id: event.id, event, state: 'queued', attempts: 0, nextAttemptAt: now.toISOString() });
}

/** The oldest items, in delivery order. */
export async function outboxHead(db: LensDatabase, limit: number): Promise<OutboxItem[]> {
  return db.getAll('outbox', null, limit);
}

export async function findOutboxItem(db: LensDatabase, id: string): Promise<OutboxItem | undefined> {
  return db.getFromIndex('outbox', 'byId', id);
}

/** Rewrites items in one transaction (all or nothing). */
export async function putOutboxItems(db: LensDatabase, items: readonly OutboxItem[]): Promise<void> {
  const tx = db.transaction('outbox', 'readwrite');
  await Promise.all([...items.map((item) => tx.store.put(item)), tx.done]);
}

/** Removes delivered items and stamps the feedback they carried as sent, in one transaction. */
export async function markDelivered(db: LensDatabase, items: readonly OutboxItem[], now: Date): Promise<void> {
  const tx = db.transaction(['outbox', 'feedback'], 'readwrite');
  const outbox = tx.objectStore('outbox');
  const feedback = tx.objectStore('feedback');
  const work: Promise<unknown>[] = [];
  for (const item of items) {
    if (item.seq !== undefined) work.push(outbox.delete(item.seq));
    if (item.event.type === 'feedback' && !item.event.withdrawn)
      work.push(
        feedback.get(item.event.id).then((record) => (record ? feedback.put({ ...record, deliveredAt: now.toISOString() }) : undefined)),
      );
  }
  await Promise.all([...work, tx.done]);
}

/** Replaces the event of a queued item never handed to a receiver; false when it is gone or already in flight. */
export async function replaceUnsentEvent(db: LensDatabase, id: string, event: WireEvent): Promise<boolean> {
  const tx = db.transaction('outbox', 'readwrite');
  const item = await tx.store.index('byId').get(id);
  const replaceable = item !== undefined && item.batchId === undefined;
  if (replaceable) await tx.store.put({ ...item, event });
  await tx.done;
  return replaceable;
}

/** Removes a queued item that was never handed to a receiver; false when it is gone or already in flight. */
export async function withdrawUnsent(db: LensDatabase, id: string): Promise<boolean> {
  const tx = db.transaction('outbox', 'readwrite');
  const item = await tx.store.index('byId').get(id);
  const removable = item?.seq !== undefined && item.batchId === undefined;
  if (removable) await tx.store.delete(item.seq!);
  await tx.done;
  return removable;
}

export interface OutboxSummary {
  queued: number;
  failed: number;
  nextAttemptAt?: string;
  lastError?: string;
}

export async function summarizeOutbox(db: LensDatabase): Promise<OutboxSummary> {
  let queued = 0;
  let failed = 0;
  let first: OutboxItem | undefined;
  let cursor = await db.transaction('outbox').store.openCursor();
  while (cursor) {
    first ??= cursor.value;
    if (cursor.value.state === 'failed') failed++;
    else queued++;
    cursor = await cursor.continue();
  }
  return {
    queued,
    failed,
    ...(first ? { nextAttemptAt: first.nextAttemptAt } : {}),
    ...(first?.lastError ? { lastError: first.lastError } : {}),
  };
}

/** Puts failed items back in the queue (after the user fixed the destination). */
export async function requeueFailed(db: LensDatabase, now: Date): Promise<number> {
  const tx = db.transaction('outbox', 'readwrite');
  let count = 0;
  let cursor = await tx.store.openCursor();
  while (cursor) {
    if (cursor.value.state === 'failed') {
      await cursor.update({ ...cursor.value, state: 'queued', nextAttemptAt: now.toISOString() });
      count++;
    }
    cursor = await cursor.continue();
  }
  await tx.done;
  return count;
}
