import { createDirectory, importCsv, type ColumnMapping, type CsvFormatId, type DateOrder, type Delimiter, type EncodingChoice, type RowIssue } from '../importers';
import type { IncomingContact } from '../importers/types';
import type { Campaign } from '../model';
import { EventStager, type DirectoryData, type LensDatabase } from '../store';

/**
 * Reading a file — or one part of a large events file — and staging its events, with the format, mapping and date
 * order the preview settled. The options page runs it for a whole file, or for the first part while a worker
 * (import-worker.ts) runs it for the second, so a large file is read on both cores.
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
  directory: DirectoryData;
  importId: string;
  startedAt: number;
  /** The part's staging records are numbered from here (see EventStager.join). */
  seqStart: number;
  maxIssues: number;
}

export interface PartResult {
  rows: number;
  validRows: number;
  invalidRows: number;
  errorCount: number;
  /** In the part's own line numbers (the caller shifts the second part's). */
  errors: RowIssue[];
  staged: number;
  contacts: IncomingContact[];
  campaigns: Campaign[];
}

export async function importPart(db: LensDatabase, request: PartRequest, signal: AbortSignal, onBytes: (bytesRead: number) => void): Promise<PartResult> {
  const stager = EventStager.join(db, request.importId, request.startedAt, request.seqStart);
  const contacts: IncomingContact[] = [];
  const campaigns: Campaign[] = [];
  const parsed = await importCsv(request.blob, {
    file: request.file,
    format: request.format,
    mapping: request.mapping,
    dateOrder: request.dateOrder,
    delimiter: request.delimiter,
    encoding: request.encoding,
    directory: createDirectory(request.directory),
    signal,
    maxIssues: request.maxIssues,
    onProgress: ({ bytesRead }) => onBytes(bytesRead),
    onBatch: async (batch) => {
      // A loop, not push(...): spreading a large array overflows the call stack.
      for (const c of batch.contacts) contacts.push(c);
      for (const c of batch.campaigns) campaigns.push(c);
      await stager.add(batch.events);
    },
    // A whole file that turns out to mix encodings is read again: what was staged so far is void. (A part has its
    // encoding fixed, so it never restarts, and never drops the other part's rows of the same import.)
    onRestart: async () => {
      await stager.abort();
      stager.staged = 0;
      contacts.length = 0;
      campaigns.length = 0;
    },
  });
  await stager.flush();
  return {
    rows: parsed.rows,
    validRows: parsed.validRows,
    invalidRows: parsed.invalidRows,
    errorCount: parsed.errorCount,
    errors: parsed.errors,
    staged: stager.staged,
    contacts,
    campaigns,
  };
}
