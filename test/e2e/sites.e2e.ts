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
const KNOWN = new Set(['Priya Raman', 'Marcus Oyelaran', 'Victor Santos', 'Grace Liu', 'Katrin Vogel']);

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

  it('shows no person on a company page (no account view yet)', async () => {
    const company = fixtures.find((f) => f.contact?.pageKind === 'company')!;
    const page = await context.newPage();
    await page.goto(company.url);
    await expect.poll(() => sidebar(page).textContent(), { timeout: 15_000 }).toContain('Open a conversation');
    await page.close();
  });
});
