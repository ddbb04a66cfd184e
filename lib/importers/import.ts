import type { Campaign, EngagementEvent } from '../model/marketing';
import type { LifecycleStage } from '../model/contact';
import { parseCsv, type CsvInput, type CsvProgress, type CsvRow } from './csv';
import { checkTimeZone, dateOrderForLocale, guessDateOrder } from './dates';
import { checkMapping, detectFormat, proposeMapping, type DetectionResult } from './detect';
import type { EncodingChoice } from './encoding';
import { formatSpec } from './formats';
import { EventColumns } from './event-columns';
import { RowMapper, type Directory, type MappedBatch } from './map';
import { columnLetter } from './text';
import {
  FIELD_LABEL,
  ImportError,
  type ColumnMapping,
  type CsvFormatId,
  type DateOrder,
  type Delimiter,
  type IncomingContact,
  type RecordKind,
  type RowIssue,
  type TextEncodingName,
} from './types';

/**
 * The two steps the options page runs: previewCsv reads the head of a file and proposes a format and a mapping;
 * importCsv reads all of it with the (possibly adjusted) choice and returns what is valid plus every row error. It
 * writes nothing: the caller writes all of it when `errorCount` is 0, or only the valid rows when the user chose so.
 */

export interface PreviewOptions {
  file: string;
  encoding?: EncodingChoice;
  delimiter?: Delimiter;
  /** Rows shown; 20 by default. */
  sampleRows?: number;
  /** Rows read to guess the date order; 1,000 by default. */
  scanRows?: number;
  /** The user's locale, for the date order when the file does not tell ("3/5/2024"). */
  locale?: string;
  signal?: AbortSignal;
}

export interface CsvPreview {
  file: string;
  encoding: TextEncodingName | 'text';
  hadBom: boolean;
  delimiter: Delimiter;
  header: string[];
  headerLine: number;
  sample: CsvRow[];
  rowsScanned: number;
  /** True when the scan reached the end of the file (then rowsScanned is the row count). */
  complete: boolean;
  detection: DetectionResult;
  dateOrder: DateOrder;
  /** 'file': a date like 13/05/2024 settled it; 'locale': a guess from the user's locale. */
  dateOrderFrom: 'file' | 'locale';
  /** Problems of the header itself under the proposed mapping (a repeated header); the import repeats them. */
  headerWarnings: RowIssue[];
}

export async function previewCsv(input: CsvInput, options: PreviewOptions): Promise<CsvPreview> {
  const sampleRows = options.sampleRows ?? 20;
  const sample: CsvRow[] = [];
  const cells: string[] = [];
  const summary = await parseCsv(input, {
    file: options.file,
    encoding: options.encoding,
    delimiter: options.delimiter,
    signal: options.signal,
    maxRows: Math.max(sampleRows, options.scanRows ?? 1000),
    onRows: (rows) => {
      for (const row of rows) {
        if (sample.length < sampleRows) sample.push(row);
        for (const cell of row.cells) if (cell.includes('/')) cells.push(cell);
      }
    },
  });
  const fromFile = guessDateOrder(cells);
  const detection = detectFormat(summary.header);
  const proposed = detection.best ?? detection.candidates[0];
  return {
    file: summary.file,
    encoding: summary.encoding,
    hadBom: summary.hadBom,
    delimiter: summary.delimiter,
    header: summary.header,
    headerLine: summary.headerLine,
    sample,
    rowsScanned: summary.rows,
    complete: summary.complete,
    detection,
    dateOrder: fromFile ?? dateOrderForLocale(options.locale ?? 'en-US'),
    dateOrderFrom: fromFile ? 'file' : 'locale',
    headerWarnings: duplicateHeaders(summary.file, summary.header, summary.headerLine, proposed?.mapping ?? []),
  };
}

export interface CsvImportOptions {
  file: string;
  /** Leave out to use the detected format. */
  format?: CsvFormatId;
  /** Leave out to use the format's proposal. */
  mapping?: ColumnMapping;
  /** Leave out to read it off the file's first piece, else from `locale`. */
  dateOrder?: DateOrder;
  locale?: string;
  /** IANA zone of dates written without an offset (the exporting user's); 'UTC' by default. */
  timeZone?: string;
  /**
   * Contacts, campaigns and content already known: events attach to them. A promise is awaited when the first rows are
   * mapped, so the file's first bytes are read and parsed while the directory is still on its way.
   */
  directory?: Directory | Promise<Directory>;
  stageOverrides?: Readonly<Record<string, LifecycleStage>>;
  encoding?: EncodingChoice;
  delimiter?: Delimiter;
  chunkSize?: number;
  signal?: AbortSignal;
  onProgress?: (progress: CsvProgress) => void;
  /**
   * Receives the valid contacts and campaigns piece by piece (awaited), and how many events each piece added. When
   * given, the result's contacts and campaigns stay empty, so a 1M-row file is never held whole.
   */
  onBatch?: (batch: MappedBatch) => void | Promise<void>;
  /**
   * Called when a File turns out to mix UTF-8 and Windows-1252 bytes after batches were delivered: everything
   * delivered so far is void, and the file is read again as Windows-1252. Without it, such a file fails with
   * 'mixed-encoding' when `onBatch` is used.
   */
  onRestart?: () => void | Promise<void>;
  /** Where valid events go as they are read (column by column; the caller keeps them). Else the result lists them. */
  events?: EventColumns;
  maxIssues?: number;
}

export interface CsvImportResult {
  file: string;
  format: CsvFormatId;
  label: string;
  kind: RecordKind;
  encoding: TextEncodingName | 'text';
  hadBom: boolean;
  delimiter: Delimiter;
  dateOrder: DateOrder;
  timeZone: string;
  header: string[];
  mapping: ColumnMapping;
  /** Data rows in the file. */
  rows: number;
  validRows: number;
  invalidRows: number;
  /** Valid rows that record nothing Lens keeps (an email "sent", a campaign member "invited"). */
  skippedRows: number;
  blankLines: number;
  /** Lines of a report footer after the data, ignored. */
  footerLines: number;
  /** Records in the file, header and blank lines included (see CsvSummary.records). */
  records: number;
  /** Whether the file ends inside a quoted value (its last row is then an error). */
  endsInQuotes: boolean;
  contacts: IncomingContact[];
  events: EngagementEvent[];
  campaigns: Campaign[];
  /** At most `maxIssues` of them; errorCount counts all. */
  errors: RowIssue[];
  errorCount: number;
  warnings: RowIssue[];
  warningCount: number;
}

export async function importCsv(input: CsvInput, options: CsvImportOptions): Promise<CsvImportResult> {
  const timeZone = options.timeZone ?? 'UTC';
  checkTimeZone(timeZone);
  try {
    return await importOnce(input, options, options.encoding ?? 'auto', timeZone);
  } catch (error) {
    const rereadable = typeof input !== 'string' && !('getReader' in input);
    if (!(error instanceof ImportError && error.code === 'mixed-encoding' && rereadable && (options.encoding ?? 'auto') === 'auto')) throw error;
    // What was delivered (or put in `events`) so far is void: only a caller that can drop it may read the file again.
    if ((options.onBatch || options.events) && !options.onRestart) throw error;
    await options.onRestart?.();
    return importOnce(input, options, 'windows-1252', timeZone);
  }
}

async function importOnce(input: CsvInput, options: CsvImportOptions, encoding: EncodingChoice, timeZone: string): Promise<CsvImportResult> {
  const file = options.file;
  let format: CsvFormatId | undefined;
  let mapping: ColumnMapping = [];
  let header: string[] = [];
  let delimiter: Delimiter = ',';
  let mapper: RowMapper | undefined;
  let dateOrder: DateOrder = options.dateOrder ?? dateOrderForLocale(options.locale ?? 'en-US');
  const collected: Omit<MappedBatch, 'events'> = { contacts: [], campaigns: [] };
  const events = options.events ?? new EventColumns();

  const deliver = async (batch: MappedBatch) => {
    if (options.onBatch) {
      if (batch.contacts.length + batch.events + batch.campaigns.length > 0) await options.onBatch(batch);
      return;
    }
    // A loop, not push(...batch): spreading a very large array overflows the call stack.
    for (const c of batch.contacts) collected.contacts.push(c);
    for (const c of batch.campaigns) collected.campaigns.push(c);
  };
  const startMapper = (rows: readonly CsvRow[], directory: Directory | undefined) => {
    if (!options.dateOrder) dateOrder = guessDateOrder(rows.flatMap((r) => r.cells.filter((c) => c.includes('/')))) ?? dateOrder;
    return new RowMapper({
      file,
      format: format!,
      header,
      mapping,
      dateOrder,
      timeZone,
      decimalComma: delimiter === ';',
      directory,
      stageOverrides: options.stageOverrides,
      maxIssues: options.maxIssues,
      events,
    });
  };

  const summary = await parseCsv(input, {
    file,
    encoding,
    delimiter: options.delimiter,
    chunkSize: options.chunkSize,
    signal: options.signal,
    onProgress: options.onProgress,
    onHeader: (info) => {
      header = info.header;
      delimiter = info.delimiter;
      format = options.format ?? detectFormat(header).best?.format;
      if (!format) throw new ImportError('unknown-format', unknownFormatMessage(header, info.line), file);
      mapping = options.mapping ?? proposeMapping(format, header);
      const problems = checkMapping(format, mapping);
      // A mapping adjusted on one file's preview must not be applied to another file's columns.
      const foreign = mapping.filter((m) => header[m.index] !== m.header);
      if (foreign.length > 0) problems.push(`the mapping was made for other columns (${foreign.map((m) => `"${m.header}"`).join(', ')})`);
      if (problems.length > 0) throw new ImportError('mapping', `The column mapping cannot be used: ${problems.join('; ')}.`, file);
    },
    onRows: async (rows) => {
      mapper ??= startMapper(rows, await options.directory);
      for (const row of rows) mapper.add(row);
      await deliver(mapper.take());
    },
  });
  if (summary.rows === 0 || !mapper || !format)
    throw new ImportError('no-rows', `The file has a header (line ${summary.headerLine}) but no rows under it.`, file);
  await deliver(mapper.finish());
  const headerIssues = duplicateHeaders(file, header, summary.headerLine, mapping);

  const spec = formatSpec(format);
  return {
    file,
    format,
    label: spec.label,
    kind: spec.kind,
    encoding: summary.encoding,
    hadBom: summary.hadBom,
    delimiter: summary.delimiter,
    dateOrder,
    timeZone,
    header,
    mapping,
    rows: mapper.stats.rows,
    validRows: mapper.stats.valid,
    invalidRows: mapper.stats.invalid,
    skippedRows: mapper.stats.skipped,
    blankLines: summary.blankLines,
    footerLines: summary.footerLines,
    records: summary.records,
    endsInQuotes: summary.endsInQuotes,
    contacts: collected.contacts,
    events: options.events ? [] : events.toEvents(),
    campaigns: collected.campaigns,
    errors: mapper.errors,
    errorCount: mapper.errorCount,
    // The header's warnings first: they concern every row.
    warnings: [...headerIssues, ...mapper.warnings],
    warningCount: headerIssues.length + mapper.warningCount,
  };
}

/** Says what the header was, so a user who picked the wrong file (or a report with a title row) sees why at once. */
function unknownFormatMessage(header: readonly string[], line: number): string {
  const shown = header.slice(0, 8).map((h) => `"${h.length > 40 ? `${h.slice(0, 40)}…` : h}"`);
  const more = header.length > 8 ? ` and ${header.length - 8} more` : '';
  return (
    `Lens does not recognise this file from its header (line ${line}: ${shown.join(', ')}${more}); ` +
    'choose its format and map the columns. A contacts file needs an email column; an events file email, event type and time.'
  );
}

/**
 * Columns whose header repeats an earlier one where one of the two is read and the other ignored. Columns are mapped
 * by position, but a field such as Email takes one column: the other's values (a second address) would otherwise be
 * dropped without a word.
 */
export function duplicateHeaders(file: string, header: readonly string[], headerLine: number, mapping: ColumnMapping): RowIssue[] {
  const first = new Map<string, number>();
  const issues: RowIssue[] = [];
  header.forEach((h, index) => {
    const key = h.trim().toLowerCase();
    if (key === '') return;
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, index);
      return;
    }
    const field = mapping.find((m) => m.index === index)?.field;
    const earlierField = mapping.find((m) => m.index === earlier)?.field;
    // Both read (two "Work email" columns) or neither: nothing is lost.
    if (Boolean(field) === Boolean(earlierField)) return;
    const use = field
      ? `column ${columnLetter(earlier)} is ignored and this one is read as ${FIELD_LABEL[field]}`
      : `only column ${columnLetter(earlier)} is read (as ${FIELD_LABEL[earlierField!]}); this one is ignored`;
    issues.push({
      file,
      line: headerLine,
      column: h,
      value: h,
      reason: `repeats the header of column ${columnLetter(earlier)}: ${use}. Rename one of them, or map the columns by hand.`,
      cell: `${columnLetter(index)}${headerLine}`,
    });
  });
  return issues;
}
