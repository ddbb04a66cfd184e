import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { CUSTOM_CRM_EXTENSION_DIR, launchLens, stopServiceWorker } from '../../scripts/lens-browser.mjs';

/**
 * Issue 5 §4: a custom CRM host added in the options page gets its site's content script, registered at run time;
 * removing it unregisters the script. The permission prompt never settles in headless Chromium, so this runs on the
 * test build whose manifest grants https://crm.lumenary-test.example/* (`npm run build:custom-crm`): the options
 * page finds the origin granted, asks nothing, and the background registers the script at once.
 */
/** The part of the extension API these checks call in the service worker. */
interface RegisteredScript {
  id: string;
  matches?: string[];
  js?: string[];
  css?: string[];
}
declare const chrome: { scripting: { getRegisteredContentScripts(): Promise<RegisteredScript[]> } };

const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');
const HOST = 'crm.lumenary-test.example';
const PERSON_URL = `https://${HOST}/person/318`;
const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'pipedrive', '2026-11-20-person.html');

let userDataDir: string;
let context: BrowserContext;
let worker: Worker;
let extensionId: string;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  userDataDir = await mkdtemp(join(tmpdir(), 'lens-custom-crm-'));
  ({ context, worker, extensionId } = await launchLens({ userDataDir, extensionDir: CUSTOM_CRM_EXTENSION_DIR }));
  // A self-hosted "Pipedrive": the Pipedrive person fixture at the custom host.
  const body = await readFile(FIXTURE, 'utf8');
  await context.route((url) => url.host === HOST, (route) =>
    new URL(route.request().url()).pathname === '/person/318'
      ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body })
      : route.fulfill({ status: 404, body: 'not in the fixtures' }),
  );
});
afterAll(async () => {
  await context?.close();
  await rm(userDataDir, { recursive: true, force: true });
});

const sidebar = (page: Page) => page.getByRole('complementary', { name: 'Smarketing Lens' });
const registered = () =>
  worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).map(({ id, matches, js, css }) => ({ id, matches, js, css })));
/** Long enough for a content script at document_idle to have mounted its sidebar on this small page. */
const settle = (page: Page) => page.waitForTimeout(1500);

describe('custom CRM domains', () => {
  it('serves a Pipedrive person on a custom host once it is added, and stops when it is removed', async () => {
    const crm = await context.newPage();
    await crm.goto(PERSON_URL);
    await settle(crm);
    expect(await crm.locator('smarketing-lens').count()).toBe(0); // not a Pipedrive host Lens knows

    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    const section = options.locator('section').filter({ has: options.getByRole('heading', { name: 'Custom CRM domains' }) });
    await section.getByRole('combobox', { name: /^CRM/ }).selectOption('pipedrive');
    await section.getByLabel('CRM host').fill('http://crm.lumenary-test.example');
    await section.getByRole('button', { name: 'Add CRM domain' }).click();
    await expect.poll(() => section.getByRole('alert').textContent()).toBe('Lens reads CRM pages over https:// only');

    await section.getByLabel('CRM host').fill(`https://${HOST}/person/318`);
    await section.getByRole('button', { name: 'Add CRM domain' }).click();
    const item = section.getByRole('list', { name: 'Custom CRM domains' }).getByRole('listitem');
    await expect.poll(() => item.getAttribute('data-state')).toBe('active');
    expect(await item.textContent()).toContain(`${HOST} · Pipedrive · active`);
    expect(await section.getByRole('status').textContent()).toBe(`Lens now reads Pipedrive pages on ${HOST}. Reload open tabs there.`);
    expect(await registered()).toEqual([
      { id: `lens-crm:pipedrive:${HOST}`, matches: [`https://${HOST}/*`], js: ['content-scripts/pipedrive.js'], css: undefined },
    ]);
    await options.screenshot({ path: join(ARTIFACTS, 'options-custom-crm.png'), fullPage: true });

    // The site's own script, told it serves this host, finds the person; its stylesheet reached the shadow root.
    await crm.bringToFront();
    await crm.reload();
    const aside = sidebar(crm);
    await expect.poll(() => aside.locator('.contact-name').textContent(), { timeout: 15_000 }).toBe('Grace Liu');
    expect(await aside.locator('.contact-email').textContent()).toBe('grace.liu@tailspin.example');
    expect(await aside.getByLabel(/^Score \d+ out of 100$/).count()).toBe(1);
    expect(await aside.evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
    await crm.screenshot({ path: join(ARTIFACTS, 'site-custom-crm-pipedrive.png') });

    // A restarted service worker checks the registration again and keeps it (the origin is still granted).
    await stopServiceWorker(context, options);
    await options.reload();
    await expect.poll(() => item.getAttribute('data-state'), { timeout: 15_000 }).toBe('active');
    worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    expect((await registered()).map((s) => s.id)).toEqual([`lens-crm:pipedrive:${HOST}`]);

    await section.getByRole('button', { name: `Remove ${HOST}` }).click();
    await expect.poll(() => section.getByRole('status').textContent()).toBe(`Removed ${HOST}: Lens no longer reads pages there.`);
    expect(await section.getByRole('list', { name: 'Custom CRM domains' }).count()).toBe(0);
    expect(await registered()).toEqual([]);

    await crm.bringToFront();
    await crm.reload();
    await settle(crm);
    expect(await crm.locator('smarketing-lens').count()).toBe(0);
    expect(await sidebar(crm).count()).toBe(0);
    await crm.close();
    await options.close();
  });
});
