import { readFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { launchLens } from '../../scripts/lens-browser.mjs';

/**
 * Issue 5 §1: the team's own domains, set in the options page, are never the prospect. A thread whose only external
 * person works at the team's partner agency shows that person until the agency's domain is added; then no one, in
 * the tab already open (storage.onChanged) and after a reload.
 */
declare const chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } };

const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');
const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'gmail', '2026-11-20-partner-agency.html');
const THREAD = 'https://mail.google.com/mail/u/1/#inbox/FMfcgzQXJWmiaBrightwaveCopy';

let userDataDir: string;
let context: BrowserContext;
let worker: Worker;
let extensionId: string;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  userDataDir = await mkdtemp(join(tmpdir(), 'lens-team-'));
  ({ context, worker, extensionId } = await launchLens({ userDataDir }));
  // The agency thread as a static Gmail page on the second account (routes added later win over the Gmail shell).
  const body = await readFile(FIXTURE, 'utf8');
  await context.route('https://mail.google.com/mail/u/1/', (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }));
});
afterAll(async () => {
  await context?.close();
  await rm(userDataDir, { recursive: true, force: true });
});

const sidebar = (page: Page) => page.getByRole('complementary', { name: 'Smarketing Lens' });

describe('team email domains', () => {
  it('hides a partner agency from the sidebar once its domain is added in the options page', async () => {
    const gmail = await context.newPage();
    await gmail.goto(THREAD);
    const aside = sidebar(gmail);
    await expect.poll(() => aside.locator('.contact-name').textContent(), { timeout: 15_000 }).toBe('Mia Chen');

    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    const section = options.locator('section').filter({ has: options.getByRole('heading', { name: "Your team's email domains" }) });
    const input = section.getByLabel('Add a team domain');
    // A mistake is explained, and nothing is saved.
    await input.fill('mia.chen@brightwave-agency.example');
    await section.getByRole('button', { name: 'Add domain' }).click();
    await expect.poll(() => section.getByRole('alert').textContent()).toBe('Enter only the part after @ (brightwave-agency.example)');
    expect(await input.getAttribute('aria-invalid')).toBe('true');

    await input.fill('@Brightwave-Agency.example');
    await section.getByRole('button', { name: 'Add domain' }).click();
    await section.getByRole('list', { name: 'Team email domains' }).getByText('brightwave-agency.example', { exact: true }).waitFor();
    expect(await worker.evaluate(async () => (await chrome.storage.local.get('teamDomains')).teamDomains)).toEqual(['brightwave-agency.example']);
    await options.screenshot({ path: join(ARTIFACTS, 'options-team-domains.png'), fullPage: true });

    // The open Gmail tab follows the change without a reload.
    await gmail.bringToFront();
    await expect.poll(() => aside.locator('.contact-name').count(), { timeout: 5_000 }).toBe(0);
    expect(await aside.textContent()).toContain('Open a conversation');
    // And a fresh load reads the domains before detecting.
    await gmail.reload();
    await expect.poll(() => aside.textContent(), { timeout: 15_000 }).toContain('Open a conversation');
    expect(await aside.locator('.contact-name').count()).toBe(0);

    // Removing the domain brings the agency back.
    await options.bringToFront();
    await section.getByRole('button', { name: 'Remove brightwave-agency.example' }).click();
    await expect.poll(() => section.getByText('No extra domains yet.').count()).toBe(1);
    await expect.poll(() => aside.locator('.contact-name').textContent(), { timeout: 5_000 }).toBe('Mia Chen');
    await gmail.close();
    await options.close();
  });
});
