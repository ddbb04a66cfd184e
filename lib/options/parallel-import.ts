import { EventColumns, findCut, headerBytes, shiftIssue } from '../importers';
import type { Campaign } from '../model';
import type { PartRequest, PartResult } from './import-part';
import type { WorkerReply } from './import-worker';

/**
 * A large events file read on two cores: two workers read a half each (cut at a line break outside quotes) and hand
 * their events over as columns (transferred, not copied), while the page only waits and shows progress; the commit
 * then merges everything in one transaction as usual. (The page reading a half itself was measured slower: its half
 * took ~1.5× the worker's, the page thread being also the one that renders.)
 * Only events files are cut (a contacts file's duplicate-address check spans the whole file), only single-byte-safe
 * encodings, and only from PARALLEL_MIN_BYTES: below that a second thread costs more than it saves. Anything unusual
 * (no safe cut, a part failing) makes the caller read the file whole instead.
 */

export const PARALLEL_MIN_BYTES = 8 * 1024 * 1024;

/** Starts a worker that reads a part; injected so tests can run the part in-process instead. */
export type PartRunner = (request: PartRequest, signal: AbortSignal, onBytes: (bytesRead: number) => void) => Promise<PartResult>;

export interface Parts {
  first: Blob;
  second: Blob;
  /** The second part's line L is the file's line L + shift. */
  shift: number;
}

/** Where to cut `file` in two, or null (too small, no header in the first MiB, no line break outside quotes after the middle). */
export async function planParts(file: Blob, minBytes = PARALLEL_MIN_BYTES): Promise<Parts | null> {
  if (file.size < minBytes) return null;
  const head = headerBytes(new Uint8Array(await file.slice(0, Math.min(file.size, 1 << 20)).arrayBuffer()));
  if (!head) return null;
  const middle = Math.floor(file.size / 2);
  // The quote count must start at byte 0; 4 MiB past the middle is plenty to reach a line break.
  const cut = findCut(new Uint8Array(await file.slice(0, Math.min(file.size, middle + (4 << 20))).arrayBuffer()), middle);
  if (!cut) return null;
  return { first: file.slice(0, cut.at), second: new Blob([file.slice(head.start, head.end), file.slice(cut.at)]), shift: cut.recordsBefore - 1 };
}

/** Runs a part in a dedicated worker; rejects when it fails, aborts with `signal`. */
export function runPartInWorker(request: PartRequest, signal: AbortSignal, onBytes: (bytesRead: number) => void): Promise<PartResult> {
  const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' });
  // oxlint-disable-next-line unicorn/require-post-message-target-origin -- a worker's postMessage has no target origin
  const send = (message: { type: 'start'; request: PartRequest } | { type: 'cancel' }) => worker.postMessage(message);
  return new Promise<PartResult>((resolve, reject) => {
    const stop = () => send({ type: 'cancel' });
    signal.addEventListener('abort', stop, { once: true });
    const finish = () => {
      signal.removeEventListener('abort', stop);
      worker.terminate();
    };
    worker.addEventListener('message', (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      if (reply.type === 'progress') onBytes(reply.bytesRead);
      else if (reply.type === 'done') {
        finish();
        resolve({ ...reply.result, events: EventColumns.from(reply.result.events) });
      } else {
        finish();
        reject(reply.aborted ? new DOMException('The import was cancelled.', 'AbortError') : new Error(reply.message));
      }
    });
    worker.addEventListener('error', (event) => {
      finish();
      reject(new Error(`The import worker failed: ${event.message}`));
    });
    send({ type: 'start', request });
  });
}

/** Both parts' results as one, in the file's line numbers (errors in line order, at most `maxIssues`); their events
 * stay two sets, in the file's order (the commit takes them so: copying them into one would cost ~0.2 s at 1M). */
export type PartsResult = Omit<PartResult, 'events'> & { events: EventColumns[] };

/** Reads both parts at once, each through `runPart`, and puts their results together. */
export async function readInParts(
  parts: Parts,
  request: Omit<PartRequest, 'blob'>,
  signal: AbortSignal,
  onBytes: (bytesRead: number) => void,
  runPart: PartRunner,
): Promise<PartsResult> {
  let firstBytes = 0;
  let secondBytes = 0;
  const report = () => onBytes(firstBytes + secondBytes);
  // Both started before either is awaited.
  const first = runPart({ ...request, blob: parts.first }, signal, (n) => {
    firstBytes = n;
    report();
  });
  const second = runPart({ ...request, blob: parts.second }, signal, (n) => {
    secondBytes = n;
    report();
  });
  const [a, b] = await Promise.allSettled([first, second]);
  // Both are waited for, so a failed part never leaves the other's worker running behind the fallback's read.
  if (a.status === 'rejected') throw a.reason;
  if (b.status === 'rejected') throw b.reason;
  return mergeParts(a.value, b.value, parts.shift, request.maxIssues);
}

export function mergeParts(a: PartResult, b: PartResult, shift: number, maxIssues: number): PartsResult {
  // A campaign both parts created (one name, one id) started at the earlier of their dates.
  const campaigns = new Map<string, Campaign>();
  for (const c of [...a.campaigns, ...b.campaigns]) {
    const seen = campaigns.get(c.id);
    if (!seen || Date.parse(c.startedAt) < Date.parse(seen.startedAt)) campaigns.set(c.id, seen ? { ...seen, startedAt: c.startedAt } : c);
  }
  return {
    rows: a.rows + b.rows,
    validRows: a.validRows + b.validRows,
    invalidRows: a.invalidRows + b.invalidRows,
    errorCount: a.errorCount + b.errorCount,
    errors: [...a.errors, ...b.errors.map((issue) => shiftIssue(issue, shift))].slice(0, maxIssues),
    events: [a.events, b.events],
    contacts: [...a.contacts, ...b.contacts],
    campaigns: [...campaigns.values()],
  };
}
