import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { THREAD_URL, launchLens } from '../../scripts/lens-browser.mjs';

const ROOT = join(import.meta.dirname, '..', '..');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const IMPORTS = join(ROOT, 'test', 'fixtures', 'imports');

let userDataDir: string;
let context: BrowserContext;
let extensionId: string;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  userDataDir = await mkdtemp(join(tmpdir(), 'lens-import-'));
  ({ context, extensionId } = await launchLens({ userDataDir }));
});

afterAll(async () => {
  await context?.close();
  await rm(userDataDir, { recursive: true, force: true });
});

const sidebar = (page: Page) => page.getByRole('complementary', { name: 'Smarketing Lens' });
const section = (page: Page, heading: string): Locator =>
  sidebar(page).locator('section').filter({ has: page.getByRole('heading', { name: heading, exact: true }) });

/** Records in the extension's own database, read from an extension page (the store belongs to its origin). */
async function counts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(
    () =>
      new Promise<Record<string, number>>((resolve, reject) => {
        const open = indexedDB.open('smarketing-lens');
        open.addEventListener('error', () => reject(open.error));
        open.addEventListener('success', () => {
          const db = open.result;
          // Contacts and their events live in shards (lib/store/shards.ts): counted inside them.
          const tx = db.transaction(['shards', 'eventShards', 'campaigns'], 'readonly');
          const out: Record<string, number> = {};
          // People shards hold their contacts as one JSON text; event shards their events as columns
          // (lib/importers/event-columns.ts): `columns.length` of them.
          const inside = (store: string, field: 'contacts' | 'events', size: (record: Record<string, unknown>) => number) => {
            const req = tx.objectStore(store).getAll();
            req.addEventListener('success', () => (out[field] = (req.result as Array<Record<string, unknown>>).reduce((n, s) => n + size(s), 0)));
          };
          inside('shards', 'contacts', (s) => (JSON.parse(s.contactsJson as string) as unknown[]).length);
          inside('eventShards', 'events', (s) => (s.columns as { length: number }).length);
          const campaigns = tx.objectStore('campaigns').count();
          campaigns.addEventListener('success', () => (out.campaigns = campaigns.result));
          tx.addEventListener('complete', () => {
            db.close();
            resolve(out);
          });
        });
      }),
  );
}

/** The stored contact with this address, found by reading every people shard (from an extension page). */
async function storedContact(page: Page, email: string): Promise<{ emails: string[]; lifecycleStage: string } | undefined> {
  return page.evaluate(
    (address) =>
      new Promise<{ emails: string[]; lifecycleStage: string } | undefined>((resolve, reject) => {
        const open = indexedDB.open('smarketing-lens');
        open.addEventListener('error', () => reject(open.error));
        open.addEventListener('success', () => {
          const req = open.result.transaction('shards', 'readonly').objectStore('shards').getAll();
          req.addEventListener('success', () => {
            open.result.close();
            const people = (req.result as Array<{ contactsJson: string }>).flatMap((s) => JSON.parse(s.contactsJson) as Array<{ emails: string[]; lifecycleStage: string }>);
            resolve(people.find((c) => c.emails.includes(address)));
          });
        });
      }),
    email,
  );
}

async function openOptions(): Promise<Page> {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByRole('heading', { name: 'Import marketing data' }).waitFor();
  return options;
}

/**
 * Imports a generated file past the size from which a file is cut in two: its invalid rows are listed first, with the
 * file's own line numbers (a row is a line, even one holding a line break), by one worker per half, and nothing is
 * written; then they are skipped. Returns the options page and the store's counts before.
 */
async function importLargeFile(name: string, lines: readonly string[], confirm: RegExp, errorLines: readonly string[], done: string) {
  const dir = await mkdtemp(join(tmpdir(), 'lens-import-large-'));
  const file = join(dir, name);
  await writeFile(file, `${lines.join('\r\n')}\r\n`);
  try {
    const options = await openOptions();
    const workers: string[] = [];
    options.on('worker', (worker) => workers.push(worker.url()));
    const before = await counts(options);
    await options.getByLabel('Import data').setInputFiles(file);
    await options.getByRole('button', { name: confirm }).click();
    const errors = options.getByRole('alert', { name: 'Import errors' });
    await errors.waitFor({ timeout: 60_000 });
    expect(await errors.locator('tbody tr td:nth-child(2)').allTextContents()).toEqual(errorLines);
    expect(workers).toEqual([expect.stringMatching(/^chrome-extension:\/\/[a-p]{32}\/.*import-worker.*\.js$/), expect.stringMatching(/import-worker/)]);
    expect(await counts(options)).toEqual(before);

    await options.getByRole('button', { name: `Skip ${errorLines.length} invalid rows and import the rest` }).click();
    await options.getByRole('status').getByText(done).waitFor({ timeout: 60_000 });
    expect(workers).toHaveLength(4);
    return { options, before };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('importing marketing data on the options page', () => {
  it('shows a file with invalid rows line by line and writes nothing', async () => {
    // The sidebar's first lookup loads the demo data, so the counts below compare like with like.
    const gmail = await context.newPage();
    await gmail.goto(THREAD_URL.unknown);
    await expect.poll(() => sidebar(gmail).getByText('Not in your marketing data', { exact: true }).count(), { timeout: 15_000 }).toBe(1);
    await gmail.close();

    const options = await openOptions();
    const before = await counts(options);
    await options.getByLabel('Import data').setInputFiles(join(IMPORTS, 'hubspot-contacts-invalid-rows.csv'));
    await options.getByRole('button', { name: 'Import 7 contacts' }).click();
    const errors = options.getByRole('alert', { name: 'Import errors' });
    await errors.getByText('hubspot-contacts-invalid-rows.csv: 5 problems in 5 rows. Nothing was imported.').waitFor();
    const lines = await errors.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(lines).toEqual(['3', '4', '5', '7', '8']);
    expect(await errors.locator('tbody tr').first().textContent()).toContain('bad.email@@acme.example');
    expect(await options.getByRole('button', { name: 'Skip 5 invalid rows and import the rest' }).count()).toBe(1);
    expect(await counts(options)).toEqual(before);
    await options.close();
  });

  it('imports a HubSpot export and its engagement events; the Gmail sidebar then knows the person', async () => {
    const options = await openOptions();
    const before = await counts(options);
    const input = options.getByLabel('Import data');

    await input.setInputFiles(join(IMPORTS, 'hubspot-contacts-brightfield.csv'));
    const preview = options.getByLabel('Import preview');
    await preview.getByText('HubSpot contacts export', { exact: true }).waitFor();
    expect(await preview.textContent()).toMatch(/detected with \d+ % confidence · UTF-8 · comma-separated/);
    expect(await preview.getByLabel('Field for column Lifecycle Stage').inputValue()).toBe('lifecycleStage');
    expect(await preview.getByLabel('Field for column Email').inputValue()).toBe('email');
    expect(await preview.getByText('lee.morgan@brightfield.example').count()).toBe(1);
    await options.screenshot({ path: join(ARTIFACTS, 'options-import-preview.png'), fullPage: true });
    const started = Date.now();
    await options.getByRole('button', { name: 'Import 3 contacts' }).click();
    await options.getByRole('status').getByText('Imported 3 contacts (2 new, 1 updated).').waitFor();
    const contactsMs = Date.now() - started;

    await input.setInputFiles(join(IMPORTS, 'engagement-events-brightfield.csv'));
    await options.getByLabel('Import preview').locator('strong').getByText(/engagement events/i).waitFor();
    await options.getByRole('button', { name: 'Import 4 events' }).click();
    await options.getByRole('status').getByText('Imported 4 events (4 new) · 1 new campaign.').waitFor();
    expect(await counts(options)).toEqual({ contacts: before.contacts! + 2, events: before.events! + 4, campaigns: before.campaigns! + 1 });

    // Importing the same file again changes nothing.
    await input.setInputFiles(join(IMPORTS, 'hubspot-contacts-brightfield.csv'));
    await options.getByRole('button', { name: 'Import 3 contacts' }).click();
    await options.getByRole('status').getByText('Imported 3 contacts (0 new, 0 updated, 3 unchanged).').waitFor();
    expect(await counts(options)).toEqual({ contacts: before.contacts! + 2, events: before.events! + 4, campaigns: before.campaigns! + 1 });
    console.warn(`[import e2e] HubSpot fixture: click on "Import 3 contacts" → "Imported" shown in ${contactsMs} ms`);

    const gmail = await context.newPage();
    await gmail.goto(THREAD_URL.unknown);
    const aside = sidebar(gmail);
    await expect.poll(() => aside.getByText('Lee Morgan', { exact: true }).count(), { timeout: 15_000 }).toBe(1);
    expect(await aside.getByText('Not in your marketing data', { exact: true }).count()).toBe(0);
    const score = section(gmail, 'Lead score');
    expect(await score.locator('.badge.stage-mql').textContent()).toBe('MQL');
    expect(await score.getByLabel(/^Score \d+ out of 100$/).count()).toBe(1);
    expect(await score.textContent()).toContain('HubSpot Score');
    const history = section(gmail, 'Campaign history');
    await expect.poll(() => history.textContent()).toContain('Brightfield Partner Roadshow');
    expect(await history.textContent()).toContain('Webinar: Forecasting Without Spreadsheets');
    expect(await history.textContent()).toContain('Ops Efficiency Nurture 2026');
    await gmail.screenshot({ path: join(ARTIFACTS, 'sidebar-after-import.png') });
  });

  it('reads a large events file on two worker threads and stores every event once', async () => {
    // ~9 MB, past the size from which a file is cut in two: 90,000 events for the demo's people, with a quoted value
    // holding a comma and a line break now and then, and one bad date in each half.
    const emails = ['dana.whitfield@northwind.example', 'jonah.reyes@northwind.example', 'priya.raman@contoso-health.example', 'sam.okafor@northwind.example'];
    const rows = 90_000;
    const lines = ['email,event_type,campaign,content,timestamp,details'];
    for (let i = 0; i < rows; i++) {
      const at = i === 100 || i === 80_000 ? 'not a date' : new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();
      const details = i % 11 === 0 ? '"Read the page on pricing, then\nasked for a call"' : 'Opened the nurture email of the week';
      lines.push(`${emails[i % emails.length]},email_open,Ops Efficiency Nurture 2026,,${at},${details}`);
    }
    const { options, before } = await importLargeFile('events-large.csv', lines, /^Import all events/, ['102', '80002'], 'Imported 89,998 events (89,998 new). Skipped 2 invalid rows.');
    expect(await counts(options)).toEqual({ ...before, events: before.events! + 89_998 });
    await options.close();
  });

  it('stops the worker threads it got ready for a large file when the rep picks another', async () => {
    const lines = ['email,event_type,campaign,content,timestamp,details'];
    for (let i = 0; i < 90_000; i++) lines.push(`dana.whitfield@northwind.example,email_open,Ops Efficiency Nurture 2026,,${new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString()},Opened the nurture email of the week`);
    const dir = await mkdtemp(join(tmpdir(), 'lens-import-large-'));
    const file = join(dir, 'events-large.csv');
    await writeFile(file, `${lines.join('\n')}\n`);
    try {
      const options = await openOptions();
      const closed: Array<Promise<unknown>> = [];
      options.on('worker', (worker) => closed.push(new Promise((resolve) => worker.on('close', resolve))));
      await options.getByLabel('Import data').setInputFiles(file);
      await options.getByRole('button', { name: /^Import all events/ }).waitFor();
      await expect.poll(() => closed.length).toBe(2); // made ready during the preview
      await options.getByLabel('Import data').setInputFiles(join(IMPORTS, 'engagement-events.csv'));
      await Promise.all(closed); // both stopped: the small file is read in the page
      await options.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reads a large contacts file on two worker threads; a person in both halves is one contact', async () => {
    // ~10 MB of HubSpot rows: 60,000 people, a job title with a comma and a line break now and then, one bad address in
    // each half, and the first row's CRM record again at the end with another address (merged into one contact).
    const rows = 60_000;
    const lines = ['Record ID,First Name,Last Name,Email,Job Title,Company Name,Industry,Country/Region,Lifecycle Stage,Original Source'];
    for (let i = 0; i < rows; i++) {
      const email = i === 100 || i === 50_000 ? `person${i}-at-nowhere` : `person.number${i}@company${i % 900}.example`;
      const title = i % 13 === 0 ? '"Director, Revenue Operations\nEMEA"' : 'Director of Revenue Operations';
      lines.push(`${900_000 + i},Person,Number ${i},${email},${title},Company ${i % 900} Holdings Inc.,Financial Services,United Kingdom,Lead,PAID_SOCIAL`);
    }
    lines.push(`900000,Person,Number 0,person.zero@home.example,Chief Revenue Officer,Company 0 Holdings Inc.,Financial Services,United Kingdom,Opportunity,PAID_SOCIAL`);
    const { options, before } = await importLargeFile(
      'contacts-large.csv',
      lines,
      /^Import all contacts/,
      ['102', '50002'],
      'Imported 59,999 contacts (59,998 new, 0 updated). Skipped 2 invalid rows.',
    );
    expect(await counts(options)).toEqual({ ...before, contacts: before.contacts! + 59_998 });
    // One contact holds both addresses, with the later row's stage.
    const merged = await storedContact(options, 'person.zero@home.example');
    expect(merged).toMatchObject({ emails: ['person.number0@company0.example', 'person.zero@home.example'], lifecycleStage: 'opportunity' });
    await options.close();
  });
});
