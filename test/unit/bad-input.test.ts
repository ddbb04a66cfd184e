import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImportError, importCsv, previewCsv } from '../../lib/importers';
import {
  BAD_INPUTS,
  BAD_INPUT_DIR,
  LARGE_FILE_ROWS,
  openCase,
  runImporters,
  type BadInputCase,
  type ImporterAnswer,
  type IssueMatch,
} from '../support/bad-input';

/**
 * Every file of the bad-input corpus through the importers, on the options page's path (sniff → readPack, or
 * previewCsv → importCsv): each must fail with its specific error (code and message, or file, line, column, value and
 * reason), or be handled as its README.md says. Whether the store stays untouched is for the store's own tests, which
 * can iterate the same list (test/support/bad-input.ts).
 */

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lens-bad-input-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Patterns become asymmetric matchers; everything else must be equal. */
const matching = <T>(issue: IssueMatch<T>) =>
  expect.objectContaining(Object.fromEntries(Object.entries(issue).map(([k, v]) => [k, v instanceof RegExp ? expect.stringMatching(v) : v])));
const textMatching = (m: string | RegExp) => (m instanceof RegExp ? expect.stringMatching(m) : expect.stringContaining(m));

/** The importers' answer in the shape of an expected outcome, so each case is one comparison. */
function observed(answer: ImporterAnswer): Record<string, unknown> {
  switch (answer.stage) {
    case 'preview':
      return { outcome: 'file-error', code: answer.error.code, file: answer.error.file, message: answer.error.message };
    case 'import':
      return { outcome: 'import-error', code: answer.error.code, message: answer.error.message, previewRows: answer.preview.rowsScanned };
    case 'mapping':
      return { outcome: 'mapping-problems', problems: answer.problems, recognised: answer.preview.detection.best !== undefined };
    case 'pack':
      return answer.ok ? { outcome: 'pack-ok', counts: answer.counts } : { outcome: 'pack-errors', errors: answer.errors };
    case 'imported': {
      const r = answer.result;
      return r.errorCount > 0
        ? { outcome: 'row-errors', rows: r.rows, validRows: r.validRows, errorCount: r.errorCount, errors: r.errors }
        : { outcome: 'imported', rows: r.rows, validRows: r.validRows, delivered: answer.delivered, warnings: r.warnings };
    }
  }
}

/** The case's expected outcome, as matchers for `observed`. */
function wanted(c: BadInputCase): Record<string, unknown> {
  const e = c.expected;
  const name = c.file ?? c.generated!;
  switch (e.outcome) {
    case 'file-error':
      return { outcome: e.outcome, code: e.code, file: name, message: textMatching(e.message) };
    case 'import-error':
      return { outcome: e.outcome, code: e.code, message: textMatching(e.message), previewRows: e.previewRows };
    case 'mapping-problems':
      return { outcome: e.outcome, problems: e.problems, recognised: false };
    case 'pack-errors':
      return { outcome: e.outcome, errors: e.errors.map((issue) => matching(issue)) };
    case 'row-errors':
      return { outcome: e.outcome, rows: e.rows, validRows: e.validRows, errorCount: e.errors.length, errors: e.errors.map((issue) => matching({ file: name, ...issue })) };
    case 'imported':
      return { outcome: e.outcome, rows: e.rows, validRows: e.rows, delivered: e.rows, warnings: (e.warnings ?? []).map((w) => matching({ file: name, ...w })) };
  }
}

const byName = (name: string): BadInputCase => {
  const found = BAD_INPUTS.find((c) => c.name === name);
  if (!found) throw new Error(`no case ${name}`);
  return found;
};

describe('the bad-input corpus', () => {
  it('has a README entry for every committed file and a file for every committed case', () => {
    const readme = readFileSync(join(BAD_INPUT_DIR, 'README.md'), 'utf8');
    const files = readdirSync(BAD_INPUT_DIR).filter((f) => f !== 'README.md');
    expect(files.toSorted()).toEqual(BAD_INPUTS.flatMap((c) => (c.file ? [c.file] : [])).toSorted());
    for (const c of BAD_INPUTS) expect({ name: c.name, inReadme: readme.includes(`| ${c.file ?? `*(generated)* ${c.generated}`} |`) }).toEqual({ name: c.name, inReadme: true });
  });

  // The 50 MB file has its own test below, with its own timeout.
  const small = BAD_INPUTS.filter((c) => c.name !== '50 MB CSV');
  it.each(small.map((c) => [c.name, c] as const))('%s: handled as documented', async (_, c) => {
    const answer = await runImporters(await openCase(c, dir));
    expect(observed(answer)).toEqual(wanted(c));
    expect(c.writesNothing).toBe(c.expected.outcome !== 'imported');
  });

  it('names the header it did not recognise when no format is chosen', async () => {
    const c = byName('wrong headers');
    const expected = c.expected;
    if (expected.outcome !== 'mapping-problems') throw new Error('wrong case');
    const error = await importCsv(await openCase(c, dir), { file: 'wrong-headers.csv' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect(error).toMatchObject({ code: 'unknown-format', file: 'wrong-headers.csv', message: textMatching(expected.unknownFormatMessage) });
  });

  it('shows the duplicate header in the preview already, before anything is imported', async () => {
    const preview = await previewCsv(await openCase(byName('duplicate headers'), dir), { file: 'duplicate-headers.csv' });
    expect(preview.headerWarnings).toEqual([expect.objectContaining({ line: 1, column: 'Email', cell: 'E1', reason: expect.stringContaining('only column B is read (as Email)') })]);
  });

  it('keeps formula-like names as the text they are (exports escape them: test/unit/csv.test.ts)', async () => {
    const result = await importCsv(await openCase(byName('formula-like names'), dir), { file: 'formula-like-names.csv' });
    expect(result.contacts.map((c) => [c.firstName, c.lastName])).toEqual([
      ["=cmd|' /C calc'!A0", 'Whitfield'],
      ['+SUM(1;2)', '@Kaplan'],
      ['-2+3', '=HYPERLINK("https://evil.example")'],
    ]);
  });

  it('quotes at most 200 characters of a 1 MB cell in its error, and says how long it is', async () => {
    const answer = await runImporters(await openCase(byName('cell over 1 MB'), dir));
    if (answer.stage !== 'imported') throw new Error(answer.stage);
    expect(answer.result.errors[0]!.value.length).toBeLessThan(240);
    expect(answer.result.contacts).toEqual([]); // delivered through onBatch, not collected
    expect(answer.delivered).toBe(1);
  });

  it(
    'streams a 50 MB CSV: every row counted, read in bounded pieces, never held whole',
    async () => {
      const c = byName('50 MB CSV');
      const file = await openCase(c, dir);
      expect(file.size).toBeGreaterThan(49 * 1024 * 1024);
      const answer = await runImporters(file);
      if (answer.stage !== 'imported') throw new Error(answer.stage);
      expect(answer.result).toMatchObject({ rows: LARGE_FILE_ROWS, validRows: LARGE_FILE_ROWS, errorCount: 0, contacts: [] });
      expect(answer.delivered).toBe(LARGE_FILE_ROWS);
      // Bounded memory, shown by the reading itself rather than by the heap (which the garbage collector makes
      // unsteady): the file is read in blocks of 4 MiB, parsed 512 KiB at a time, and each delivered batch holds one
      // such piece's rows.
      const steps = answer.progress.map((bytes, i) => bytes - (answer.progress[i - 1] ?? 0));
      expect(answer.progress.at(-1)).toBe(file.size);
      expect(Math.max(...steps)).toBeLessThanOrEqual(512 * 1024);
      expect(answer.largestBatch).toBeLessThan(10_000);
    },
    120_000,
  );
});
