import * as fc from 'fast-check';
import { dateOrderForLocale, guessDateOrder, parseImportDate, type DateOptions } from '../../lib/importers';

const US: DateOptions = { dateOrder: 'mdy', timeZone: 'UTC' };
const UK: DateOptions = { dateOrder: 'dmy', timeZone: 'UTC' };
const iso = (text: string, options = US) => {
  const result = parseImportDate(text, options);
  return result.ok ? result.iso : `error: ${result.reason}`;
};

describe('parseImportDate', () => {
  it.each([
    // HubSpot exports: wall-clock times without seconds, or with them.
    ['2024-03-05 14:22', '2024-03-05T14:22:00.000Z'],
    ['2024-01-15 10:00:00', '2024-01-15T10:00:00.000Z'],
    // Mautic.
    ['2024-03-05 14:22:10', '2024-03-05T14:22:10.000Z'],
    // ISO with an offset, as Salesforce's Data Loader and APIs write them.
    ['2024-03-05T14:22:00.000Z', '2024-03-05T14:22:00.000Z'],
    ['2024-03-05T14:22:00.000+0000', '2024-03-05T14:22:00.000Z'],
    ['2024-03-05T15:22:00+01:00', '2024-03-05T14:22:00.000Z'],
    ['2024-03-05T09:22:00.123-05:00', '2024-03-05T14:22:00.123Z'],
    ['2024-03-05', '2024-03-05T00:00:00.000Z'],
    ['2024/03/05 14:22', '2024-03-05T14:22:00.000Z'],
    // Salesforce reports in a US locale.
    ['3/5/2024', '2024-03-05T00:00:00.000Z'],
    ['3/5/2024 2:22 PM', '2024-03-05T14:22:00.000Z'],
    ['3/5/2024 12:05 AM', '2024-03-05T00:05:00.000Z'],
    ['12/31/24 11:59 pm', '2024-12-31T23:59:00.000Z'],
    // Dots and dashes are always day first (German Excel and friends).
    ['05.03.2024', '2024-03-05T00:00:00.000Z'],
    ['05.03.2024 14:22', '2024-03-05T14:22:00.000Z'],
    ['05-03-2024', '2024-03-05T00:00:00.000Z'],
    // Epoch milliseconds and seconds.
    ['1709648520000', '2024-03-05T14:22:00.000Z'],
    ['1709648520', '2024-03-05T14:22:00.000Z'],
    ['  2024-03-05 14:22  ', '2024-03-05T14:22:00.000Z'],
  ])('%s → %s', (text, expected) => {
    expect(iso(text)).toBe(expected);
  });

  it('reads slashed dates in the order the locale hint says', () => {
    expect(iso('05/03/2024', UK)).toBe('2024-03-05T00:00:00.000Z');
    expect(iso('05/03/2024 14:22', UK)).toBe('2024-03-05T14:22:00.000Z');
    expect(iso('05/03/2024', US)).toBe('2024-05-03T00:00:00.000Z');
  });

  it('says why a date is wrong, and suggests the other order when that would fit', () => {
    expect(iso('13/05/2024', US)).toBe('error: is not a date in month/day/year order (month 13); choose the other date order');
    expect(iso('2024-02-30 10:00')).toBe('error: has day 30, but that month has 29 days');
    expect(iso('2023-02-29')).toBe('error: has day 29, but that month has 28 days');
    expect(iso('2024-13-01')).toBe('error: has month 13');
    expect(iso('2024-03-05 25:00')).toBe('error: has a time of day that does not exist');
    expect(iso('3/5/2024 13:22 PM')).toBe('error: has hour 13, which is not a 12-hour clock hour');
    expect(iso('1850-01-01')).toBe('error: has year 1850, outside 1900–2200');
    expect(iso('2024-03-05T10:00:00+15:00')).toMatch(/^error: has a time-zone offset/);
    expect(iso('yesterday')).toMatch(/^error: is not a date Lens reads/);
    expect(iso('20240305')).toMatch(/^error: is not a date Lens reads/);
  });

  it('reads times without an offset in the given zone, across daylight saving', () => {
    const berlin = { dateOrder: 'dmy', timeZone: 'Europe/Berlin' } as const;
    expect(iso('2024-01-15 10:00', berlin)).toBe('2024-01-15T09:00:00.000Z');
    expect(iso('2024-07-15 10:00', berlin)).toBe('2024-07-15T08:00:00.000Z');
    // The night clocks go forward (31 March 2024, 02:00 → 03:00) and back (27 October, 03:00 → 02:00).
    expect(iso('2024-03-31 01:30', berlin)).toBe('2024-03-31T00:30:00.000Z');
    expect(iso('2024-03-31 03:30', berlin)).toBe('2024-03-31T01:30:00.000Z');
    expect(iso('2024-10-27 04:00', berlin)).toBe('2024-10-27T03:00:00.000Z');
    expect(iso('05.03.2024 14:22', { dateOrder: 'dmy', timeZone: 'Asia/Kolkata' })).toBe('2024-03-05T08:52:00.000Z');
    expect(iso('3/5/2024 2:22 PM', { dateOrder: 'mdy', timeZone: 'America/New_York' })).toBe('2024-03-05T19:22:00.000Z');
    // An explicit offset wins over the zone.
    expect(iso('2024-03-05T14:22:00Z', berlin)).toBe('2024-03-05T14:22:00.000Z');
  });

  it('reads every date-time the ISO way back to itself (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1971-01-01T00:00:00Z'), max: new Date('2199-12-31T23:59:59Z'), noInvalidDate: true }), (date) => {
        const text = date.toISOString();
        expect(iso(text)).toBe(text);
        expect(iso(String(date.getTime()))).toBe(text);
        // HubSpot's form of the same wall time, to the minute.
        const minute = `${text.slice(0, 10)} ${text.slice(11, 16)}`;
        expect(iso(minute)).toBe(`${text.slice(0, 16)}:00.000Z`);
      }),
    );
  });
});

describe('date order', () => {
  it('is settled by a day above 12 in a sample, and left open otherwise', () => {
    expect(guessDateOrder(['3/5/2024', '13/05/2024 10:00'])).toBe('dmy');
    expect(guessDateOrder(['3/5/2024', '12/31/2024'])).toBe('mdy');
    expect(guessDateOrder(['3/5/2024', '4/6/2024'])).toBeUndefined();
    expect(guessDateOrder(['13/05/2024', '12/31/2024'])).toBeUndefined();
    expect(guessDateOrder(['hello', '2024-03-05'])).toBeUndefined();
  });

  it('follows the locale when the file does not tell', () => {
    expect(dateOrderForLocale('en-US')).toBe('mdy');
    expect(dateOrderForLocale('en-GB')).toBe('dmy');
    expect(dateOrderForLocale('de-DE')).toBe('dmy');
    expect(dateOrderForLocale('fr-FR')).toBe('dmy');
  });
});

describe('canonical UTC timestamps (the fast path of a large events file)', () => {
  const options = { dateOrder: 'mdy' as const, timeZone: 'UTC' };
  it('reads real instants as they are, and sends impossible ones to the general path for its specific reason', () => {
    expect(parseImportDate('2024-02-29T10:00:00.000Z', options)).toEqual({ ok: true, iso: '2024-02-29T10:00:00.000Z', ms: Date.UTC(2024, 1, 29, 10) });
    expect(parseImportDate('2000-02-29T00:00:00.000Z', options)).toMatchObject({ ok: true });
    expect(parseImportDate('2024-12-31T23:59:59.999Z', options)).toEqual({ ok: true, iso: '2024-12-31T23:59:59.999Z', ms: Date.UTC(2024, 11, 31, 23, 59, 59, 999) });
    expect(parseImportDate('2023-02-29T10:00:00.000Z', options)).toEqual({ ok: false, reason: 'has day 29, but that month has 28 days' });
    expect(parseImportDate('1900-02-29T00:00:00.000Z', options)).toEqual({ ok: false, reason: 'has day 29, but that month has 28 days' });
    expect(parseImportDate('2024-04-31T00:00:00.000Z', options)).toEqual({ ok: false, reason: 'has day 31, but that month has 30 days' });
    expect(parseImportDate('2024-01-01T24:00:00.000Z', options)).toEqual({ ok: false, reason: 'has a time of day that does not exist' });
    expect(parseImportDate('1899-01-01T00:00:00.000Z', options)).toEqual({ ok: false, reason: 'has year 1899, outside 1900–2200' });
  });

  it('agrees with Date.parse on every instant of a sample year', () => {
    for (let ms = Date.UTC(2024, 0, 1); ms < Date.UTC(2025, 0, 1); ms += 7_919_123) {
      const text = new Date(ms).toISOString();
      expect(parseImportDate(text, options)).toEqual({ ok: true, iso: text, ms });
    }
  });
});
