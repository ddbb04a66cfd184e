import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fc from 'fast-check';
import Papa from 'papaparse';
import { ImportError, parseCsv, readCsvRows, type CsvProgress, type CsvRow } from '../../lib/importers';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'imports');
const bytes = (name: string) => new Uint8Array(readFileSync(join(DIR, name)));
const blob = (data: BlobPart) => new Blob([data]);
const utf8 = (text: string) => new TextEncoder().encode(text);

/** A stream that hands out `size` bytes at a time: splits BOMs, multi-byte characters and records. */
function streamOf(data: Uint8Array, size: number): ReadableStream<Uint8Array> & { cancelled: () => boolean } {
  let at = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= data.length) return controller.close();
      controller.enqueue(data.slice(at, at + size));
      at += size;
    },
    cancel() {
      cancelled = true;
    },
  });
  return Object.assign(stream, { cancelled: () => cancelled });
}

const cells = (rows: CsvRow[]) => rows.map((r) => r.cells);

describe('parseCsv: separators, quoting, line numbers', () => {
  it('reads quoted line breaks as one value and numbers lines as a spreadsheet does', async () => {
    const { summary, rows } = await readCsvRows(blob(bytes('salesforce-leads-report.csv')), { file: 'leads.csv' });
    expect(summary).toMatchObject({ delimiter: ',', encoding: 'utf-8', hadBom: false, headerLine: 1, rows: 4, footerLines: 5 });
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4, 5]);
    expect(rows[0]!.cells[14]).toBe('Asked for pricing.\nFollow up after the webinar replay.');
    expect(rows[2]!.cells[14]).toBe('Met at booth 14.\n"Send the ROI calculator", she said.');
    expect(rows.every((r) => r.problem === undefined)).toBe(true);
  });

  it('detects ";" and tab from the header, and honours Excel\'s "sep=" line', async () => {
    const semi = await readCsvRows(blob(bytes('salesforce-contacts-report-excel-de.csv')));
    expect(semi.summary.delimiter).toBe(';');
    // A value holding the other candidate separator does not confuse it.
    expect(semi.rows[2]!.cells[9]).toBe('Controlling; Finanzen');
    const tab = await readCsvRows(blob(bytes('engagement-events-tab.tsv')));
    expect(tab.summary.delimiter).toBe('\t');
    expect(tab.rows[0]!.cells).toEqual([
      'grace.okafor@tidewater.example',
      'Webinar attended',
      'Webinar: Forecasting Without Spreadsheets',
      '2024-03-14 16:00',
      'Stayed for the Q&A, asked 2 questions',
    ]);
    const sep = await readCsvRows('sep=|\r\nemail|name\r\na@x.example|A, B\r\n');
    expect(sep.summary).toMatchObject({ delimiter: '|', header: ['email', 'name'], headerLine: 1 });
    expect(sep.rows).toEqual([{ line: 2, cells: ['a@x.example', 'A, B'] }]);
  });

  it('counts blank lines as lines, and says which rows have the wrong number of values', async () => {
    const csv = 'a,b,c\n1,2,3\n\n4,5\n6,7,8,9\n10,11,12,,\n"13","14,"15"\n';
    const { summary, rows } = await readCsvRows(csv, { file: 'x.csv' });
    expect(summary.blankLines).toBe(1);
    expect(rows.map((r) => [r.line, r.problem ?? null, r.problemColumn ?? null])).toEqual([
      [2, null, null],
      [4, "has 2 of the header's 3 columns (is the line cut short?)", 2],
      [5, 'has 4 values, but the header has 3 columns', 3],
      // Trailing empty values are a trailing delimiter, not data.
      [6, null, null],
      [7, 'has a quote character in the middle of a value', 1],
    ]);
    expect(rows[3]!.cells).toEqual(['10', '11', '12']);
    expect(rows[4]!.cells).toEqual(['13', '14,"15']);
  });

  it('reports a quoted value that never closes (a cut-off file) on its line', async () => {
    const { rows } = await readCsvRows('email,note\na@x.example,fine\nb@x.example,"never closed\nc@x.example,lost');
    expect(rows.at(-1)).toMatchObject({ line: 3, problem: 'has a quoted value that never closes (the file may be cut off)' });
  });

  it('counts records as the parser made them, and says when the text ends inside quotes', async () => {
    // What a part of a file cut in two reports (lib/options/parallel-import.ts): a final line break adds no record.
    const count = async (text: string) => {
      const { summary } = await readCsvRows(text);
      return [summary.records, summary.endsInQuotes];
    };
    expect(await count('h\na\nb\n')).toEqual([3, false]);
    expect(await count('h\na\nb')).toEqual([3, false]);
    expect(await count('h\r\n\r\n"a\nb"\r\n')).toEqual([3, false]);
    expect(await count('h\na\n"b\nc\n')).toEqual([3, true]);
  });

  it('sets a report footer aside, but not single values followed by data', async () => {
    const footer = await readCsvRows('a,b,c\n1,2,3\n\n"Grand Totals (1 record)"\n"Confidential Information - Do Not Distribute"\n');
    expect(footer.summary).toMatchObject({ rows: 1, footerLines: 2 });
    const notFooter = await readCsvRows('a,b,c\n1,2,3\n\nlonely\n4,5,6\n');
    expect(notFooter.summary.footerLines).toBe(0);
    expect(notFooter.rows.map((r) => [r.line, r.problem ?? null])).toEqual([
      [2, null],
      [4, "has 1 of the header's 3 columns (is the line cut short?)"],
      [5, null],
    ]);
  });

  it('stops with a clear error on an empty file, a broken header, binary data and a workbook', async () => {
    const fail = (input: Blob | string) => parseCsv(input, { file: 'f.csv', onRows: () => undefined });
    await expect(fail(blob(new Uint8Array(0)))).rejects.toMatchObject({ code: 'empty', file: 'f.csv' });
    await expect(fail('\n\n  \n')).rejects.toMatchObject({ code: 'empty' });
    await expect(fail(blob(new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0x00, 0x01, 0x02])))).rejects.toMatchObject({
      code: 'binary',
      message: expect.stringContaining('byte 4'),
    });
    await expect(fail(blob(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])))).rejects.toMatchObject({ code: 'spreadsheet' });
    await expect(fail('"email,name\n')).rejects.toMatchObject({ code: 'no-header', message: expect.stringContaining('Line 1') });
    // Blank lines above the header are skipped, and still counted.
    await expect(fail(',,\nemail,name,title\n')).resolves.toMatchObject({ header: ['email', 'name', 'title'], headerLine: 2 });
    await expect(fail(blob(utf8('a,b\n')))).resolves.toMatchObject({ rows: 0, header: ['a', 'b'] });
  });
});

describe('parseCsv: encodings', () => {
  it('drops a UTF-8 byte order mark, even when a stream splits it', async () => {
    const data = bytes('hubspot-contacts-default-view-bom.csv');
    expect(Array.from(data.subarray(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
    for (const input of [blob(data), streamOf(data, 1), streamOf(data, 2)]) {
      const { summary, rows } = await readCsvRows(input);
      expect(summary).toMatchObject({ encoding: 'utf-8', hadBom: true });
      expect(summary.header[0]).toBe('Record ID');
      expect(rows[0]!.cells.slice(1, 3)).toEqual(['Zoë', 'Lindqvist']);
      expect(rows[1]!.cells.slice(1, 3)).toEqual(['José', 'Álvarez']);
    }
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8, and says so', async () => {
    const data = bytes('salesforce-contacts-report-excel-de.csv');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(data)).toThrow(TypeError);
    for (const input of [blob(data), streamOf(data, 7)]) {
      const { summary, rows } = await readCsvRows(input);
      expect(summary.encoding).toBe('windows-1252');
      expect(rows.map((r) => `${r.cells[1]} ${r.cells[2]}`)).toEqual(['Jürgen Müller', 'Bérénice Lefèvre', 'Søren Østergaard']);
      // 0x80 is "€" in Windows-1252 (not a control character as in ISO-8859-1).
      expect(rows[2]!.cells[3]).toBe('Leiter Controlling (€-Budget)');
    }
  });

  it('reads a forced encoding as told', async () => {
    const { summary, rows } = await readCsvRows(blob(utf8('name\nZoë\n')), { encoding: 'windows-1252' });
    expect(summary.encoding).toBe('windows-1252');
    expect(rows[0]!.cells[0]).toBe('ZoÃ«');
  });

  it('reads UTF-16 with a byte order mark (Excel "Unicode text")', async () => {
    const text = 'email\tname\r\nzoe@x.example\tZoë\r\n';
    const le = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      le[2 + i * 2] = text.charCodeAt(i) & 0xff;
      le[3 + i * 2] = text.charCodeAt(i) >> 8;
    }
    const { summary, rows } = await readCsvRows(streamOf(le, 3));
    expect(summary).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', header: ['email', 'name'] });
    expect(rows[0]!.cells).toEqual(['zoe@x.example', 'Zoë']);
  });

  it('refuses a stream that is UTF-8 first and something else later (it cannot be re-read)', async () => {
    const data = new Uint8Array([...utf8('name\nZoë\n'), 0x4a, 0xfc, 0x72, 0x67, 0x65, 0x6e, 0x0a]);
    const error = await readCsvRows(streamOf(data, 4)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect(error).toMatchObject({ code: 'mixed-encoding' });
  });

  it('rejects a file marked UTF-8 that is not', async () => {
    const data = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('name\n'), 0xfc, 0x0a]);
    await expect(readCsvRows(blob(data))).rejects.toMatchObject({ code: 'not-utf8' });
  });
});

describe('parseCsv: streaming, progress and cancel', () => {
  const big = () => {
    const lines = ['email,first,note'];
    for (let i = 0; i < 3000; i++) lines.push(`p${i}@x.example,Zoë ${i},"line one\nline ""two"", ${i}"`);
    return utf8(`${lines.join('\r\n')}\r\n`);
  };

  it('reads a File in slices and reports progress in bytes and rows', async () => {
    const data = big();
    const progress: CsvProgress[] = [];
    const batches: number[] = [];
    const summary = await parseCsv(blob(data), {
      chunkSize: 4096,
      onProgress: (p) => progress.push(p),
      onRows: (rows) => void batches.push(rows.length),
    });
    expect(summary.rows).toBe(3000);
    expect(batches.length).toBeGreaterThan(10);
    expect(Math.max(...batches)).toBeLessThan(200);
    expect(progress.length).toBeGreaterThan(10);
    expect(progress.every((p, i) => i === 0 || (p.bytesRead >= progress[i - 1]!.bytesRead && p.rows >= progress[i - 1]!.rows))).toBe(true);
    expect(progress.at(-1)).toEqual({ bytesRead: data.length, totalBytes: data.length, rows: 3000 });
  });

  it('waits for an async consumer before reading on', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    await parseCsv(streamOf(big(), 1000), {
      chunkSize: 2048,
      onRows: async () => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, 1));
        inFlight--;
      },
    });
    expect(maxInFlight).toBe(1);
  });

  it('stops on abort, rejects with the abort reason and releases the stream', async () => {
    const controller = new AbortController();
    const stream = streamOf(big(), 512);
    const onRows = vi.fn<(rows: CsvRow[]) => void>();
    const run = parseCsv(stream, {
      chunkSize: 2048,
      signal: controller.signal,
      onRows,
      onProgress: (p) => {
        if (p.rows > 100) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(stream.cancelled()).toBe(true);
    const delivered = onRows.mock.calls.reduce((n, [rows]) => n + rows.length, 0);
    expect(delivered).toBeGreaterThan(100);
    expect(delivered).toBeLessThan(3000);
  });

  it('does not start when already aborted', async () => {
    const onRows = vi.fn<(rows: CsvRow[]) => void>();
    await expect(parseCsv('a\n1\n', { signal: AbortSignal.abort(), onRows })).rejects.toMatchObject({ name: 'AbortError' });
    expect(onRows).not.toHaveBeenCalled();
  });

  it('stops after maxRows (a preview) and says it did not read everything', async () => {
    const { summary, rows } = await readCsvRows(blob(big()), { maxRows: 25, chunkSize: 4096 });
    expect(rows).toHaveLength(25);
    expect(summary.complete).toBe(false);
    expect(summary.bytesRead).toBeLessThan(big().length);
  });

  it('gives the same rows whatever the piece size (property)', async () => {
    const cell = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('a,b', 'say "hi"', 'two\nlines', 'Zoë ☃', ' padded ', ';', '\t'));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 40 }), async (data, piece) => {
        const header = ['alpha', 'beta', 'gamma'];
        // Rows of empty cells read as blank lines; they are not data.
        const body = data.filter((r) => r.some((c) => c.trim() !== ''));
        const text = Papa.unparse({ fields: header, data: body }, { newline: '\r\n' });
        const whole = await readCsvRows(text);
        const pieces = await readCsvRows(streamOf(utf8(text), piece), { chunkSize: 1024 });
        expect(cells(pieces.rows)).toEqual(cells(whole.rows));
        expect(cells(whole.rows)).toEqual(body);
        expect(pieces.summary.delimiter).toBe(',');
      }),
      { numRuns: 60 },
    );
  });
});
