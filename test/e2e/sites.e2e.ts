import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchLens, siteFixtures } from '../../scripts/lens-browser.mjs';

const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');
let userDataDir: string;
let context: BrowserContext;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  userDataDir = await mkdtemp(join(tmpdir(), 'lens-sites-'));
  ({ context } = await launchLens({ userDataDir }));
});
afterAll(async () => {
  await context?.close();
  await rm(userDataDir, { recursive: true, force: true });
});

const sidebar = (page: Page) => page.getByRole('complementary', { name: 'Smarketing Lens' });
const fixtures = await siteFixtures();
/** People the demo data knows: their sidebar has a score and a stage. */
const KNOWN = new Set(['Priya Raman', 'Liam Tremblay', 'Marcus Oyelaran', 'Victor Santos', 'Grace Liu', 'Raj Patel', 'Katrin Vogel']);

describe('every sales surface, served at its real URL', () => {
  it.each(fixtures.filter((f) => f.contact && f.contact.pageKind !== 'company'))('$site $fixture shows $contact.name', async ({ url, contact, site, fixture }) => {
    const page = await context.newPage();
    await page.goto(url);
    const aside = sidebar(page);
    await expect.poll(() => aside.locator('.contact-name').textContent(), { timeout: 15_000 }).toBe(contact!.name);
    if (contact!.email) expect(await aside.locator('.contact-email').textContent()).toBe(contact!.email);
    await aside.getByRole('heading', { name: 'Recommended content' }).waitFor();
    const score = aside.locator('section').filter({ has: page.getByRole('heading', { name: 'Lead score', exact: true }) });
    if (KNOWN.has(contact!.name!)) expect(await score.getByLabel(/^Score \d+ out of 100$/).count()).toBe(1);
    else expect(await aside.getByText('Not in your marketing data', { exact: true }).count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, `site-${site}-${fixture.replace('.html', '')}.png`) });
    await page.close();
  });

  it('shows the account on a company page: known contacts by score, and the campaigns that reached them', async () => {
    const company = fixtures.find((f) => f.contact?.pageKind === 'company')!;
    const page = await context.newPage();
    await page.goto(company.url);
    const aside = sidebar(page);
    await expect.poll(() => aside.locator('.contact-name').textContent(), { timeout: 15_000 }).toBe('Northwind Logistics');
    const people = aside.locator('section').filter({ has: page.getByRole('heading', { name: 'Known contacts', exact: true }) });
    const names = await people.locator('li strong').allTextContents();
    expect(names[0]).toBe('Dana Whitfield');
    expect(names).toEqual(expect.arrayContaining(['Jonah Reyes', 'Elena Kowalski', 'Claire Dubois', 'Sam Okafor']));
    const campaigns = aside.locator('section').filter({ has: page.getByRole('heading', { name: 'Campaign history', exact: true }) });
    expect(await campaigns.textContent()).toContain('Webinar: Forecasting Without Spreadsheets');
    expect(await aside.getByRole('button', { name: 'Good fit' }).count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'site-linkedin-company-account.png') });
    await page.close();
  });
});
