import { EventColumns, formatSpec, importCsv, type ColumnMapping, type CsvFormatId, type DateOrder, type Delimiter, type EncodingChoice, type RowIssue } from '../importers';
import type { Campaign } from '../model';
import { ContactRows } from '../store/contact-rows';
import { directoryFrom, type DirectoryData } from '../store/directory';

/**
 * Reading a file — or one part of a large contacts or events file — with the format, mapping and date order the
 * preview settled, keeping what is valid: contacts as ContactRows, campaigns as objects, events as columns. It writes
 * nothing. The options page runs it for a whole file, or two workers (import-worker.ts) run it for a half each, so a
 * large file is read on both cores.
 */

export interface PartRequest {
  /** The bytes: the whole file, its first part, or the header followed by the rest. */
  blob: Blob;
  file: string;
  format: CsvFormatId;
  mapping: ColumnMapping;
  dateOrder: DateOrder;
  delimiter: Delimiter;
  /** 'auto' only for a whole file: a part must not be read again in another encoding (see importPart). */
  encoding: EncodingChoice;
  /** Awaited when the first rows are mapped (see CsvImportOptions.directory). */
  directory: DirectoryData | Promise<DirectoryData>;
  maxIssues: number;
}

export interface PartResult {
  rows: number;
  validRows: number;
  invalidRows: number;
  errorCount: number;
  /** In the part's own line numbers (the caller shifts the second part's). */
  errors: RowIssue[];
  /** Records read, the header included: the first part's tells the second part's line numbers (see mergeParts). */
  records: number;
  /** Whether the bytes ended inside a quoted value: for a first part, a cut that was no record boundary. */
  endsInQuotes: boolean;
  events: EventColumns;
  contacts: ContactRows;
  campaigns: Campaign[];
}

export async function importPart(request: PartRequest, signal: AbortSignal, onBytes: (bytesRead: number) => void): Promise<PartResult> {
  // Sized for the file up front (an events export runs ~60–120 bytes a row): growing by doubling would copy ~30 MB of
  // columns a dozen times and keep the page's collector busy with the old buffers.
  const events = new EventColumns(formatSpec(request.format).kind === 'events' ? Math.ceil(request.blob.size / 80) : 0);
  let contacts = ContactRows.empty();
  const campaigns: Campaign[] = [];
  const directory = Promise.resolve(request.directory).then(directoryFrom);
  directory.catch(() => undefined); // awaited by importCsv when rows come (a file that has none never asks)
  const parsed = await importCsv(request.blob, {
    file: request.file,
    format: request.format,
    mapping: request.mapping,
    dateOrder: request.dateOrder,
    delimiter: request.delimiter,
    encoding: request.encoding,
    directory,
    signal,
    maxIssues: request.maxIssues,
    onProgress: ({ bytesRead }) => onBytes(bytesRead),
    onBatch: (batch) => {
      // Each contact's text and keys are worked out now, while it is fresh (see ContactRows). A loop, not push(...):
      // spreading a large array overflows the call stack.
      for (const c of batch.contacts) contacts.add(c);
      for (const c of batch.campaigns) campaigns.push(c);
    },
    events,
    // A whole file that turns out to mix encodings is read again: what was kept so far is void. (A part has its
    // encoding fixed, so it never restarts.)
    onRestart: () => {
      events.clear();
      contacts = ContactRows.empty();
      campaigns.length = 0;
    },
  });
  return {
    rows: parsed.rows,
    validRows: parsed.validRows,
    invalidRows: parsed.invalidRows,
    errorCount: parsed.errorCount,
    errors: parsed.errors,
    records: parsed.records,
    endsInQuotes: parsed.endsInQuotes,
    events,
    contacts,
    campaigns,
  };
}
