import type { RowIssue } from './types';

/**
 * Cutting a large CSV file in two, so two threads can read it at once (lib/options/parallel-import.ts). Byte-level and
 * pure. A cut is only ever made at a line break outside quotes: RFC 4180 doubles a quote inside a quoted value, so
 * "an even number of quote bytes before it" means outside. A file where that rule may not hold (a stray quote in an
 * unquoted value makes the count odd from there on) simply finds no cut and is read in one piece.
 */

const QUOTE = 0x22;
const LF = 0x0a;

export interface HeaderBytes {
  /** Where the header starts (after a UTF-8 byte order mark) and ends (just after its line break). */
  start: number;
  end: number;
}

/** The header record's bytes at the start of `bytes` (the file's first bytes), or null if it does not end in them. */
export function headerBytes(bytes: Uint8Array): HeaderBytes | null {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let quotes = 0;
  for (let i = start; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === QUOTE) quotes++;
    else if (b === LF && quotes % 2 === 0) return { start, end: i + 1 };
  }
  return null;
}

export interface Cut {
  /** The first byte of the second part: just after a line break outside quotes. */
  at: number;
}

/**
 * The first line break outside quotes at or after `from` in `bytes` (the file's bytes from its start), or null when
 * there is none or the quote count is odd everywhere after `from`. Quotes and line breaks are found with indexOf (a
 * native search): a byte-by-byte loop over the ~55 MB before the middle of a 1M-event file took ~60 ms of the page's
 * time while the workers read, against ~16 ms (Node).
 */
export function findCut(bytes: Uint8Array, from: number): Cut | null {
  const nextQuote = (after: number) => {
    const at = bytes.indexOf(QUOTE, after);
    return at === -1 ? bytes.length : at;
  };
  let quotes = 0;
  let quote = nextQuote(0);
  for (; quote < from && quote < bytes.length; quote = nextQuote(quote + 1)) quotes++;
  // Not the very end: a second part must have something in it.
  for (let lf = bytes.indexOf(LF, from); lf !== -1 && lf + 1 < bytes.length; lf = bytes.indexOf(LF, lf + 1)) {
    for (; quote < lf; quote = nextQuote(quote + 1)) quotes++;
    if (quotes % 2 === 0) return { at: lf + 1 };
  }
  return null;
}

/**
 * An issue the second part reported, in the file's numbering: the part is read as the header followed by the records
 * after the cut, so its line L is the file's line L + shift (shift = the first part's records − 1, the header being one
 * record: see mergeParts).
 */
export function shiftIssue(issue: RowIssue, shift: number): RowIssue {
  const line = issue.line + shift;
  return { ...issue, line, ...(issue.cell ? { cell: issue.cell.replace(/\d+$/, String(line)) } : {}) };
}
