import { openLensDb } from '../store';
import { importPart, type PartRequest } from './import-part';

/**
 * A dedicated worker of the options page (bundled by Vite from `new Worker(new URL(…))` in parallel-import.ts): reads
 * the second part of a large events file and stages its events in the extension's IndexedDB, while the page reads the
 * first. Messages in: { type: 'start', request } and { type: 'cancel' }. Out: progress, then done or failed.
 */

export type WorkerReply =
  | { type: 'progress'; bytesRead: number }
  | { type: 'done'; result: Awaited<ReturnType<typeof importPart>> }
  | { type: 'failed'; message: string; aborted: boolean };

// The worker's global scope, typed by what is used (the project's DOM typings do not describe workers).
const scope = globalThis as unknown as {
  postMessage(message: WorkerReply): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<{ type: 'start'; request: PartRequest } | { type: 'cancel' }>) => void): void;
};

// oxlint-disable-next-line unicorn/require-post-message-target-origin -- a worker's postMessage has no target origin
const reply = (message: WorkerReply) => scope.postMessage(message);

const controller = new AbortController();
scope.addEventListener('message', (event) => {
  const message = event.data;
  if (message.type === 'cancel') {
    controller.abort();
    return;
  }
  void (async () => {
    try {
      const db = await openLensDb();
      try {
        const result = await importPart(db, message.request, controller.signal, (bytesRead) => reply({ type: 'progress', bytesRead }));
        reply({ type: 'done', result });
      } finally {
        db.close();
      }
    } catch (error) {
      reply({ type: 'failed', message: error instanceof Error ? error.message : String(error), aborted: controller.signal.aborted });
    }
  })();
});
