import * as fc from 'fast-check';
import { createDataChanges } from '../../lib/background/data-changes';
import { createImportHandlers } from '../../lib/background/import-handlers';
import { EventColumns, findCut, headerBytes, proposeMapping, shiftIssue } from '../../lib/importers';
import { importPart, type PartRequest } from '../../lib/options/import-part';
import { createImportModel } from '../../lib/options/import-model';
import { planParts, type PartRunner } from '../../lib/options/parallel-import';
import { ContactRows, readDirectoryData, type DirectoryData, type LensDatabase } from '../../lib/store';
import { DEMO_NOW, demoDataset, pageRequest, seededDb } from './helpers';
import { snapshot } from './store-snapshot';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('cutting a CSV file in two', () => {
  it('finds the header, after a byte order mark and across a quoted line break', () => {
    expect(headerBytes(bytes('\uFEFFemail,event_type\r\na@x.example,email_open\r\n'))).toEqual({ start: 3, end: 21 });
    expect(headerBytes(bytes('"e\nmail",type\nx,y\n'))).toEqual({ start: 0, end: 14 });
    expect(headerBytes(bytes('email,type'))).toBeNull();
  });

  it('cuts only at a line break outside quotes, never at the very end', () => {
    const text = 'h1,h2\na,"one\ntwo"\nb,c\n';
    // From the middle of the quoted value, the next line break outside quotes is after `two"`.
    expect(findCut(bytes(text), 9)).toEqual({ at: text.indexOf('b,c') });
    expect(findCut(bytes(text), text.length - 1)).toBeNull();
    // A stray quote makes every later count odd: no cut, the file is read whole.
    expect(findCut(bytes('h\n5" screen\nx\ny\n'), 3)).toBeNull();
  });

  it('finds the cut a byte-by-byte quote count finds (property)', () => {
    // The rule itself, one byte at a time: the first line break at or after `from` with an even count of quotes before.
    const byBytes = (data: Uint8Array, from: number) => {
      let quotes = 0;
      for (let i = 0; i < data.length; i++) {
        if (data[i] === 0x22) quotes++;
        else if (data[i] === 0x0a && quotes % 2 === 0 && i >= from && i + 1 < data.length) return { at: i + 1 };
      }
      return null;
    };
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ',', '"', '\n'), maxLength: 60 }), fc.nat({ max: 60 }), (text, from) => {
        expect(findCut(bytes(text), from)).toEqual(byBytes(bytes(text), from));
      }),
    );
  });

  it('gives the second part’s issues the file’s line numbers', () => {
    expect(shiftIssue({ file: 'f.csv', line: 3, column: 'timestamp', value: 'soon', reason: 'is not a date', cell: 'E3' }, 1000)).toEqual({
      file: 'f.csv',
      line: 1003,
      column: 'timestamp',
      value: 'soon',
      reason: 'is not a date',
      cell: 'E1003',
    });
  });
});

/** An events file naming the demo's people: quoted values with commas and line breaks, and a few bad rows, all over. */
function eventsFile(rows: number): File {
  const emails = demoDataset().contacts.map((c) => c.emails[0]!);
  const lines = ['email,event_type,campaign,content,timestamp,details'];
  for (let i = 0; i < rows; i++) {
    const at = new Date(Date.UTC(2026, 9, 1) + i * 60_000).toISOString();
    const details = i % 7 === 0 ? `"Asked about pricing, ""enterprise"" tier\nand SSO"` : i % 5 === 0 ? 'Clicked the pricing link' : '';
    const when = i % 97 === 0 ? 'yesterday' : at; // an unparseable date now and then, in both halves
    lines.push(`${emails[i % emails.length]},${i % 3 ? 'email_open' : 'email_click'},Ops Efficiency Nurture 2026,,${when},${details}`);
  }
  // The first half's second row again at the very end, with other details: across the parts, the later details win.
  lines.push(`${emails[1 % emails.length]},email_open,Ops Efficiency Nurture 2026,,${new Date(Date.UTC(2026, 9, 1) + 60_000).toISOString()},Replied`);
  return new File([`${lines.join('\r\n')}\r\n`], 'events.csv', { type: 'text/csv' });
}

async function importWith(db: LensDatabase, file: File, runPart: PartRunner | undefined, skipInvalid: boolean) {
  const request = pageRequest(createImportHandlers({ db: async () => db, changes: createDataChanges(), now: () => DEMO_NOW }));
  const model = createImportModel(request, async () => db, { now: () => DEMO_NOW, ...(runPart ? { runPart, parallelMinBytes: 1 } : {}) });
  await model.choose(file);
  await (skipInvalid ? model.skipInvalid() : model.confirm());
  return model;
}

/** An events file whose middle falls inside a quoted value of many lines (with `stray`, after a stray quote too). */
function fileWithQuotedMiddle(stray: boolean): File {
  const emails = demoDataset().contacts.map((c) => c.emails[0]!);
  const row = (i: number, details = '') => `${emails[i % emails.length]},email_open,Ops Efficiency Nurture 2026,,${new Date(Date.UTC(2026, 9, 1) + i * 60_000).toISOString()},${details}`;
  const lines = ['email,event_type,campaign,content,timestamp,details'];
  for (let i = 0; i < 100; i++) lines.push(row(i, stray && i === 10 ? 'a 5" screen' : ''));
  lines.push(row(100, `"${Array.from({ length: 400 }, (_, k) => `note line ${k}`).join('\n')}"`));
  for (let i = 101; i < 200; i++) lines.push(row(i).replace(i === 150 ? /,[^,]*Z,/ : /^$/, ',yesterday,'));
  lines.push(row(200).replace(/,[^,]*Z,/, ',soon,')); // invalid rows after the cut: their line numbers must be the file's
  return new File([`${lines.join('\n')}\n`], 'quoted-middle.csv', { type: 'text/csv' });
}

/**
 * The workers' parts, run in this thread: the same function a worker runs, its events handed over as the worker posts
 * them (buffers transferred) and rebuilt as runPartInWorker does. `onStart` sees each part as it starts.
 */
function inProcessParts(onStart: (request: PartRequest) => void): PartRunner {
  return async (request, signal, onBytes) => {
    onStart(request);
    const result = await importPart(request, signal, onBytes);
    const { data, transfer } = result.events.data();
    return { ...result, events: EventColumns.from(structuredClone(data, { transfer })), contacts: ContactRows.from(structuredClone(result.contacts.data())) };
  };
}

/**
 * Reads `file` whole and in two parts (run in this thread) into two seeded stores: first its invalid rows are listed
 * alike, with the file's line numbers, and nothing is written; then they are skipped: the same message and store.
 * Returns how many rows were invalid and the two-part read's result message.
 */
async function readWholeAndInParts(file: File): Promise<{ invalid: number | undefined; imported: string | null }> {
  let parts = 0;
  const inProcess = () => inProcessParts(() => parts++);
  const whole = await seededDb();
  const parted = await seededDb();
  const before = await snapshot(parted);
  const wholeModel = await importWith(whole, file, undefined, false);
  const partedModel = await importWith(parted, file, inProcess(), false);
  expect(parts).toBe(2);
  expect(partedModel.rowErrors.value).toEqual(wholeModel.rowErrors.value);
  expect(partedModel.rowErrors.value?.list.at(-1)?.line).toBeGreaterThan(2000); // from the second half, renumbered
  expect(await snapshot(parted)).toBe(before);

  const wholeDone = await importWith(whole, file, undefined, true);
  const partedDone = await importWith(parted, file, inProcess(), true);
  expect(parts).toBe(4);
  expect(partedDone.result.value).toBe(wholeDone.result.value);
  expect(await snapshot(parted)).toBe(await snapshot(whole));
  return { invalid: partedModel.rowErrors.value?.total, imported: partedDone.result.value };
}

describe('reading a large events file in two parts', () => {
  it('finds the same rows, errors (with the file’s line numbers) and stored events as reading it whole', async () => {
    const file = eventsFile(3000);
    expect(await planParts(file, 1)).not.toBeNull();
    const { invalid, imported } = await readWholeAndInParts(file);
    expect(invalid).toBe(31);
    expect(imported).toMatch(/^Imported 2,970 events \(2,969 new, 1 already there\)\. Skipped 31 invalid rows\.$/);
  });

  it('gets the threads ready while a large contacts or events file is previewed, and stops them when it is set aside', async () => {
    const db = await seededDb();
    const request = pageRequest(createImportHandlers({ db: async () => db, changes: createDataChanges(), now: () => DEMO_NOW }));
    // The model's calls in order: "prepare" when a large file is previewed, "release" whenever a preview is set aside.
    const calls: string[] = [];
    const prepareParts = () => calls.push('prepare');
    const releaseParts = () => calls.push('release');
    const runPart: PartRunner = () => Promise.reject(new Error('not run here'));
    const model = createImportModel(request, async () => db, { runPart, parallelMinBytes: 10_000, prepareParts, releaseParts });
    await model.choose(eventsFile(20)); // small: read whole
    await model.choose(new File([`email,first name\n${'a@x.example,Ann\n'.repeat(20)}`], 'contacts.csv'));
    expect(calls).not.toContain('prepare');
    await model.choose(eventsFile(300));
    await model.choose(new File([`email,first name\n${'a@x.example,Ann\n'.repeat(2000)}`], 'contacts.csv'));
    model.reset();
    expect(calls).toEqual(['release', 'release', 'release', 'prepare', 'release', 'prepare', 'release']);
  });

  it('reads a part while the address book is still on its way; its rows wait for it', async () => {
    const db = await seededDb();
    const source = eventsFile(300);
    let reads = 0;
    // The file's bytes are read through slices: counted.
    const file = new (class extends File {
      override slice(...args: Parameters<Blob['slice']>): Blob {
        reads++;
        return super.slice(...args);
      }
    })([source], source.name);
    let give!: (directory: DirectoryData) => void;
    const directory = new Promise<DirectoryData>((resolve) => (give = resolve));
    const header = ['email', 'event_type', 'campaign', 'content', 'timestamp', 'details'];
    const request: PartRequest = {
      blob: file,
      file: file.name,
      format: 'engagement-events',
      mapping: proposeMapping('engagement-events', header),
      dateOrder: 'mdy',
      delimiter: ',',
      encoding: 'utf-8',
      directory,
      maxIssues: 50,
    };
    let settled = false;
    const part = importPart(request, new AbortController().signal, () => undefined).finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reads).toBeGreaterThan(0);
    expect(settled).toBe(false);
    give(await readDirectoryData(db));
    const result = await part;
    expect(result.validRows).toBe(297); // 301 rows, 4 with "yesterday" for a time
    expect(result.events.length).toBe(297);
  });

  it('guesses a cut inside a quoted value, and the check finds the one after it', async () => {
    const plan = (await planParts(fileWithQuotedMiddle(false), 1))!;
    // The first line break after the middle is inside the 400-line note; the checked cut comes after it.
    expect((await plan.checked)!.at).toBeGreaterThan(plan.guess.at);
  });

  // Two parts at the guess, then two at the checked cut. A stray quote fools the quote count into taking the guess
  // (inside the note): the first part's parser ends inside quotes, and the file is read whole, in this thread.
  it.each([
    ['a quoted value at the middle', false, 4],
    ['a stray quote before it', true, 2],
  ] as const)('reads a file with %s as a whole read does', async (_, stray, partsStarted) => {
    const file = fileWithQuotedMiddle(stray);
    const started: number[] = [];
    const inProcess = inProcessParts((request) => started.push(request.blob.size));
    const whole = await seededDb();
    const parted = await seededDb();
    const wholeModel = await importWith(whole, file, undefined, false);
    const partedModel = await importWith(parted, file, inProcess, false);
    expect(partedModel.rowErrors.value).toEqual(wholeModel.rowErrors.value);
    expect(partedModel.rowErrors.value?.list.map((e) => e.line)).toEqual([152, 202]);
    expect(started).toHaveLength(partsStarted);
    expect(await snapshot(parted)).toBe(await snapshot(whole));
  });
});

/**
 * A HubSpot contacts export: a person whose rows fall in both halves (one CRM record, two addresses), job titles with
 * a quoted line break, and invalid addresses in both halves.
 */
function contactsFile(rows: number): File {
  const lines = ['Record ID,First Name,Last Name,Email,Job Title,Company Name,Lifecycle Stage'];
  for (let i = 0; i < rows; i++) {
    const email = i % 211 === 0 ? `person${i}-at-nowhere` : `person${i}@acme${i % 40}.example`;
    const title = i % 9 === 0 ? '"Head of Ops,\nEMEA"' : 'Buyer';
    lines.push(`${7000 + i},P${i},Lee,${email},${title},Acme ${i % 40} Inc.,${i % 3 ? 'Lead' : 'Marketing Qualified Lead'}`);
  }
  // Row 2's CRM record again at the end, with another address: merged into one contact either way.
  lines.push(`${7000 + 2},P2,Lee,p2@home.example,Chief Buyer,Acme 2 Inc.,Customer`);
  return new File([`${lines.join('\n')}\n`], 'contacts.csv', { type: 'text/csv' });
}

describe('reading a large contacts file in two parts', () => {
  it('stores the same people, errors (with the file’s line numbers) and result as reading it whole', async () => {
    const { invalid, imported } = await readWholeAndInParts(contactsFile(3000));
    expect(invalid).toBe(15);
    expect(imported).toMatch(/^Imported 2,986 contacts \(2,985 new, 0 updated\)\. Skipped 15 invalid rows\.$/);
  });
});
