import Papa, { type ParseError, type ParseResult } from 'papaparse';
import { ByteDecoder, type EncodingChoice } from './encoding';
import { ImportError, type Delimiter, type TextEncodingName } from './types';

/**
 * Streaming CSV reading. A File/Blob is read in slices and a ReadableStream chunk by chunk; each piece is decoded
 * (see encoding.ts) and handed to papaparse, whose `chunk` callback returns the complete records in it while it keeps
 * a record cut by the piece boundary for the next one. So only one piece of the file and its rows are in memory at a
 * time, and the caller's `onRows` may be async (it is awaited before the next piece is read: back-pressure).
 */

export type CsvInput = string | Blob | ReadableStream<Uint8Array>;

/** One record. `line` is the spreadsheet row number: the header is line 1, a quoted multi-line value stays one line. */
export interface CsvRow {
  line: number;
  cells: string[];
  /** Why the record's shape is wrong (cell count, quotes); its cells are not to be trusted. */
  problem?: string;
  /** The 0-based column the problem starts at. */
  problemColumn?: number;
  /**
   * For a quoted value that never closes: how many more text lines it swallowed (everything to the end of the file),
   * so the error can say how much of the file went into it.
   */
  unclosedLines?: number;
}

export interface CsvProgress {
  /** Bytes read so far (characters for a string input). */
  bytesRead: number;
  /** The size of a File/Blob or string; unknown for a stream. */
  totalBytes?: number;
  /** Data rows delivered so far. */
  rows: number;
}

export interface CsvHeaderInfo {
  header: string[];
  line: number;
  delimiter: Delimiter;
  encoding: TextEncodingName | 'text';
}

export interface ParseCsvOptions {
  /** The file's name, for messages. */
  file?: string;
  encoding?: EncodingChoice;
  /** Leave out to detect it from the header (or an Excel "sep=" line). */
  delimiter?: Delimiter;
  /** Bytes read (and characters parsed) per step; 512 KiB by default. */
  chunkSize?: number;
  signal?: AbortSignal;
  /** Stop after this many data rows (a preview). */
  maxRows?: number;
  onProgress?: (progress: CsvProgress) => void;
  onHeader?: (info: CsvHeaderInfo) => void | Promise<void>;
  onRows: (rows: CsvRow[]) => void | Promise<void>;
}

export interface CsvSummary {
  file: string;
  /** How the bytes were read; 'text' for a string input. */
  encoding: TextEncodingName | 'text';
  hadBom: boolean;
  delimiter: Delimiter;
  header: string[];
  headerLine: number;
  /** Data rows delivered (blank lines and a report footer not counted). */
  rows: number;
  blankLines: number;
  /** Lines after the data that hold at most one value each, after a blank line: a report's footer, ignored. */
  footerLines: number;
  /**
   * Records read: the header, rows, blank lines and a footer, each once however many line breaks it holds — the line
   * number of the last one (a final line break does not start another).
   */
  records: number;
  /** Whether the text ended inside a quoted value (its last record never closes its quote). */
  endsInQuotes: boolean;
  bytesRead: number;
  /** False when `maxRows` stopped the reading early. */
  complete: boolean;
}

const UNCLOSED_QUOTE = 'has a quoted value that never closes (the file may be cut off)';
const DELIMITERS: readonly Delimiter[] = [',', ';', '\t', '|'];
const DEFAULT_CHUNK = 512 * 1024;
/** Bytes of a File or Blob read at once (then parsed chunkSize at a time): see TextSource. */
const READ_BLOCK = 4 * 1024 * 1024;
const MAX_HELD_FOOTER = 50;

export async function parseCsv(input: CsvInput, options: ParseCsvOptions): Promise<CsvSummary> {
  const file = options.file ?? 'input';
  const chunkSize = Math.max(1024, options.chunkSize ?? DEFAULT_CHUNK);
  const signal = options.signal;
  signal?.throwIfAborted();

  const decoder = typeof input === 'string' ? undefined : new ByteDecoder(options.encoding ?? 'auto', file);
  const totalBytes = typeof input === 'string' ? input.length : isBlob(input) ? input.size : undefined;
  const reader = new TextSource(input, decoder, chunkSize, signal);
  const rows = new RowAssembler(file);
  let papa: PapaFeed | undefined;
  let buffer = '';
  let delivered = 0;
  let complete = true;

  let truncated = false;
  const drain = async () => {
    let batch = rows.take();
    if (rows.headerInfo && !rows.headerSent) {
      rows.headerSent = true;
      await options.onHeader?.({ ...rows.headerInfo, encoding: decoder?.encoding ?? 'text' });
    }
    if (options.maxRows !== undefined && delivered + batch.length > options.maxRows) {
      batch = batch.slice(0, options.maxRows - delivered);
      truncated = true;
    }
    delivered += batch.length;
    if (batch.length > 0) await options.onRows(batch);
    signal?.throwIfAborted();
    options.onProgress?.({ bytesRead: reader.bytesRead, totalBytes, rows: delivered });
  };
  const full = () => options.maxRows !== undefined && delivered >= options.maxRows;

  try {
    for await (const text of reader) {
      buffer += text;
      if (!papa) {
        // The delimiter is read off the header, so wait until the first record is complete.
        if (firstRecordEnd(buffer) === -1 && buffer.length < 16 * chunkSize) continue;
        const start = chooseDelimiter(buffer, options.delimiter);
        buffer = buffer.slice(start.skip);
        papa = new PapaFeed(start.delimiter, rows);
      }
      if (buffer.length >= chunkSize) {
        papa.push(buffer);
        buffer = '';
        await drain();
        if (full()) {
          complete = false;
          break;
        }
      }
    }
    if (!full()) {
      if (!papa) {
        if (buffer.trim() === '') throw new ImportError('empty', 'The file is empty.', file);
        const start = chooseDelimiter(buffer, options.delimiter);
        buffer = buffer.slice(start.skip);
        papa = new PapaFeed(start.delimiter, rows);
      }
      if (buffer) papa.push(buffer);
      papa.end();
      rows.finish();
      await drain();
      complete = !truncated;
    }
  } finally {
    await reader.close();
  }

  // Blank lines before the header are skipped, so no header means nothing but blank lines.
  if (!rows.headerInfo) throw new ImportError('empty', 'The file is empty: it has only blank lines.', file);
  return {
    file,
    encoding: decoder?.encoding ?? 'text',
    hadBom: decoder?.hadBom ?? (typeof input === 'string' && input.charCodeAt(0) === 0xfeff),
    delimiter: rows.headerInfo.delimiter,
    header: rows.headerInfo.header,
    headerLine: rows.headerInfo.line,
    rows: delivered,
    blankLines: rows.blankLines,
    footerLines: rows.footerLines,
    records: rows.line,
    endsInQuotes: rows.endsInQuotes,
    bytesRead: reader.bytesRead,
    complete,
  };
}

/** Reads a whole input into rows: for tests and small files only (a File should go through parseCsv). */
export async function readCsvRows(input: CsvInput, options: Omit<ParseCsvOptions, 'onRows'> = {}): Promise<{ summary: CsvSummary; rows: CsvRow[] }> {
  const rows: CsvRow[] = [];
  const summary = await parseCsv(input, {
    ...options,
    onRows: (batch) => {
      for (const row of batch) rows.push(row);
    },
  });
  return { summary, rows };
}

function isBlob(input: CsvInput): input is Blob {
  return typeof input !== 'string' && typeof (input as Blob).slice === 'function' && typeof (input as Blob).size === 'number';
}

/** The input as decoded text pieces, whatever it is. */
class TextSource implements AsyncIterable<string> {
  bytesRead = 0;
  private streamReader: ReadableStreamDefaultReader<Uint8Array> | undefined;

  constructor(
    private readonly input: CsvInput,
    private readonly decoder: ByteDecoder | undefined,
    private readonly chunkSize: number,
    private readonly signal: AbortSignal | undefined,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<string> {
    const input = this.input;
    if (typeof input === 'string') {
      const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
      for (let at = 0; at < text.length; at += this.chunkSize) {
        this.signal?.throwIfAborted();
        this.bytesRead = Math.min(text.length, at + this.chunkSize);
        yield text.slice(at, at + this.chunkSize);
      }
      return;
    }
    const decoder = this.decoder!;
    if (isBlob(input)) {
      if (input.size === 0) yield decoder.decode(new Uint8Array(0), true);
      // The file is read a block at a time, the next block while this one is parsed piece by piece. In Chromium a read
      // is a round trip to the browser process whose data the reading thread copies in as it gets to it: read 512 KiB
      // at a time, a worker reading half of a 100 MB file waited 0.4-0.6 s for its bytes; in 4 MiB blocks 0.2 s. The
      // first block is one piece, so a preview of the first rows reads little.
      let next = readSlice(input, 0, this.chunkSize);
      for (let start = 0; start < input.size; ) {
        const bytes = new Uint8Array(await next);
        if (bytes.length === 0) throw new ImportError('read-failed', 'The file could not be read (it ended early: was it changed while being read?).');
        const end = start + bytes.length;
        if (end < input.size) {
          next = readSlice(input, end, end + Math.max(this.chunkSize, READ_BLOCK));
          // Handled if the reading stops before it is awaited (cancel, a preview's row limit).
          next.catch(() => undefined);
        }
        for (let at = 0; at < bytes.length; at += this.chunkSize) {
          this.signal?.throwIfAborted();
          const piece = bytes.subarray(at, at + this.chunkSize);
          this.bytesRead = start + at + piece.length;
          yield decoder.decode(piece, this.bytesRead >= input.size);
        }
        start = end;
      }
      return;
    }
    this.streamReader = input.getReader();
    for (;;) {
      this.signal?.throwIfAborted();
      const { done, value } = await this.streamReader.read();
      if (done) {
        yield decoder.decode(new Uint8Array(0), true);
        return;
      }
      this.bytesRead += value.length;
      yield decoder.decode(value, false);
    }
  }

  async close(): Promise<void> {
    const reader = this.streamReader;
    this.streamReader = undefined;
    if (reader) await reader.cancel().catch(() => undefined);
  }
}

async function readSlice(blob: Blob, start: number, end: number): Promise<ArrayBuffer> {
  try {
    return await blob.slice(start, end).arrayBuffer();
  } catch (error) {
    throw new ImportError('read-failed', `The file could not be read (${error instanceof Error ? error.message : String(error)}).`);
  }
}

/** Where the first record ends (a line break outside quotes), or -1 while it is incomplete. */
function firstRecordEnd(text: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) return i;
  }
  return -1;
}

/**
 * The delimiter: Excel's "sep=;" first line when there is one (dropped: Excel hides it too), else the candidate that
 * occurs most often outside quotes in the header. Headers of these exports never contain the delimiter, so the header is
 * a better witness than papaparse's guess, which a trailing empty line can throw off on small files.
 */
function chooseDelimiter(text: string, forced: Delimiter | undefined): { delimiter: Delimiter; skip: number } {
  const sep = /^sep=(.)\r?\n/i.exec(text);
  if (sep && DELIMITERS.includes(sep[1] as Delimiter)) return { delimiter: forced ?? (sep[1] as Delimiter), skip: sep[0].length };
  if (forced) return { delimiter: forced, skip: 0 };
  const end = firstRecordEnd(text);
  const header = end === -1 ? text : text.slice(0, end);
  const counts = new Map<Delimiter, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of header) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch as Delimiter)) counts.set(ch as Delimiter, counts.get(ch as Delimiter)! + 1);
  }
  let best: Delimiter = ',';
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return { delimiter: best, skip: 0 };
}

/** The minimal Node-style readable papaparse streams from; we push decoded text into it. */
class PushStream {
  readonly readable = true;
  private readonly listeners = new Map<string, (arg?: unknown) => void>();
  read(): null {
    return null;
  }
  on(event: string, listener: (arg?: unknown) => void): this {
    this.listeners.set(event, listener);
    return this;
  }
  removeListener(event: string): this {
    this.listeners.delete(event);
    return this;
  }
  pause(): void {}
  resume(): void {}
  emit(event: 'data' | 'end', arg?: string): void {
    this.listeners.get(event)?.(arg);
  }
}

/** papaparse fed piece by piece; its `chunk` callback runs synchronously inside `push`. */
class PapaFeed {
  private readonly stream = new PushStream();
  private failure: unknown;

  constructor(delimiter: Delimiter, rows: RowAssembler) {
    rows.delimiter = delimiter;
    // papaparse's types only know Node streams and Files; PushStream has the members its stream reader uses.
    Papa.parse(this.stream as unknown as NodeJS.ReadableStream, {
      delimiter,
      header: false,
      skipEmptyLines: false,
      chunk: (results: ParseResult<string[]>) => rows.add(results.data, results.errors),
      error: (error: Error) => {
        this.failure = error;
      },
      // Rows go out through `chunk`; papaparse's types ask for a completion callback on local input.
      complete: () => undefined,
    });
  }

  push(text: string): void {
    this.stream.emit('data', text);
    this.check();
  }

  end(): void {
    this.stream.emit('end');
    this.check();
  }

  private check(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}

/** Numbers records, finds the header, sets blank lines and a report footer aside, and checks each row's shape. */
class RowAssembler {
  delimiter: Delimiter = ',';
  headerInfo: Omit<CsvHeaderInfo, 'encoding'> | undefined;
  headerSent = false;
  blankLines = 0;
  footerLines = 0;
  /** Records so far (the last one's line number). */
  line = 0;
  /** Whether the last record is a quoted value that never closes (the input ended inside quotes). */
  endsInQuotes = false;
  private pendingBlank = 0;
  private held: CsvRow[] = [];
  private out: CsvRow[] = [];

  constructor(private readonly file: string) {}

  add(data: string[][], errors: ParseError[]): void {
    const problems = new Map<number, string>();
    for (const error of errors) {
      if (error.row === undefined) continue;
      const reason =
        error.code === 'MissingQuotes'
          ? UNCLOSED_QUOTE
          : error.code === 'InvalidQuotes'
            ? 'has a quote character in the middle of a value'
            : error.message;
      problems.set(error.row, reason);
    }
    data.forEach((cells, i) => this.record(cells, problems.get(i)));
  }

  private record(cells: string[], quoteProblem: string | undefined): void {
    this.line++;
    this.endsInQuotes = quoteProblem === UNCLOSED_QUOTE;
    const blank = cells.every((c) => c.trim() === '');
    if (!this.headerInfo) {
      if (blank) return;
      const header = cells.map((c) => c.replace(/^\ufeff/, '').trim());
      if (quoteProblem) throw new ImportError('no-header', `Line ${this.line} should be the header row, but it ${quoteProblem}.`, this.file);
      this.headerInfo = { header, line: this.line, delimiter: this.delimiter };
      return;
    }
    if (blank && !quoteProblem) {
      // Counted once something follows: the empty "line" after a final line break is not a row anyone sees.
      if (this.held.length > 0) this.held.push({ line: this.line, cells });
      else this.pendingBlank++;
      return;
    }
    const row: CsvRow = { line: this.line, cells };
    // A report footer ("Grand Totals", "Confidential Information - Do Not Distribute", "Generated By …") follows a blank
    // line as one value per line; such lines are held back until something shows they are not the end of the file.
    if ((this.pendingBlank > 0 || this.held.length > 0) && cells.length === 1 && this.headerInfo.header.length >= 3 && !quoteProblem) {
      if (this.held.length < MAX_HELD_FOOTER) {
        this.held.push(row);
        return;
      }
    }
    this.release();
    this.out.push(this.shaped(row, quoteProblem));
  }

  private shaped(row: CsvRow, quoteProblem?: string): CsvRow {
    const width = this.headerInfo!.header.length;
    const cells = row.cells;
    if (quoteProblem) {
      const problemColumn = Math.max(0, Math.min(cells.length, width) - 1);
      const shaped: CsvRow = { ...row, problem: quoteProblem, problemColumn };
      if (quoteProblem === UNCLOSED_QUOTE) {
        // Text lines after the value's first, not counting the empty one after the file's final line break.
        const lines = (cells[problemColumn] ?? '').split(/\r\n|\r|\n/);
        if (lines.length > 1 && lines.at(-1) === '') lines.pop();
        shaped.unclosedLines = lines.length - 1;
      }
      return shaped;
    }
    if (cells.length > width) {
      // Trailing empty cells (a delimiter at the end of the line) are harmless.
      if (cells.slice(width).every((c) => c.trim() === '')) return { ...row, cells: cells.slice(0, width) };
      return { ...row, problem: `has ${cells.length} values, but the header has ${width} columns`, problemColumn: width };
    }
    if (cells.length < width)
      return {
        ...row,
        problem: `has ${cells.length} of the header's ${width} columns (is the line cut short?)`,
        problemColumn: cells.length,
      };
    return row;
  }

  /** Lines held as a possible footer turned out to be followed by data: they are rows after all. */
  private release(): void {
    this.blankLines += this.pendingBlank;
    this.pendingBlank = 0;
    const held = this.held;
    this.held = [];
    for (const row of held) {
      if (row.cells.every((c) => c.trim() === '')) this.blankLines++;
      else this.out.push(this.shaped(row));
    }
  }

  finish(): void {
    this.footerLines = this.held.filter((r) => r.cells.some((c) => c.trim() !== '')).length;
    this.held = [];
  }

  take(): CsvRow[] {
    const out = this.out;
    this.out = [];
    return out;
  }
}
