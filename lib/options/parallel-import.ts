import { EventColumns, findCut, headerBytes, shiftIssue } from '../importers';
import type { Campaign } from '../model';
import { ContactRows } from '../store/contact-rows';
import type { PartRequest, PartResult } from './import-part';
import type { WorkerMessage, WorkerReply } from './import-worker';

/**
 * A large contacts or events file read on two cores: two workers read a half each (cut at a line break outside quotes)
 * and hand over their events as columns (transferred, not copied) and their contacts as ContactRows (texts), while the
 * page only waits and shows progress; the commit then merges everything in one transaction as usual, so a person
 * whose rows fall in both halves is one contact as in a whole read. (The page reading a half itself was measured
 * slower: its half took ~1.5× the worker's, the page thread being also the one that renders.)
 * Only single-byte-safe encodings are cut, and only from PARALLEL_MIN_BYTES: below that a second thread costs more than
 * it saves. Anything unusual (no safe cut, a part failing) makes the caller read the file whole instead.
 */

export const PARALLEL_MIN_BYTES = 8 * 1024 * 1024;

/** Starts a worker that reads a part; injected so tests can run the part in-process instead. */
export type PartRunner = (request: PartRequest, signal: AbortSignal, onBytes: (bytesRead: number) => void) => Promise<PartResult>;

export interface Parts {
  first: Blob;
  second: Blob;
  /** Where the file is cut: the second part is the header followed by the bytes from here. */
  at: number;
}

export interface PartsPlan {
  /**
   * A cut at the first line break after the middle, found without reading the first half, so the parts start at once.
   * It is right unless that line break is inside a quoted value, which only the quote count from byte 0 tells.
   */
  guess: Parts;
  /**
   * The cut findCut makes (the first line break after the middle outside quotes, counting quotes from byte 0), or null
   * when there is none. Worked out while the parts are read: the page has nothing else to do meanwhile (made before
   * the workers could start, it took 0.1-0.2 s at 1M events).
   */
  checked: Promise<Parts | null>;
}

/** How to cut `file` in two, or null (too small, no header in the first MiB, no line break after the middle). */
export async function planParts(file: Blob, minBytes = PARALLEL_MIN_BYTES): Promise<PartsPlan | null> {
  if (file.size < minBytes) return null;
  const head = headerBytes(new Uint8Array(await file.slice(0, Math.min(file.size, 1 << 20)).arrayBuffer()));
  if (!head) return null;
  const middle = Math.floor(file.size / 2);
  // 4 MiB past the middle is plenty to reach a line break.
  const end = Math.min(file.size, middle + (4 << 20));
  const lineBreak = new Uint8Array(await file.slice(middle, end).arrayBuffer()).indexOf(LF);
  // Not the very end: a second part must have something in it.
  if (lineBreak === -1 || middle + lineBreak + 1 >= file.size) return null;
  const cutAt = (at: number): Parts => ({ first: file.slice(0, at), second: new Blob([file.slice(head.start, head.end), file.slice(at)]), at });
  const checked = (async () => {
    const cut = findCut(new Uint8Array(await file.slice(0, end).arrayBuffer()), middle);
    return cut ? cutAt(cut.at) : null;
  })();
  checked.catch(() => undefined); // awaited by readInParts, which reports a failure
  return { guess: cutAt(middle + lineBreak + 1), checked };
}

const LF = 0x0a;

/** Workers started ahead by prepareWorkers, taken by runPartInWorker before it starts one of its own. */
const prepared: Worker[] = [];
const startWorker = () => new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' });

/**
 * Starts the two workers a coming two-part read will take, while the user looks at the preview: loading a worker's
 * script took 0.1-0.2 s of the read when it began at the click.
 */
export function prepareWorkers(): void {
  while (prepared.length < 2) prepared.push(startWorker());
}

/** Stops the workers prepareWorkers started, if no read took them (the rep chose another file, or none). */
export function releaseWorkers(): void {
  for (const worker of prepared.splice(0)) worker.terminate();
}

/** Runs a part in a dedicated worker (a prepared one if there is one); rejects when it fails, aborts with `signal`. */
export function runPartInWorker(request: PartRequest, signal: AbortSignal, onBytes: (bytesRead: number) => void): Promise<PartResult> {
  const worker = prepared.pop() ?? startWorker();
  // oxlint-disable-next-line unicorn/require-post-message-target-origin -- a worker's postMessage has no target origin
  const send = (message: WorkerMessage) => worker.postMessage(message);
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
        resolve({ ...reply.result, events: EventColumns.from(reply.result.events), contacts: ContactRows.from(reply.result.contacts) });
      } else {
        finish();
        reject(reply.aborted ? new DOMException('The import was cancelled.', 'AbortError') : new Error(reply.message));
      }
    });
    worker.addEventListener('error', (event) => {
      finish();
      reject(new Error(`The import worker failed: ${event.message}`));
    });
    // The part is read while the directory comes (its key index is ~25 MB of text at 100k contacts: sent once read).
    const { directory, ...rest } = request;
    send({ type: 'start', request: rest });
    // A directory that cannot be read or posted fails the part (the worker would wait for it for ever).
    Promise.resolve(directory)
      .then((data) => send({ type: 'directory', directory: data }))
      .catch((error: unknown) => {
        finish();
        reject(error);
      });
  });
}

/** Both parts' results as one, in the file's line numbers (errors in line order, at most `maxIssues`); their events
 * stay two sets, in the file's order (the commit takes them so: copying them into one would cost ~0.2 s at 1M). */
export type PartsResult = Omit<PartResult, 'events'> & { events: EventColumns[] };

/**
 * Reads both parts at once, each through `runPart`, and puts their results together: the guessed cut's parts, started
 * at once, or — when the check finds the guess inside a quoted value — the checked cut's, started again. Rejects (and
 * the caller reads the file whole) when there is no cut outside quotes or a part fails.
 */
export async function readInParts(
  plan: PartsPlan,
  request: Omit<PartRequest, 'blob'>,
  signal: AbortSignal,
  onBytes: (bytesRead: number) => void,
  runPart: PartRunner,
): Promise<PartsResult> {
  const guessed = readBoth(plan.guess, request, signal, onBytes, runPart);
  let checked: Awaited<PartsPlan['checked']>;
  try {
    checked = await plan.checked;
  } catch (error) {
    guessed.stop();
    await guessed.settled;
    throw error;
  }
  if (checked?.at !== plan.guess.at) {
    // Both are waited for, so a stopped part never leaves its worker running behind the next read.
    guessed.stop();
    await guessed.settled;
    if (!checked) throw new Error('The file has no line break outside quotes after its middle.');
  }
  signal.throwIfAborted();
  const read = checked.at === plan.guess.at ? guessed : readBoth(checked, request, signal, onBytes, runPart);
  const [a, b] = await read.settled;
  // A failed part rejects only once both are done (see readBoth).
  if (a.status === 'rejected') throw a.reason;
  if (b.status === 'rejected') throw b.reason;
  // The quote count can be fooled (a stray quote before a quoted line break makes it even inside a value); papaparse,
  // which read the first part, cannot: a first part ending inside quotes was cut inside a value.
  if (a.value.endsInQuotes) throw new Error('The file was cut inside a quoted value.');
  return mergeParts(a.value, b.value, request.maxIssues);
}

/** Both parts started, their outcomes once both are done, and a way to stop them (the caller's signal stops them too). */
function readBoth(parts: Parts, request: Omit<PartRequest, 'blob'>, signal: AbortSignal, onBytes: (bytesRead: number) => void, runPart: PartRunner) {
  const controller = new AbortController();
  const stop = () => controller.abort();
  signal.addEventListener('abort', stop, { once: true });
  let firstBytes = 0;
  let secondBytes = 0;
  const report = () => onBytes(firstBytes + secondBytes);
  // Both started before either is awaited.
  const first = runPart({ ...request, blob: parts.first }, controller.signal, (n) => {
    firstBytes = n;
    report();
  });
  const second = runPart({ ...request, blob: parts.second }, controller.signal, (n) => {
    secondBytes = n;
    report();
  });
  const settled = Promise.allSettled([first, second]).finally(() => signal.removeEventListener('abort', stop));
  return { settled, stop };
}

/**
 * The parts' results in the file's terms. The second part is read as the header followed by the records after the
 * cut, so its line L is the file's line L + shift, shift being the first part's records less the header: counted by
 * the parser that read them, whose records a whole-file read has too (the quote count is only how a cut was chosen).
 */
export function mergeParts(a: PartResult, b: PartResult, maxIssues: number): PartsResult {
  const shift = a.records - 1;
  // A campaign both parts created (one name, one id) started at the earlier of their dates.
  const campaigns = new Map<string, Campaign>();
  for (const c of [...a.campaigns, ...b.campaigns]) {
    const seen = campaigns.get(c.id);
    if (!seen || Date.parse(c.startedAt) < Date.parse(seen.startedAt)) campaigns.set(c.id, seen ? { ...seen, startedAt: c.startedAt } : c);
  }
  return {
    rows: a.rows + b.rows,
    records: a.records + b.records - 1,
    endsInQuotes: b.endsInQuotes,
    validRows: a.validRows + b.validRows,
    invalidRows: a.invalidRows + b.invalidRows,
    errorCount: a.errorCount + b.errorCount,
    errors: [...a.errors, ...b.errors.map((issue) => shiftIssue(issue, shift))].slice(0, maxIssues),
    events: [a.events, b.events],
    contacts: ContactRows.join([a.contacts, b.contacts]),
    campaigns: [...campaigns.values()],
  };
}
