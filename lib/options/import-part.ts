import { createDirectory, importCsv, type ColumnMapping, type CsvFormatId, type DateOrder, type Delimiter, type EncodingChoice, type RowIssue } from '../importers';
import type { Campaign } from '../model';
import { EventStager, type DirectoryData, type LensDatabase } from '../store';

/**
 * Reading one part of an events file and staging its events: the options page runs it for the first part while a
 * worker (import-worker.ts) runs it for the second, so a large file is read on both cores. Either way it is the same
 * importCsv the whole-file path uses, with the format, mapping and date order the preview settled.
 */

export interface PartRequest {
  /** The part's bytes: the first part of the file, or the header followed by the rest. */
  blob: Blob;
  file: string;
  format: CsvFormatId;
  mapping: ColumnMapping;
  dateOrder: DateOrder;
  delimiter: Delimiter;
  encoding: Exclude<EncodingChoice, 'auto'>;
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
  campaigns: Campaign[];
}

export async function importPart(db: LensDatabase, request: PartRequest, signal: AbortSignal, onBytes: (bytesRead: number) => void): Promise<PartResult> {
  const stager = EventStager.join(db, request.importId, request.startedAt, request.seqStart);
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
      for (const c of batch.campaigns) campaigns.push(c);
      await stager.add(batch.events);
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
    campaigns,
  };
}
