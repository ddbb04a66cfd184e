import { ImportError, type TextEncodingName } from './types';

export type EncodingChoice = 'auto' | 'utf-8' | 'windows-1252';

/**
 * Bytes → text, chunk by chunk, deciding the encoding on the way:
 * - a byte order mark decides (UTF-8, or the UTF-16 Excel writes as "Unicode text") and is dropped;
 * - otherwise UTF-8 is tried strictly (`fatal`), and at the first byte that is not UTF-8 the file is taken as
 *   Windows-1252 (what Excel on Windows saves as "CSV"). As long as everything before that chunk was ASCII, the two
 *   readings agree on it, so switching mid-stream gives exactly the whole-file Windows-1252 reading. When UTF-8 text
 *   came before, the file mixes encodings: that throws 'mixed-encoding' and the caller may start over with
 *   'windows-1252' if it can re-read the input.
 * Zero bytes mean a binary file, which throws before anything is parsed; the first bytes name the common ones (an
 * .xlsx begins with "PK", a PNG with "\x89PNG").
 */
export class ByteDecoder {
  encoding: TextEncodingName | undefined;
  hadBom = false;
  private decoder: TextDecoder | undefined;
  private tentative = false;
  private nonAsciiSeen = false;
  private head = new Uint8Array(0);
  private offset = 0;
  /** Line feeds in the bytes checked so far, to say on which text line a zero byte is. */
  private lineBreaks = 0;

  constructor(
    private readonly choice: EncodingChoice,
    private readonly file: string,
  ) {}

  decode(chunk: Uint8Array, final: boolean): string {
    let bytes = chunk;
    if (!this.decoder) {
      // Wait for four bytes (or the end) so a byte order mark split across reads is still seen.
      const joined = new Uint8Array(this.head.length + chunk.length);
      joined.set(this.head);
      joined.set(chunk, this.head.length);
      if (joined.length < 4 && !final) {
        this.head = joined;
        return '';
      }
      this.head = new Uint8Array(0);
      bytes = this.start(joined);
    }
    if (this.encoding === 'utf-8' || this.encoding === 'windows-1252') this.rejectBinary(bytes);
    const at = this.offset;
    this.offset += bytes.length;
    if (!this.tentative) return this.fix(this.run(bytes, final, at));
    try {
      const text = this.decoder!.decode(bytes, { stream: !final });
      if (!this.nonAsciiSeen && hasNonAscii(bytes)) this.nonAsciiSeen = true;
      return text;
    } catch {
      if (this.nonAsciiSeen)
        throw new ImportError(
          'mixed-encoding',
          `The file starts as UTF-8 but has bytes that are not UTF-8 after byte ${at}: it mixes encodings. Save it again as "CSV UTF-8" and import that.`,
          this.file,
        );
      this.tentative = false;
      this.encoding = 'windows-1252';
      this.decoder = new TextDecoder('windows-1252');
      return this.fix(this.decoder.decode(bytes, { stream: !final }));
    }
  }

  /**
   * Some runtimes (Node 20's TextDecoder among them) read windows-1252 as ISO-8859-1, turning 0x80–0x9F into control
   * characters instead of € ‚ „ … ‘ ’ “ ” – — ™ and the like; a correct decoder never yields those controls, so mapping
   * them back is right everywhere.
   */
  private fix(text: string): string {
    if (this.encoding !== 'windows-1252' || !C1.test(text)) return text;
    return text.replace(C1_ALL, (ch) => CP1252_HIGH[ch.charCodeAt(0) - 0x80] || ch);
  }

  private start(bytes: Uint8Array): Uint8Array {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return this.use('utf-8', bytes, 3);
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return this.use('utf-16le', bytes, 2);
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return this.use('utf-16be', bytes, 2);
    const known = knownBinary(bytes);
    if (known) throw new ImportError(known.code, known.message, this.file);
    if (this.choice === 'windows-1252') {
      this.encoding = 'windows-1252';
      this.decoder = new TextDecoder('windows-1252');
    } else {
      this.encoding = 'utf-8';
      this.decoder = new TextDecoder('utf-8', { fatal: true });
      this.tentative = this.choice === 'auto';
    }
    return bytes;
  }

  private use(encoding: TextEncodingName, bytes: Uint8Array, bomLength: number): Uint8Array {
    this.encoding = encoding;
    this.hadBom = true;
    this.decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
    this.offset = bomLength;
    return bytes.subarray(bomLength);
  }

  private run(bytes: Uint8Array, final: boolean, at: number): string {
    try {
      return this.decoder!.decode(bytes, { stream: !final });
    } catch {
      throw new ImportError(
        'not-utf8',
        `The file is marked as ${this.encoding === 'utf-8' ? 'UTF-8' : 'UTF-16'} but has bytes that are not, after byte ${at}. Save it again as "CSV UTF-8".`,
        this.file,
      );
    }
  }

  private rejectBinary(bytes: Uint8Array): void {
    const zero = bytes.indexOf(0);
    if (zero === -1) {
      this.lineBreaks += countLineBreaks(bytes, bytes.length);
      return;
    }
    // The text line helps find a single stray zero in an otherwise good export (a spreadsheet's row can differ when a
    // quoted value spans lines, so it is called a text line).
    const line = this.lineBreaks + countLineBreaks(bytes, zero) + 1;
    throw new ImportError(
      'binary',
      `The file holds binary data (a zero byte at byte ${this.offset + zero}, on text line ${line}), not CSV text. Export it as CSV and import that.`,
      this.file,
    );
  }
}

function countLineBreaks(bytes: Uint8Array, end: number): number {
  let n = 0;
  for (let at = bytes.indexOf(0x0a); at !== -1 && at < end; at = bytes.indexOf(0x0a, at + 1)) n++;
  return n;
}

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

/**
 * Files people pick by mistake, told apart by their first bytes, so the message names what the file is instead of
 * "a zero byte at byte 8". A ZIP archive is an Excel workbook when its first entry is one of the Office package's
 * parts; too short a start to tell is taken as a workbook, the likelier mistake.
 */
function knownBinary(bytes: Uint8Array): { code: 'binary' | 'spreadsheet'; message: string } | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  const notCsv = (what: string) => ({ code: 'binary' as const, message: `This is ${what}, not CSV text (was it renamed to .csv?). Export the data as CSV and import that.` });
  if (starts(0x50, 0x4b, 0x03, 0x04)) {
    const nameLength = bytes.length >= 30 ? bytes[26]! | (bytes[27]! << 8) : 0;
    const first = bytes.length >= 30 + nameLength ? ascii(bytes, 30, 30 + Math.min(nameLength, 200)) : '';
    if (first === '' || /^(\[Content_Types\]\.xml|_rels\/|docProps\/|xl\/)/.test(first))
      return { code: 'spreadsheet', message: 'This is an Excel workbook (.xlsx), not CSV: open it and save it as "CSV UTF-8".' };
    return { code: 'binary', message: `This is a ZIP archive (its first file is "${first.slice(0, 80)}"), not CSV text: unzip it and import the CSV inside.` };
  }
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1))
    return { code: 'spreadsheet', message: 'This is an Excel 97–2003 workbook (.xls), not CSV: open it and save it as "CSV UTF-8".' };
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return notCsv('a PNG image');
  if (starts(0xff, 0xd8, 0xff)) return notCsv('a JPEG image');
  if (starts(0x47, 0x49, 0x46, 0x38)) return notCsv('a GIF image');
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return notCsv('a PDF document');
  if (starts(0x1f, 0x8b)) return notCsv('a gzip-compressed file');
  return undefined;
}

const C1 = /[\u0080-\u009f]/;
const C1_ALL = /[\u0080-\u009f]/g;
/** Windows-1252 bytes 0x80–0x9F; '' where the code page leaves a byte undefined. */
const CP1252_HIGH = [
  '€', '', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '', 'Ž', '',
  '', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '', 'ž', 'Ÿ',
];

function hasNonAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}
