import Papa from 'papaparse';
import { feedbackCsv, toCsv } from '../../lib/export/csv';

describe('CSV export', () => {
  it('neutralises formulas and keeps every value readable', () => {
    const csv = toCsv(['a', 'b'], [['=HYPERLINK("http://x.example")', '+1'], ['-2', '@SUM(A1)'], ['plain, "quoted"\nline', undefined]]);
    const parsed = Papa.parse<string[]>(csv).data;
    expect(parsed).toEqual([
      ['a', 'b'],
      [`'=HYPERLINK("http://x.example")`, `'+1`],
      [`'-2`, `'@SUM(A1)`],
      ['plain, "quoted"\nline', ''],
    ]);
  });

  it('writes feedback with labels a marketer reads', () => {
    const csv = feedbackCsv([
      {
        id: 'f1',
        createdAt: '2026-11-20T10:00:00.000Z',
        contactKey: 'dana.whitfield@northwind.example',
        contactEmail: 'dana.whitfield@northwind.example',
        contactName: 'Dana Whitfield',
        verdict: 'not_ready',
        reason: 'too_early',
        note: '=cmd|" /C calc"!A0',
        sourceCampaignName: 'Webinar: Forecasting Without Spreadsheets',
      },
    ]);
    const [header, row] = Papa.parse<string[]>(csv).data;
    expect(header?.[5]).toBe('verdict');
    expect(row?.slice(5, 9)).toEqual(['Not ready', 'Too early', `'=cmd|" /C calc"!A0`, 'Webinar: Forecasting Without Spreadsheets']);
  });
});
