/** Small, pure text helpers shared by the importers. */

/**
 * The key a header or vocabulary word is compared by: lower case, accents and every non-alphanumeric removed, so
 * "Company / Account", "company_account" and "CompanyAccount" agree, as do "Marketing Qualified Lead" and
 * HubSpot's internal "marketingqualifiedlead".
 */
export function normKey(text: string): string {
  // Most headers and words are ASCII; only the others need the (slower) accent folding.
  const folded = NON_ASCII.test(text) ? text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : text;
  return folded.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const NON_ASCII = /[\u0080-\uffff]/;

/** Trimmed, with runs of white space (line breaks from quoted cells included) as one space; undefined when empty. */
export function clean(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  // Most cells hold no runs of white space: skip the replace (and its new string) for them.
  return hasSpaceToFold(text) ? text.replace(/\s+/g, ' ') : text;
}

/**
 * Whether `text` has white space other than single plain spaces (what /\s\s|[^\S ]/ finds), by a loop over its
 * characters: every cell of a large file goes through clean(), and for short cells the loop is the cheaper test.
 */
export function hasSpaceToFold(text: string): boolean {
  let space = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      if (space) return true;
      space = true;
      continue;
    }
    space = false;
    // \s below 128 is tab to carriage return and space; above, a handful of Unicode spaces (checked by the regex).
    if (c < 128 ? c >= 9 && c <= 13 : WHITE_SPACE.test(text[i]!)) return true;
  }
  return false;
}

const WHITE_SPACE = /\s/;

/** Cut to `max` characters with an ellipsis, for free text the model caps (event details). */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Longest value an issue quotes: enough to recognise it, while a 1 MB cell (or a runaway quote) stays out of the list. */
export const MAX_ISSUE_VALUE = 200;

/** A value as an issue quotes it: cut to MAX_ISSUE_VALUE characters, saying how long it really is. */
export function issueValue(value: string): string {
  if (value.length <= MAX_ISSUE_VALUE) return value;
  return `${value.slice(0, MAX_ISSUE_VALUE)}… (${value.length.toLocaleString('en-US')} characters)`;
}

/** "D", "AA": the spreadsheet letter of a 0-based column. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/**
 * A 64-bit hash as 16 hex digits: two 32-bit lanes with different multipliers and seeds. Used for ids that must come
 * out the same on every import of the same thing (events, campaigns, email-only contacts); not for security.
 */
export function hash64(text: string): string {
  hash64Into(text, scratch, 0);
  return hex64(scratch[0]!, scratch[1]!);
}

const scratch = new Uint32Array(2);

/** hash64's two lanes, written to target[at] and target[at + 1] (an events import keeps them, not the text). */
export function hash64Into(text: string, target: Uint32Array, at: number): void {
  hasher.start().text(text).into(target, at);
}

/**
 * hash64Into in steps: what it computes for a text, fed piece by piece (and a whole number as its decimal digits,
 * without making the string). An events import hashes each event's key this way: the contact's part once per contact,
 * the rest per row, and no key string is built.
 */
export class Hash64 {
  a = 0x811c9dc5;
  b = 0x2f6b7a3d;

  /** Back to the state before any text. */
  start(): this {
    return this.from(0x811c9dc5, 0x2f6b7a3d);
  }

  /** Continues from a state kept earlier (this.a and this.b after some text). */
  from(a: number, b: number): this {
    this.a = a;
    this.b = b;
    return this;
  }

  text(text: string): this {
    for (let i = 0; i < text.length; i++) this.code(text.charCodeAt(i));
    return this;
  }

  /** An integer as `${n}` writes it (below 1e21). */
  integer(n: number): this {
    if (n < 0) {
      this.code(45); // '-'
      n = -n;
    }
    let scale = 1;
    while (scale * 10 <= n) scale *= 10;
    for (; scale >= 1; scale /= 10) {
      const digit = Math.floor(n / scale);
      this.code(48 + digit);
      n -= digit * scale;
    }
    return this;
  }

  code(c: number): this {
    this.a = Math.imul(this.a ^ c, 0x01000193);
    let b = Math.imul(this.b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
    this.b = b;
    return this;
  }

  /** The two lanes of the hash of everything fed so far, written to target[at] and target[at + 1]. */
  into(target: Uint32Array, at: number): void {
    let a = this.a;
    let b = this.b;
    a ^= a >>> 16;
    a = Math.imul(a, 0x85ebca6b);
    a ^= a >>> 13;
    b ^= b >>> 16;
    b = Math.imul(b, 0xc2b2ae35);
    b ^= b >>> 16;
    target[at] = a;
    target[at + 1] = b;
  }
}

/** Two 32-bit lanes as sixteen hex digits in one string (two toString(16) + padStart cost as much as the hashing). */
export function hex64(a: number, b: number): string {
  return String.fromCharCode(
    hex(a >>> 28), hex((a >>> 24) & 15), hex((a >>> 20) & 15), hex((a >>> 16) & 15),
    hex((a >>> 12) & 15), hex((a >>> 8) & 15), hex((a >>> 4) & 15), hex(a & 15),
    hex(b >>> 28), hex((b >>> 24) & 15), hex((b >>> 20) & 15), hex((b >>> 16) & 15),
    hex((b >>> 12) & 15), hex((b >>> 8) & 15), hex((b >>> 4) & 15), hex(b & 15),
  );
}

/** The character code of a hex digit 0–15 ('0'–'9', 'a'–'f'). */
const hex = (nibble: number) => nibble + (nibble < 10 ? 48 : 87);

/** "Q1 Webinar: Forecasting!" → "q1-webinar-forecasting" (ASCII, at most 60 characters). */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

/** Reports write 15-character Salesforce ids, Data Loader and Lightning 18: store the 18-character form. */
export { toSalesforceId18 as salesforceId18 } from '../crm/salesforce-id';

export const SALESFORCE_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/** The `<slug>` of a linkedin.com/in/<slug> URL, or a bare slug; undefined when it is neither. */
export function linkedinSlugOf(value: string): string | undefined {
  const text = value.trim();
  const fromUrl = /^(?:https?:\/\/)?(?:[a-z]{2,3}\.)?linkedin\.com\/in\/([^/?#\s]+)/i.exec(text);
  const candidate = fromUrl ? safeDecode(fromUrl[1]!) : text;
  return /^[\p{L}\p{N}_-]{2,100}$/u.test(candidate) ? candidate.toLowerCase() : undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** "https://www.Northwind.example/about" or "northwind.example" → "northwind.example"; undefined when not a host name. */
export function domainOf(value: string): string | undefined {
  const text = value.trim().toLowerCase();
  if (text === '') return undefined;
  const host = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^@/]*@)?([^/:?#\s]+)/.exec(text)?.[1];
  if (!host) return undefined;
  const bare = host.replace(/^www\./, '').replace(/\.$/, '');
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(bare) ? bare : undefined;
}

/**
 * A head count as exports write it: "1800", "1,800", "1.800" (with a decimal comma), "1 800", a range "51-200" or
 * "10,001+" (the lower bound: all the file promises is "at least"). undefined when it is none of these.
 */
export function parseCount(value: string, decimalComma: boolean): number | undefined {
  const text = value.trim().replace(/[\s\u00a0\u202f]/g, '');
  const match = /^(\d[\d.,']*)(?:\+|-\d[\d.,']*|–\d[\d.,']*)?$/.exec(text);
  if (!match) return undefined;
  const grouped = match[1]!;
  const thousands = decimalComma ? /[.']/g : /[,']/g;
  const plain = grouped.replace(thousands, '');
  if (!/^\d+$/.test(plain)) return undefined;
  const n = Number(plain);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** A score: a number ("78", "78.5", "78,5" with a decimal comma) or, when it is not one, the text ("A-", "Hot"). */
export function parseScore(value: string, decimalComma: boolean): number | string | undefined {
  const text = value.trim();
  if (text === '') return undefined;
  const numeric = decimalComma ? /^-?\d+(?:,\d+)?$/ : /^-?\d+(?:\.\d+)?$/;
  if (numeric.test(text)) return Number(decimalComma ? text.replace(',', '.') : text);
  return text;
}

const hasher = new Hash64();
