import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { createDataChanges } from '../../lib/background/data-changes';
import { createImportHandlers } from '../../lib/background/import-handlers';
import { createHandlers } from '../../lib/background/service';
import { ImportData } from '../../components/options/ImportData';
import { createImportModel } from '../../lib/options/import-model';
import type { RequestFn } from '../../lib/messaging/client';
import { findContactByEmail } from '../../lib/store';
import { DEMO_NOW, ROOT, pageRequest, seededDb } from './helpers';
import { snapshot } from './store-snapshot';

const fixtureFile = (name: string) => new File([readFileSync(join(ROOT, 'test', 'fixtures', 'imports', name))], name, { type: 'text/csv' });

/** The options page's request(), answered by the real background handlers through the router; the page's own database. */
async function setup() {
  const db = await seededDb();
  const getDb = async () => db;
  const changes = createDataChanges();
  const core = createHandlers({ db: getDb, tabs: { get: async () => null, set: async () => undefined }, now: () => DEMO_NOW, changes });
  const sent: string[] = [];
  const request = pageRequest({ ...core, ...createImportHandlers({ db: getDb, changes, now: () => DEMO_NOW }) }, sent);
  const model = createImportModel(request, getDb, { now: () => DEMO_NOW });
  const root = document.createElement('div');
  document.body.append(root);
  await act(() => render(<ImportData model={model} onFile={(f) => void model.choose(f)} />, root));
  const settle = () => act(async () => new Promise((r) => setTimeout(r, 0)));
  const button = (text: RegExp) => [...root.querySelectorAll('button')].find((b) => text.test(b.textContent ?? ''));
  return { db, model, root, sent, settle, button };
}

describe('import model and section', () => {
  it('previews a HubSpot export, lets the mapping change, imports in one commit and tells the background', async () => {
    const { db, model, root, sent, settle, button } = await setup();
    await act(() => model.choose(fixtureFile('hubspot-contacts-brightfield.csv')));
    await settle();
    expect(root.textContent).toMatch(/HubSpot contacts export · detected with \d+ % confidence/);
    expect(root.textContent).toContain('UTF-8');
    expect(root.textContent).toContain('comma-separated');
    expect(root.textContent).toContain('lee.morgan@brightfield.example'); // a sample row
    const titleSelect = root.querySelector<HTMLSelectElement>('select[aria-label="Field for column Job Title"]')!;
    expect(titleSelect.value).toBe('title');

    // The user decides the job titles are not to be imported.
    await act(() => {
      titleSelect.value = '';
      titleSelect.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(model.mapping.value.find((m) => m.header === 'Job Title')?.field).toBeNull();
    expect(button(/^Import 3 contacts$/)).toBeDefined();

    await act(async () => button(/^Import 3 contacts$/)!.click());
    await settle();
    await vi.waitFor(() => expect(model.result.value).not.toBeNull());
    expect(root.querySelector('[role=status]')?.textContent).toBe('Imported 3 contacts (2 new, 1 updated).');
    // The page wrote the store itself; the background only hears that its caches are stale.
    expect(sent).toEqual(['data.changed']);
    const lee = await findContactByEmail(db, 'lee.morgan@brightfield.example');
    expect(lee?.contact.lifecycleStage).toBe('mql');
    expect(lee?.contact.title).toBeUndefined();
  });

  it('shows the invalid rows with file, line, column, value and reason, writes nothing, and imports the rest only when asked', async () => {
    const { db, model, root, sent, settle, button } = await setup();
    const before = await snapshot(db);
    await act(() => model.choose(fixtureFile('hubspot-contacts-invalid-rows.csv')));
    await settle();
    await act(async () => button(/^Import 7 contacts$/)!.click());
    await vi.waitFor(() => expect(model.rowErrors.value).not.toBeNull());
    await settle();
    const alert = root.querySelector('[aria-label="Import errors"]')!;
    expect(alert.textContent).toContain('Nothing was imported');
    const rows = [...alert.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
    expect(rows[0]).toEqual(['hubspot-contacts-invalid-rows.csv', '3', 'Email', 'bad.email@@acme.example', 'is not an email address']);
    expect(rows.map((r) => r[1])).toEqual(['3', '4', '5', '7', '8']);
    expect(sent).not.toContain('data.changed');
    expect(await snapshot(db)).toBe(before);

    const skip = button(/^Skip 5 invalid rows and import the rest$/);
    expect(skip).toBeDefined();
    await act(async () => skip!.click());
    await vi.waitFor(() => expect(model.result.value).not.toBeNull());
    expect(model.result.value).toBe('Imported 2 contacts (2 new, 0 updated). Skipped 5 invalid rows.');
    expect(await findContactByEmail(db, 'valid.person@acme.example')).not.toBeNull();
    expect(await findContactByEmail(db, 'mary.anne@acme.example')).not.toBeNull();
    expect(await findContactByEmail(db, 'unknown.stage@acme.example')).toBeNull();
  });

  it('cancels while reading: what was read is dropped and nothing is written', async () => {
    const { db, model } = await setup();
    const before = await snapshot(db);
    await model.choose(fixtureFile('hubspot-contacts-brightfield.csv'));
    const running = model.confirm();
    model.cancel();
    await running;
    expect(model.error.value).toBe('Import cancelled; nothing was written.');
    expect(await snapshot(db)).toBe(before);
  });

  it('says before importing that a repeated column is ignored, and stops saying it once both are mapped', async () => {
    const { model, root, settle } = await setup();
    const name = 'duplicate-headers.csv';
    await act(() => model.choose(new File([readFileSync(join(ROOT, 'test', 'fixtures', 'bad-input', name))], name, { type: 'text/csv' })));
    await settle();
    const warnings = () => root.querySelector('[aria-label="Header warnings"]')?.textContent ?? '';
    expect(warnings()).toBe('Column E “Email” repeats the header of column B: only column B is read (as Email); this one is ignored. Rename one of them, or map the columns by hand.');
    // Read the second address too (as another email): nothing is lost, nothing to say.
    await act(() => model.setField(4, 'otherEmails'));
    expect(warnings()).toBe('');
  });

  it('says so when the database cannot be opened, and is ready for another try', async () => {
    const model = createImportModel((async () => null) as unknown as RequestFn, async () => {
      throw new Error('The database is not available (the disk is full).');
    });
    await model.choose(fixtureFile('hubspot-contacts-brightfield.csv'));
    await model.confirm();
    expect(model.error.value).toBe('The database is not available (the disk is full).');
    expect(model.progress.value).toBeNull();
    expect(model.result.value).toBeNull();
  });

  it('handles a marketing pack in the same input, and lists a broken pack’s problems', async () => {
    const { model, root, settle, button } = await setup();
    const pack = (name: string) => new File([readFileSync(join(ROOT, 'test', 'fixtures', 'imports', name))], name, { type: 'application/json' });
    await act(() => model.choose(pack('marketing-pack-invalid.json')));
    await settle();
    expect(root.querySelector('[aria-label="Import errors"]')?.textContent).toMatch(/must be an http\(s\) URL/);
    // Where in the file, so it can be found and fixed.
    expect(root.querySelector('[aria-label="Import errors"] li')?.textContent).toMatch(/^Line \d+, column \d+: /);
    await act(() => model.choose(pack('marketing-pack.json')));
    await settle();
    await act(async () => button(/^Import marketing pack$/)!.click());
    await vi.waitFor(() => expect(model.result.value).toMatch(/^Imported the marketing pack: \d+ personas?, \d+ content assets?/));
  });
});
