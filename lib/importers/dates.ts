import { ImportError, type DateOrder } from './types';

/**
 * Dates as the exporting tools write them, to ISO 8601 in UTC:
 * - ISO with an offset ("2024-03-05T14:22:00.000Z", Salesforce's "…+0000"): that instant;
 * - ISO-like without one (HubSpot "2024-03-05 14:22", Mautic "2024-03-05 14:22:10", "2024/03/05"): a wall-clock time
 *   in `timeZone` (the exporting user's zone: exports carry none);
 * - day/month/year with "/" (Salesforce reports, locale-dependent: "3/5/2024" is 5 March in the US and 3 May in the UK),
 *   chosen by `dateOrder`; with "." or "-" always day first ("05.03.2024"); an optional "14:22", "2:22 PM";
 * - epoch milliseconds (11–14 digits) or seconds (9–10 digits).
 */
export interface DateOptions {
  dateOrder: DateOrder;
  /** IANA zone for times written without an offset; 'UTC' by default. */
  timeZone: string;
}

export type DateResult = { ok: true; iso: string; ms: number } | { ok: false; reason: string };

const ISO_LIKE =
  /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;
const DAY_MONTH =
  /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:(?:\s+|T|,\s*)(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:\s*([ap])\.?m\.?)?)?$/i;
const EPOCH_MS = /^\d{11,14}$/;
const EPOCH_S = /^\d{9,10}$/;

const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

/** "2024-03-05T14:22:00.000Z": what toISOString writes, and most event exports. */
const CANONICAL_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** "2024-03-05T14:22:00.000Z" (checked by CANONICAL_UTC) → its milliseconds, or undefined when it names no real instant. */
function canonicalUtcMs(text: string): number | undefined {
  const digits = (from: number, to: number) => {
    let n = 0;
    for (let i = from; i < to; i++) n = n * 10 + text.charCodeAt(i) - 48;
    return n;
  };
  const y = digits(0, 4);
  const mo = digits(5, 7);
  const d = digits(8, 10);
  const h = digits(11, 13);
  const mi = digits(14, 16);
  const s = digits(17, 19);
  if (y < MIN_YEAR || y > MAX_YEAR || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > (mo === 2 && leap ? 29 : DAYS_IN_MONTH[mo - 1]!)) return undefined;
  return Date.UTC(y, mo - 1, d, h, mi, s, digits(20, 23));
}

export function parseImportDate(raw: string, options: DateOptions): DateResult {
  const text = raw.trim();
  // Fast path for the commonest form (a 1M-row events file is mostly this): the digits are read in place and checked
  // (no 31 February), and the text is already the ISO text the model keeps.
  if (text.length === 24 && CANONICAL_UTC.test(text)) {
    const at = canonicalUtcMs(text);
    if (at !== undefined) return { ok: true, iso: text, ms: at };
  }
  if (EPOCH_MS.test(text)) return fromEpoch(Number(text));
  if (EPOCH_S.test(text)) return fromEpoch(Number(text) * 1000);

  const iso = ISO_LIKE.exec(text);
  if (iso) {
    const [, y, , mo, d, h, mi, s, frac, zone] = iso;
    const parts = wall(Number(y), Number(mo), Number(d), h, mi, s, frac);
    if (typeof parts === 'string') return { ok: false, reason: parts };
    return finish(parts, zone, options.timeZone);
  }

  const dm = DAY_MONTH.exec(text);
  if (dm) {
    const [, a, sep, b, yRaw, h, mi, s, ampm] = dm;
    const dayFirst = sep !== '/' || options.dateOrder === 'dmy';
    const [day, month] = dayFirst ? [Number(a), Number(b)] : [Number(b), Number(a)];
    if (month > 12 && day <= 12)
      return {
        ok: false,
        reason: `is not a date in ${dayFirst ? 'day/month/year' : 'month/day/year'} order (month ${month}); choose the other date order`,
      };
    let year = Number(yRaw);
    if (yRaw!.length === 2) year += year < 70 ? 2000 : 1900;
    let hour = h;
    if (h !== undefined && ampm) {
      const h12 = Number(h);
      if (h12 < 1 || h12 > 12) return { ok: false, reason: `has hour ${h12}, which is not a 12-hour clock hour` };
      hour = String((h12 % 12) + (ampm.toLowerCase() === 'p' ? 12 : 0));
    }
    const parts = wall(year, month, day, hour, mi, s, undefined);
    if (typeof parts === 'string') return { ok: false, reason: parts };
    return finish(parts, undefined, options.timeZone);
  }

  return { ok: false, reason: 'is not a date Lens reads (e.g. 2024-03-05 14:22, 3/5/2024, 2024-03-05T14:22:00Z)' };
}

interface Wall {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
}

function wall(
  y: number,
  mo: number,
  d: number,
  h: string | undefined,
  mi: string | undefined,
  s: string | undefined,
  frac: string | undefined,
): Wall | string {
  if (y < MIN_YEAR || y > MAX_YEAR) return `has year ${y}, outside ${MIN_YEAR}–${MAX_YEAR}`;
  if (mo < 1 || mo > 12) return `has month ${mo}`;
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d < 1 || d > daysInMonth) return `has day ${d}, but that month has ${daysInMonth} days`;
  const hour = h === undefined ? 0 : Number(h);
  const minute = mi === undefined ? 0 : Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (hour > 23 || minute > 59 || second > 59) return 'has a time of day that does not exist';
  const ms = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  return { y, mo, d, h: hour, mi: minute, s: second, ms };
}

function finish(p: Wall, zone: string | undefined, timeZone: string): DateResult {
  const asUtc = Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s, p.ms);
  let ms: number;
  if (zone === undefined) ms = wallToUtc(asUtc, timeZone);
  else if (/^(z|utc|gmt)$/i.test(zone)) ms = asUtc;
  else {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
    if (minutes > 14 * 60) return { ok: false, reason: `has a time-zone offset ${zone} that does not exist` };
    ms = asUtc - sign * minutes * 60_000;
  }
  return { ok: true, iso: new Date(ms).toISOString(), ms };
}

function fromEpoch(ms: number): DateResult {
  const year = new Date(ms).getUTCFullYear();
  if (!Number.isFinite(ms) || year < MIN_YEAR || year > MAX_YEAR) return { ok: false, reason: 'is a timestamp outside 1900–2200' };
  return { ok: true, iso: new Date(ms).toISOString(), ms };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Offsets by zone and UTC hour: zones change offset on whole hours (or half hours, caught by the second look). */
const offsets = new Map<string, number>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Minutes the zone is ahead of UTC at instant `utcMs`. */
function offsetAt(utcMs: number, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(utcMs / 1_800_000)}`;
  const cached = offsets.get(key);
  if (cached !== undefined) return cached;
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(utcMs))) parts[part.type] = Number(part.value);
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  const minutes = Math.round((asUtc - (utcMs - (utcMs % 1000))) / 60_000);
  if (offsets.size > 10_000) offsets.clear();
  offsets.set(key, minutes);
  return minutes;
}

/** The instant a wall-clock time (given as if it were UTC) names in `timeZone`. */
function wallToUtc(wallAsUtc: number, timeZone: string): number {
  if (timeZone === 'UTC') return wallAsUtc;
  const first = wallAsUtc - offsetAt(wallAsUtc, timeZone) * 60_000;
  const second = wallAsUtc - offsetAt(first, timeZone) * 60_000;
  return second;
}

/** Throws ImportError('bad-option') for a zone the runtime does not know. */
export function checkTimeZone(timeZone: string): void {
  try {
    formatter(timeZone);
  } catch {
    throw new ImportError('bad-option', `"${timeZone}" is not a time zone (use an IANA name such as "Europe/Berlin" or "UTC")`);
  }
}

const SLASHED = /^\s*(\d{1,2})\/(\d{1,2})\/(?:\d{4}|\d{2})\b/;

/**
 * The order of slashed dates in a sample: a first number above 12 can only be a day, a second one only a day too.
 * undefined when the sample does not tell (or contradicts itself).
 */
export function guessDateOrder(values: Iterable<string>): DateOrder | undefined {
  let dmy = 0;
  let mdy = 0;
  for (const value of values) {
    const m = SLASHED.exec(value);
    if (!m) continue;
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a > 12 && b <= 12) dmy++;
    else if (b > 12 && a <= 12) mdy++;
  }
  if (dmy > 0 && mdy === 0) return 'dmy';
  if (mdy > 0 && dmy === 0) return 'mdy';
  return undefined;
}

/** The order a locale writes numeric dates in ("en-US" → mdy, "en-GB", "de-DE", "fr-FR" → dmy). */
export function dateOrderForLocale(locale: string): DateOrder {
  try {
    const parts = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' })
      .formatToParts(Date.UTC(2000, 10, 22))
      .map((p) => p.type);
    return parts.indexOf('month') < parts.indexOf('day') ? 'mdy' : 'dmy';
  } catch {
    return 'mdy';
  }
}
