import { computed, signal } from '@preact/signals';
import {
  checkMapping,
  duplicateHeaders,
  formatSpec,
  proposeMapping,
  previewCsv,
  readPack,
  sniffFileKind,
  type ColumnMapping,
  type CsvFormatId,
  type CsvPreview,
  type MarketingPack,
  type PackIssue,
  type RecordKind,
  type RowIssue,
  type TargetField,
} from '../importers';
import type { RequestFn } from '../messaging/client';
import { commitImport, readDirectoryData, type DirectoryData, type ImportOutcome, type LensDatabase } from '../store';
import { importPart } from './import-part';
import { PARALLEL_MIN_BYTES, planParts, readInParts, type PartRunner, type PartsResult } from './parallel-import';

/**
 * The "Import data" section's state and actions. Files are parsed HERE, in the options page (streaming, with progress
 * and cancel), not in the service worker, and written to the extension's IndexedDB from here too: what is valid is kept
 * in memory while the file is read (events as compact columns), and the commit merges all of it in one transaction
 * (lib/store/imports.ts); then the background is told `data.changed`. Any problem before the commit (invalid rows,
 * cancel, a failed read) writes nothing.
 */

/** A file as the page gets it from the input or a drop (a File is one). */
export type ImportFile = Blob & { readonly name: string };

export interface ImportModelOptions {
  locale?: string;
  now?: () => Date;
  /**
   * Reads a part of a large contacts or events file on another thread (runPartInWorker in the extension; the file's two
   * halves at once); without it every file is read whole, in this thread.
   */
  runPart?: PartRunner;
  /** From what size a file is read in two parts (PARALLEL_MIN_BYTES by default). */
  parallelMinBytes?: number;
  /** Called when the file chosen will be read in two parts, so the threads can get ready during its preview. */
  prepareParts?: () => void;
  /** Called when the file previewed is set aside (another chosen, or the section reset): threads got ready for it stop. */
  releaseParts?: () => void;
}

export const MAX_LISTED_ERRORS = 50;

export interface RowErrors {
  file: string;
  list: RowIssue[];
  total: number;
  invalidRows: number;
  validRows: number;
}

interface Counts {
  contacts: number;
  events: number;
  campaigns: number;
}

const KIND_NOUN: Record<RecordKind, [string, string]> = {
  contacts: ['contact', 'contacts'],
  events: ['event', 'events'],
  'campaign-members': ['campaign member', 'campaign members'],
};
const n = (count: number) => count.toLocaleString('en-US');
const plural = (count: number, [one, many]: readonly [string, string]) => `${n(count)} ${count === 1 ? one : many}`;
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';
/** The kinds of file read in two parts when large (campaign-member exports are read whole: not measured at scale). */
const readsInParts = (kind: RecordKind | null) => kind === 'contacts' || kind === 'events';

export function createImportModel(request: RequestFn, openDb: () => Promise<LensDatabase>, options: ImportModelOptions = {}) {
  const now = options.now ?? (() => new Date());
  const file = signal<ImportFile | null>(null);
  const reading = signal(false);
  const preview = signal<CsvPreview | null>(null);
  const format = signal<CsvFormatId | null>(null);
  const mapping = signal<ColumnMapping>([]);
  const pack = signal<{ pack: MarketingPack; counts: Record<'campaigns' | 'personas' | 'content' | 'contacts' | 'events', number> } | null>(null);
  const packErrors = signal<PackIssue[]>([]);
  /** While importing: how far the reading got (0–1), or null while the background writes. */
  const progress = signal<{ fraction: number | null; label: string } | null>(null);
  const rowErrors = signal<RowErrors | null>(null);
  const result = signal<string | null>(null);
  const error = signal<string | null>(null);
  let controller: AbortController | null = null;

  const kind = computed<RecordKind | null>(() => (format.value ? formatSpec(format.value).kind : null));
  const problems = computed(() => (format.value ? checkMapping(format.value, mapping.value) : []));
  /** Repeated column names where one copy is read and the other not: said before importing, for the mapping in use. */
  const headerWarnings = computed(() => {
    const p = preview.value;
    return p ? duplicateHeaders(p.file, p.header, p.headerLine, mapping.value) : [];
  });
  const confirmLabel = computed(() => {
    const p = preview.value;
    const k = kind.value;
    if (!p || !k) return 'Import';
    // The preview reads the first rows only; a longer file's count is known once it is read.
    return p.complete ? `Import ${plural(p.rowsScanned, KIND_NOUN[k])}` : `Import all ${KIND_NOUN[k][1]} (${p.rowsScanned.toLocaleString('en-US')}+ rows)`;
  });

  const clear = () => {
    options.releaseParts?.();
    preview.value = null;
    format.value = null;
    mapping.value = [];
    pack.value = null;
    packErrors.value = [];
    rowErrors.value = null;
    result.value = null;
    error.value = null;
  };

  async function choose(next: ImportFile): Promise<void> {
    controller?.abort();
    clear();
    file.value = next;
    reading.value = true;
    try {
      const start = await next.slice(0, 256).text();
      if (sniffFileKind(start, next.name) === 'pack') {
        const checked = await readPack(next, next.name);
        if (checked.ok) pack.value = { pack: checked.pack, counts: checked.counts };
        else packErrors.value = checked.errors;
        return;
      }
      const seen = await previewCsv(next, { file: next.name, sampleRows: 5, ...(options.locale ? { locale: options.locale } : {}) });
      preview.value = seen;
      const chosen = seen.detection.best ?? seen.detection.candidates[0];
      format.value = chosen?.format ?? null;
      mapping.value = seen.detection.best?.mapping ?? (chosen ? proposeMapping(chosen.format, seen.header) : []);
      if (readsInParts(kind.value) && options.runPart && next.size >= (options.parallelMinBytes ?? PARALLEL_MIN_BYTES)) options.prepareParts?.();
    } catch (e) {
      error.value = message(e);
    } finally {
      reading.value = false;
    }
  }

  function setFormat(next: CsvFormatId): void {
    const p = preview.value;
    if (!p) return;
    format.value = next;
    mapping.value = proposeMapping(next, p.header);
    rowErrors.value = null;
  }

  function setField(index: number, field: TargetField | null): void {
    mapping.value = mapping.value.map((m) => (m.index === index ? { ...m, field } : m));
    rowErrors.value = null;
  }

  /** Reads the whole file, keeps what is valid, and commits unless rows were invalid (or the user chose to skip them). */
  async function run(skipInvalid: boolean): Promise<void> {
    const f = file.value;
    const p = preview.value;
    const fmt = format.value;
    if (!f || !p || !fmt || problems.value.length > 0 || progress.value) return;
    controller = new AbortController();
    const { signal: abort } = controller;
    rowErrors.value = null;
    result.value = null;
    error.value = null;
    progress.value = { fraction: 0, label: `Reading ${f.name}…` };
    // Opened inside the try below: a database that cannot be opened is an error shown like any other.
    let db!: LensDatabase;
    const showBytes = (bytesRead: number) => {
      progress.value = { fraction: f.size ? Math.min(1, bytesRead / f.size) : null, label: `Reading ${f.name}…` };
    };
    const settled = () => ({ file: f.name, format: fmt, mapping: mapping.value, dateOrder: p.dateOrder, delimiter: p.delimiter, maxIssues: MAX_LISTED_ERRORS });
    /** The whole file in this thread (every format; the fallback of the two-part read). */
    const readWhole = async (directory: DirectoryData): Promise<PartsResult> => {
      const whole = await importPart({ ...settled(), blob: f, encoding: 'auto', directory }, abort, showBytes);
      return { ...whole, events: [whole.events] };
    };
    /** A large contacts or events file on two cores (parallel-import.ts); null when it cannot be cut or a part failed. */
    const readTwoParts = async (directoryRead: Promise<DirectoryData>) => {
      const encoding = p.encoding === 'utf-8' || p.encoding === 'windows-1252' ? p.encoding : undefined;
      if (!readsInParts(kind.value) || !options.runPart || !encoding) return null;
      // The parts start while the address book is read (0.15-0.25 s at 100k contacts): they need it for their first rows.
      const plan = await planParts(f, options.parallelMinBytes);
      if (!plan) return null;
      try {
        return await readInParts(plan, { ...settled(), encoding, directory: directoryRead }, abort, showBytes, options.runPart);
      } catch (e) {
        if (isAbort(e) || abort.aborted) throw e;
        // Read it whole instead: that path has the last word on what is wrong with the file (or handles it).
        console.warn('Lens read the file whole after the two-part read failed', e);
        return null;
      }
    };
    try {
      db = await openDb();
      const directoryRead = readDirectoryData(db);
      directoryRead.catch(() => undefined); // awaited below (by the parts or the whole read), which report a failure
      const parsed = (await readTwoParts(directoryRead)) ?? (await readWhole(await directoryRead));
      if (parsed.errorCount > 0 && !skipInvalid) {
        rowErrors.value = { file: f.name, list: parsed.errors.slice(0, MAX_LISTED_ERRORS), total: parsed.errorCount, invalidRows: parsed.invalidRows, validRows: parsed.validRows };
        return; // nothing was written: what was read is dropped with `parsed`
      }
      if (parsed.validRows === 0) {
        error.value = `${f.name} has no valid rows to import; nothing was written.`;
        return;
      }
      abort.throwIfAborted();
      progress.value = { fraction: null, label: 'Saving…' };
      const { contacts, campaigns, events } = parsed;
      const sent: Counts = { contacts: contacts.length, events: events.reduce((total, part) => total + part.length, 0), campaigns: campaigns.length };
      const outcome = await commitImport(db, { contacts, campaigns, events }, now());
      // The lookups' caches in the background: the import is visible to the next lookup.
      await request('data.changed', {}).catch(() => undefined);
      result.value = describe(sent, outcome, skipInvalid ? parsed.invalidRows : 0, kind.value ?? 'contacts');
      rowErrors.value = null;
      preview.value = null; // done with this file: the section shows the result
    } catch (e) {
      error.value = isAbort(e) || abort.aborted ? 'Import cancelled; nothing was written.' : message(e);
    } finally {
      progress.value = null;
      controller = null;
    }
  }

  async function importPack(): Promise<void> {
    const chosen = pack.value;
    if (!chosen || progress.value) return;
    error.value = null;
    progress.value = { fraction: null, label: 'Saving…' };
    try {
      const outcome = await request('import.pack', { pack: chosen.pack });
      const people = outcome.people ? `; ${plural(outcome.people.contacts.created + outcome.people.contacts.updated, KIND_NOUN.contacts)} added or updated` : '';
      result.value =
        `Imported the marketing pack: ${plural(outcome.personas, ['persona', 'personas'])}, ${plural(outcome.content, ['content asset', 'content assets'])}, ` +
        `${plural(outcome.campaigns, ['campaign', 'campaigns'])}, the SLA${outcome.scoringModel ? ' and the scoring model' : ''}${people}.`;
      pack.value = null;
    } catch (e) {
      error.value = message(e);
    } finally {
      progress.value = null;
    }
  }

  return {
    file,
    reading,
    preview,
    format,
    mapping,
    pack,
    packErrors,
    progress,
    rowErrors,
    result,
    error,
    kind,
    problems,
    headerWarnings,
    confirmLabel,
    choose,
    setFormat,
    setField,
    confirm: () => run(false),
    skipInvalid: () => run(true),
    importPack,
    /** Stops reading; what was read is dropped. A commit already under way is not interrupted. */
    cancel: () => controller?.abort(),
    reset: () => {
      controller?.abort();
      clear();
      file.value = null;
    },
  };
}

export type ImportModel = ReturnType<typeof createImportModel>;

/** "Imported 3 contacts (2 new, 1 updated) · 4 events (4 new) · 1 new campaign." */
export function describe(sent: Counts, outcome: ImportOutcome, skipped: number, kind: RecordKind): string {
  const parts: string[] = [];
  const c = outcome.contacts;
  if (kind === 'contacts' || sent.contacts > 0) {
    const detail = [`${n(c.created)} new`, `${n(c.updated)} updated`, ...(c.unchanged ? [`${n(c.unchanged)} unchanged`] : []), ...(c.merged ? [`${n(c.merged)} merged`] : [])];
    parts.push(`${plural(sent.contacts, KIND_NOUN.contacts)} (${detail.join(', ')})`);
  }
  if (sent.events > 0 || kind !== 'contacts') {
    const e = outcome.events;
    parts.push(`${plural(sent.events, KIND_NOUN.events)} (${n(e.added)} new${e.duplicates ? `, ${n(e.duplicates)} already there` : ''})`);
  }
  const cm = outcome.campaigns;
  if (cm.created + cm.updated > 0) parts.push(`${plural(cm.created, ['new campaign', 'new campaigns'])}${cm.updated ? `, ${n(cm.updated)} updated` : ''}`);
  const skippedText = skipped > 0 ? ` Skipped ${plural(skipped, ['invalid row', 'invalid rows'])}.` : '';
  return `Imported ${parts.join(' · ')}.${skippedText}`;
}
