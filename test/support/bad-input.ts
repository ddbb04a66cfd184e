import { closeSync, openAsBlob, openSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  ImportError,
  checkMapping,
  importCsv,
  previewCsv,
  proposeMapping,
  readPack,
  sniffFileKind,
  type CsvImportResult,
  type CsvPreview,
  type ImportErrorCode,
  type PackIssue,
  type RowIssue,
} from '../../lib/importers';

/**
 * The bad-input corpus (test/fixtures/bad-input, described in its README.md) as data, so any test can iterate it:
 * test/unit/bad-input.test.ts checks the importers' answer to each; a store test can feed the same files through the
 * options page's import and check that nothing was written. Small files are committed; the large ones are written
 * into a temporary directory by `generate`, never committed.
 */

export const BAD_INPUT_DIR = join(import.meta.dirname, '..', 'fixtures', 'bad-input');

/** A file as the options page gets it from the input or a drop. */
export type ImportFile = Blob & { readonly name: string };

/** Some of an issue's fields, each exact or matching a pattern. */
export type IssueMatch<T> = { [K in keyof T]?: T[K] | RegExp };

export type Expected =
  /** The whole file is refused: previewCsv (or importCsv) throws ImportError with this code. */
  | { outcome: 'file-error'; code: ImportErrorCode; message: string | RegExp }
  /** The header is read but no format fits: the page shows the mapping's problems and offers no import. */
  | { outcome: 'mapping-problems'; problems: string[]; unknownFormatMessage: string | RegExp }
  /** The preview works; importCsv throws ImportError with this code. */
  | { outcome: 'import-error'; code: ImportErrorCode; message: string | RegExp; previewRows: number }
  /** Rows with errors: without "skip invalid rows" nothing is written; with it, `validRows` rows are. */
  | { outcome: 'row-errors'; errors: IssueMatch<RowIssue>[]; rows: number; validRows: number }
  /** Imported whole (perhaps with warnings). */
  | { outcome: 'imported'; rows: number; warnings?: IssueMatch<RowIssue>[] }
  /** A marketing pack refused with these issues; nothing is replaced. */
  | { outcome: 'pack-errors'; errors: IssueMatch<PackIssue>[] };

export interface BadInputCase {
  name: string;
  /** What is wrong with it, in a few words. */
  what: string;
  /** A committed file in BAD_INPUT_DIR… */
  file?: string;
  /** …or one written at test time into `dir` under the name `generated`; returns its path. */
  generate?: (dir: string) => string;
  generated?: string;
  expected: Expected;
  /** Whether an import of it must leave the store as it was (true unless rows are imported). */
  writesNothing: boolean;
}

const HUBSPOT_HEADER = 'Record ID,First Name,Last Name,Email,Lifecycle Stage,Became a Marketing Qualified Lead Date';
export const LARGE_FILE_BYTES = 50 * 1024 * 1024;

/** Writes rows in pieces, so a 50 MB file is produced quickly and never held whole. */
function writeCsv(path: string, header: string, rows: (write: (text: string) => void) => void): string {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, `${header}\r\n`);
    rows((text) => writeSync(fd, text));
  } finally {
    closeSync(fd);
  }
  return path;
}

/** Rows of a ~50 MB HubSpot export, all valid and distinct; its row count is LARGE_FILE_ROWS. */
export function writeLargeCsv(dir: string): string {
  return writeCsv(join(dir, 'contacts-50mb.csv'), HUBSPOT_HEADER, (write) => {
    let bytes = 0;
    let n = 0;
    while (n < LARGE_FILE_ROWS) {
      const lines: string[] = [];
      for (let i = 0; i < 10_000 && n < LARGE_FILE_ROWS; i++, n++)
        lines.push(`${n + 1},First${n},Last${n},person.${n}@bulk.example,Lead,2024-03-05 14:22\r\n`);
      const text = lines.join('');
      bytes += text.length;
      write(text);
    }
    if (bytes < LARGE_FILE_BYTES - 1024 * 1024) throw new Error(`the large file came out at ${bytes} bytes`);
  });
}
/** Enough rows of ~80 bytes for 50 MB. */
export const LARGE_FILE_ROWS = 680_000;

export const LONG_CELL_CHARS = 1_100_000;

export const BAD_INPUTS: readonly BadInputCase[] = [
  {
    name: 'truncated mid-row',
    what: 'the last row stops after its third value',
    file: 'truncated-mid-row.csv',
    expected: {
      outcome: 'row-errors',
      rows: 2,
      validRows: 1,
      errors: [{ line: 3, column: 'Email', cell: 'D3', value: '', reason: "has 3 of the header's 6 columns (is the line cut short?)" }],
    },
    writesNothing: true,
  },
  {
    name: 'truncated mid-quoted-field',
    what: 'a quoted value opens on line 3 and never closes, swallowing the next line',
    file: 'truncated-mid-quote.csv',
    expected: {
      outcome: 'row-errors',
      rows: 2,
      validRows: 1,
      errors: [
        {
          line: 3,
          column: 'First Name',
          cell: 'B3',
          reason: 'has a quoted value that never closes (the file may be cut off): it runs to the end of the file, taking in 1 more text line',
        },
      ],
    },
    writesNothing: true,
  },
  {
    name: 'wrong headers',
    what: 'a product list, not a marketing export',
    file: 'wrong-headers.csv',
    expected: {
      outcome: 'mapping-problems',
      problems: ['no column is mapped to Email'],
      unknownFormatMessage: 'Lens does not recognise this file from its header (line 1: "Product", "Unit Price", "Stock")',
    },
    writesNothing: true,
  },
  {
    name: 'duplicate headers',
    what: 'two "Email" columns: the second address would be dropped silently',
    file: 'duplicate-headers.csv',
    expected: {
      outcome: 'imported',
      rows: 1,
      warnings: [
        {
          line: 1,
          column: 'Email',
          cell: 'E1',
          reason: 'repeats the header of column B: only column B is read (as Email); this one is ignored. Rename one of them, or map the columns by hand.',
        },
      ],
    },
    writesNothing: false,
  },
  {
    name: 'image renamed .csv',
    what: 'a PNG image with a .csv name',
    file: 'image-renamed.csv',
    expected: { outcome: 'file-error', code: 'binary', message: 'This is a PNG image, not CSV text' },
    writesNothing: true,
  },
  {
    name: 'zip renamed .csv',
    what: 'a ZIP archive (not a workbook) with a .csv name',
    file: 'zip-renamed.csv',
    expected: { outcome: 'file-error', code: 'binary', message: 'This is a ZIP archive (its first file is "notes.txt"), not CSV text' },
    writesNothing: true,
  },
  {
    name: 'empty file',
    what: '0 bytes',
    file: 'empty.csv',
    expected: { outcome: 'file-error', code: 'empty', message: 'The file is empty.' },
    writesNothing: true,
  },
  {
    name: 'header only',
    what: 'a HubSpot header and no rows',
    file: 'header-only.csv',
    expected: { outcome: 'import-error', code: 'no-rows', message: 'The file has a header (line 1) but no rows under it.', previewRows: 0 },
    writesNothing: true,
  },
  {
    name: 'invalid emails',
    what: 'an address without a domain, one with spaces, two addresses in one cell',
    file: 'invalid-emails.csv',
    expected: {
      outcome: 'row-errors',
      rows: 4,
      validRows: 1,
      errors: [
        { line: 2, column: 'Email', cell: 'D2', value: 'dana.whitfield@', reason: 'is not an email address' },
        { line: 3, column: 'Email', cell: 'D3', value: 'ari kaplan at northwind.example', reason: 'is not an email address' },
        { line: 4, column: 'Email', cell: 'D4', value: 'bo.young@northwind.example, bo@home.example', reason: 'is not an email address' },
      ],
    },
    writesNothing: true,
  },
  {
    name: 'unparseable dates',
    what: 'a word, 30 February and hour 25 as dates',
    file: 'unparseable-dates.csv',
    expected: {
      outcome: 'row-errors',
      rows: 4,
      validRows: 1,
      errors: [
        {
          line: 2,
          column: 'Became a Marketing Qualified Lead Date',
          cell: 'F2',
          value: 'yesterday',
          reason: 'is not a date Lens reads (e.g. 2024-03-05 14:22, 3/5/2024, 2024-03-05T14:22:00Z)',
        },
        { line: 3, cell: 'F3', value: '2024-02-30 10:00', reason: 'has day 30, but that month has 29 days' },
        { line: 4, cell: 'F4', value: '2024-03-05 25:00', reason: 'has a time of day that does not exist' },
      ],
    },
    writesNothing: true,
  },
  {
    name: 'NUL byte',
    what: 'one zero byte inside a name on the third text line',
    file: 'nul-byte.csv',
    expected: { outcome: 'file-error', code: 'binary', message: 'a zero byte at byte 159, on text line 3' },
    writesNothing: true,
  },
  {
    name: 'formula-like names',
    what: 'names starting with = + - @ (spreadsheet formula injection)',
    file: 'formula-like-names.csv',
    expected: { outcome: 'imported', rows: 3 },
    writesNothing: false,
  },
  {
    name: 'cell over 1 MB',
    what: 'a first name of 1.1 million characters (generated)',
    generated: 'long-cell.csv',
    generate: (dir) =>
      writeCsv(join(dir, 'long-cell.csv'), HUBSPOT_HEADER, (write) => {
        write(`101,${'x'.repeat(LONG_CELL_CHARS)},Whitfield,dana.whitfield@northwind.example,Lead,\r\n`);
        write('102,Ari,Kaplan,ari.kaplan@northwind.example,Lead,\r\n');
      }),
    expected: {
      outcome: 'row-errors',
      rows: 2,
      validRows: 1,
      errors: [{ line: 2, column: 'First Name', cell: 'B2', value: `${'x'.repeat(200)}… (1,100,000 characters)`, reason: 'must be at most 300 characters' }],
    },
    writesNothing: true,
  },
  {
    name: '50 MB CSV',
    what: `${LARGE_FILE_ROWS.toLocaleString('en-US')} valid contacts, ~50 MB (generated)`,
    generated: 'contacts-50mb.csv',
    generate: writeLargeCsv,
    expected: { outcome: 'imported', rows: LARGE_FILE_ROWS },
    writesNothing: false,
  },
  {
    name: 'pack of an unknown version',
    what: 'a marketing pack with "version": 2 and a section this Lens does not know',
    file: 'pack-unknown-version.json',
    expected: {
      outcome: 'pack-errors',
      errors: [{ path: 'version', reason: 'is 2, newer than this Lens reads (1): update the extension', file: 'pack-unknown-version.json', line: 2, column: 14, value: '2' }],
    },
    writesNothing: true,
  },
  {
    name: 'pack with javascript: and data: links',
    what: 'content URLs that would run script if they became links',
    file: 'pack-script-urls.json',
    expected: {
      outcome: 'pack-errors',
      errors: [
        { path: 'content[0].url', reason: 'must be an http(s) URL', file: 'pack-script-urls.json', line: 40, column: 14, value: 'javascript:alert(document.cookie)' },
        {
          path: 'content[1].url',
          reason: 'must be an http(s) URL',
          file: 'pack-script-urls.json',
          line: 55,
          column: 14,
          value: 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
        },
      ],
    },
    writesNothing: true,
  },
  {
    name: 'CSV named .json',
    what: 'a CSV file saved with a .json name, read as a pack',
    file: 'csv-named-json.json',
    expected: {
      outcome: 'pack-errors',
      errors: [{ path: '', reason: /^is not valid JSON: .*\(line 1, column 1\)$/, file: 'csv-named-json.json', line: 1, column: 1 }],
    },
    writesNothing: true,
  },
];

/** The case's file as the options page would get it; generated files are written into `dir` first. */
export async function openCase(c: BadInputCase, dir: string): Promise<ImportFile> {
  const path = c.file ? join(BAD_INPUT_DIR, c.file) : c.generate!(dir);
  // openAsBlob reads from disk on demand, as a browser File does: the 50 MB file is never in memory whole.
  const blob = await openAsBlob(path);
  return Object.assign(blob as unknown as Blob, { name: basename(path) });
}

/** What the importers made of a file, on the path the options page takes (lib/options/import-model.ts). */
export type ImporterAnswer =
  | { stage: 'pack'; ok: true; counts: Record<string, number> }
  | { stage: 'pack'; ok: false; errors: PackIssue[] }
  | { stage: 'preview'; error: ImportError }
  | { stage: 'import'; preview: CsvPreview; error: ImportError }
  | { stage: 'mapping'; preview: CsvPreview; problems: string[] }
  | { stage: 'imported'; preview: CsvPreview; result: CsvImportResult; delivered: number; largestBatch: number; progress: number[] };

/**
 * The options page's steps without the page: sniff the first 256 bytes, then readPack, or previewCsv and importCsv with
 * the preview's format, mapping, date order and separator, delivering batches (counted and dropped, as the page sends
 * them on). `onBatch` lets a caller see each batch.
 */
export async function runImporters(file: ImportFile, onBatch?: (records: number) => void): Promise<ImporterAnswer> {
  const start = await file.slice(0, 256).text();
  if (sniffFileKind(start, file.name) === 'pack') {
    const checked = await readPack(file, file.name);
    return checked.ok ? { stage: 'pack', ok: true, counts: checked.counts } : { stage: 'pack', ok: false, errors: checked.errors };
  }
  let preview: CsvPreview;
  try {
    preview = await previewCsv(file, { file: file.name, sampleRows: 5 });
  } catch (error) {
    if (error instanceof ImportError) return { stage: 'preview', error };
    throw error;
  }
  const chosen = preview.detection.best ?? preview.detection.candidates[0]!;
  const mapping = preview.detection.best?.mapping ?? proposeMapping(chosen.format, preview.header);
  const problems = checkMapping(chosen.format, mapping);
  if (problems.length > 0) return { stage: 'mapping', preview, problems };
  let delivered = 0;
  let largestBatch = 0;
  const progress: number[] = [];
  try {
    const result = await importCsv(file, {
      file: file.name,
      format: chosen.format,
      mapping,
      dateOrder: preview.dateOrder,
      delimiter: preview.delimiter,
      maxIssues: 50,
      onProgress: ({ bytesRead }) => progress.push(bytesRead),
      onBatch: (batch) => {
        const records = batch.contacts.length + batch.events + batch.campaigns.length;
        delivered += records;
        largestBatch = Math.max(largestBatch, records);
        onBatch?.(records);
      },
    });
    return { stage: 'imported', preview, result, delivered, largestBatch, progress };
  } catch (error) {
    if (error instanceof ImportError) return { stage: 'import', preview, error };
    throw error;
  }
}
