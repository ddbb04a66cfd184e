import type { EventColumnsData } from '../importers';
import type { DirectoryData } from '../store/directory';
import type { ContactRowsData } from '../store/contact-rows';
import { importPart, type PartRequest, type PartResult } from './import-part';

/**
 * A dedicated worker of the options page (bundled by Vite from `new Worker(new URL(…))` in parallel-import.ts): reads
 * a part of a large contacts or events file, and hands back what it found: its events as columns whose buffers are
 * transferred, its contacts as ContactRows data. It writes nothing. Messages in: { type: 'start', request }, then
 * { type: 'directory', directory } (the part is read and parsed meanwhile; see PartRequest.directory), and { type:
 * 'cancel' }. Out: progress, then done or failed.
 */

export type WorkerMessage = { type: 'start'; request: Omit<PartRequest, 'directory'> } | { type: 'directory'; directory: DirectoryData } | { type: 'cancel' };

export type WorkerReply =
  | { type: 'progress'; bytesRead: number }
  | { type: 'done'; result: Omit<PartResult, 'events' | 'contacts'> & { events: EventColumnsData; contacts: ContactRowsData } }
  | { type: 'failed'; message: string; aborted: boolean };

// The worker's global scope, typed by what is used (the project's DOM typings do not describe workers).
const scope = globalThis as unknown as {
  postMessage(message: WorkerReply, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerMessage>) => void): void;
};

// oxlint-disable-next-line unicorn/require-post-message-target-origin -- a worker's postMessage has no target origin
const reply = (message: WorkerReply, transfer: Transferable[] = []) => scope.postMessage(message, transfer);

const controller = new AbortController();
let giveDirectory: (directory: DirectoryData) => void = () => undefined;
let refuseDirectory: (reason: unknown) => void = () => undefined;
const directory = new Promise<DirectoryData>((resolve, reject) => {
  giveDirectory = resolve;
  refuseDirectory = reject;
});
directory.catch(() => undefined); // awaited by the part; a cancel before it starts leaves it unawaited
scope.addEventListener('message', (event) => {
  const message = event.data;
  if (message.type === 'cancel') {
    controller.abort();
    // A part still waiting for its directory stops now, not when the directory comes.
    refuseDirectory(new DOMException('The import was cancelled.', 'AbortError'));
    return;
  }
  if (message.type === 'directory') {
    giveDirectory(message.directory);
    return;
  }
  void (async () => {
    try {
      const result = await importPart({ ...message.request, directory }, controller.signal, (bytesRead) => reply({ type: 'progress', bytesRead }));
      const { data, transfer } = result.events.data();
      reply({ type: 'done', result: { ...result, events: data, contacts: result.contacts.data() } }, transfer);
    } catch (error) {
      reply({ type: 'failed', message: error instanceof Error ? error.message : String(error), aborted: controller.signal.aborted });
    }
  })();
});
