import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page, Worker } from 'playwright-core';
import { THREAD_URL, activeTabId, launchLens } from '../../scripts/lens-browser.mjs';

const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');

let userDataDir: string;
let context: BrowserContext;
let worker: Worker;
let extensionId: string;

async function launch() {
  ({ context, worker, extensionId } = await launchLens({ userDataDir }));
}

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  userDataDir = await mkdtemp(join(tmpdir(), 'lens-e2e-'));
  await launch();
});

afterAll(async () => {
  await context?.close();
  await rm(userDataDir, { recursive: true, force: true });
});

const sidebar = (page: Page) => page.getByRole('complementary', { name: 'Smarketing Lens' });
const section = (page: Page, heading: string): Locator =>
  sidebar(page).locator('section').filter({ has: page.getByRole('heading', { name: heading, exact: true }) });

describe('Gmail conversation → sidebar', () => {
  let page: Page;

  it('shows the prospect of an open conversation with all four sections filled from the demo data', async () => {
    page = await context.newPage();
    await page.goto(THREAD_URL.dana);
    const aside = sidebar(page);
    await expect.poll(() => aside.getByText('Dana Whitfield', { exact: true }).count(), { timeout: 15_000 }).toBe(1);
    await aside.getByText('dana.whitfield@northwind.example').waitFor();

    for (const heading of ['Lead score', 'Campaign history', 'Persona', 'Recommended content']) {
      await expect.poll(() => section(page, heading).count()).toBe(1);
    }
    const score = section(page, 'Lead score');
    expect(await score.getByLabel(/^Score \d+ out of 100$/).count()).toBe(1);
    expect(await score.textContent()).toMatch(/Fit\s*\d+\/50 · grade [A-D]/);
    expect(await score.textContent()).toMatch(/Engagement\s*\d+\/50 · level [1-3]/);
    expect(await score.getByText('MQL', { exact: true }).count()).toBe(1);
    expect(await score.textContent()).toMatch(/Follow-up (due in|overdue by)|Follow up within/);

    const history = section(page, 'Campaign history');
    // The earlier touches are built when the rep opens them.
    await history.getByText(/^\d+ earlier touch(es)?$/).click();
    const dates = await history.locator('time').evaluateAll((els) => els.map((el) => el.getAttribute('datetime') ?? ''));
    expect(dates.length).toBeGreaterThanOrEqual(8);
    expect(dates.toSorted().toReversed()).toEqual(dates);
    const historyText = await history.textContent();
    for (const campaign of ['Webinar: Forecasting Without Spreadsheets', 'Ops Efficiency Nurture 2026'])
      expect(historyText).toContain(campaign);

    const persona = section(page, 'Persona');
    expect(await persona.textContent()).toContain('Operations Leader');
    expect(await persona.textContent()).toMatch(/Why: title mentions/);

    const content = section(page, 'Recommended content');
    const items = content.locator('li');
    expect(await items.count()).toBeGreaterThanOrEqual(3);
    // The thread asks for pricing: the top pick says so, and the pricing sheet is among the picks.
    expect(await items.first().textContent()).toContain('Matches "pricing" in this thread');
    expect(await items.allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('Pricing sheet')]));
    const open = items.first().getByRole('link', { name: 'Open' });
    expect(await open.getAttribute('href')).toMatch(/^https:\/\/lumenary\.example\//);
    expect(await items.first().getByRole('button', { name: 'Copy link' }).count()).toBe(1);

    await page.screenshot({ path: join(ARTIFACTS, 'sidebar-known-contact.png') });
  });

  it('covers none of Gmail’s own controls, and collapses to a slim tab named "Smarketing Lens"', async () => {
    const controls = ['Settings', 'Support', 'Google apps', 'Calendar', 'Keep', 'Tasks', 'Get add-ons'];
    const hidden = async () =>
      page.evaluate((labels) => {
        const out: string[] = [];
        for (const label of labels) {
          const el = document.querySelector(`[aria-label="${label}"]`)!;
          const box = el.getBoundingClientRect();
          const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
          if (!top || !(el === top || el.contains(top))) out.push(label);
        }
        const account = document.querySelector('a[aria-label^="Google Account"]')!.getBoundingClientRect();
        const hit = document.elementFromPoint(account.left + account.width / 2, account.top + account.height / 2);
        if (!hit?.closest('a[aria-label^="Google Account"]')) out.push('Google Account');
        return out;
      }, controls);
    expect(await hidden()).toEqual([]);

    await sidebar(page).getByRole('button', { name: 'Collapse sidebar' }).click();
    const tab = page.getByRole('button', { name: 'Smarketing Lens', exact: true });
    await tab.waitFor();
    expect(await sidebar(page).count()).toBe(0);
    expect(await hidden()).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'sidebar-collapsed.png') });
    await tab.click();
    await sidebar(page).waitFor();
  });

  it('follows an in-page switch to another thread, and back to the inbox, without a reload', async () => {
    const marker = await page.evaluate(() => ((window as unknown as { lensMarker: number }).lensMarker = Math.random()));
    await page.evaluate((url) => (location.href = url), THREAD_URL.priya);
    const aside = sidebar(page);
    await expect.poll(() => aside.getByText('Priya Raman', { exact: true }).count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(async () => section(page, 'Lead score').textContent()).toContain('SQL');
    expect(await aside.getByText('Dana Whitfield').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { lensMarker: number }).lensMarker)).toBe(marker);

    await page.evaluate(() => (location.hash = '#inbox'));
    await expect.poll(() => aside.textContent()).toContain('Open a conversation');
    expect(await page.evaluate(() => (window as unknown as { lensMarker: number }).lensMarker)).toBe(marker);
    expect(await page.locator('smarketing-lens').count()).toBe(1);
  });

  it('shows an unknown person with the page’s name and address, "Not in your marketing data", and general picks', async () => {
    await page.evaluate((url) => (location.href = url), THREAD_URL.unknown);
    const aside = sidebar(page);
    await expect.poll(() => aside.getByText('Lee Morgan', { exact: true }).count(), { timeout: 10_000 }).toBe(1);
    expect(await aside.getByText('lee.morgan@brightfield.example').count()).toBe(1);
    expect(await aside.getByText('Not in your marketing data', { exact: true }).count()).toBe(1);
    expect(await section(page, 'Recommended content').locator('li').count()).toBeGreaterThanOrEqual(1);
    expect(await aside.getByRole('alert').count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'sidebar-unknown-contact.png') });
  });
});

describe('Gmail: more than one person', () => {
  it('lets the rep switch to another external person in the thread', async () => {
    const page = await context.newPage();
    await page.goto(THREAD_URL.dana);
    const aside = sidebar(page);
    await expect.poll(() => aside.getByText('Dana Whitfield', { exact: true }).count(), { timeout: 15_000 }).toBe(1);
    await aside.getByRole('button', { name: 'Jonah Reyes' }).click();
    await expect.poll(() => aside.locator('.contact-name').textContent()).toBe('Jonah Reyes');
    await expect.poll(() => section(page, 'Persona').textContent()).toContain('Operations Leader');
    expect(await aside.getByRole('button', { name: 'Dana Whitfield' }).count()).toBe(1);
    await page.close();
  });

  it('follows the recipients of a new message as the compose window opens', async () => {
    const page = await context.newPage();
    await page.goto(`${THREAD_URL.inbox}`);
    const aside = sidebar(page);
    await expect.poll(() => aside.textContent(), { timeout: 15_000 }).toContain('Open a conversation');
    await page.evaluate(() => (location.hash = '#inbox?compose=new'));
    await expect.poll(() => aside.locator('.contact-name').textContent(), { timeout: 10_000 }).toBe('Raj Patel');
    expect(await aside.getByText('raj.patel@tailspin.example').count()).toBe(1);
    // The compose window sits in a fixed dock: it is moved clear of the sidebar too.
    const covered = await page.evaluate(() => {
      const dialog = document.querySelector('.dw [role="dialog"]')!.getBoundingClientRect();
      const hit = document.elementFromPoint(dialog.right - 8, dialog.top + dialog.height / 2);
      return !hit?.closest('[role="dialog"]');
    });
    expect(covered).toBe(false);
    await page.screenshot({ path: join(ARTIFACTS, 'sidebar-compose.png') });
    await page.close();
  });

  it('says so in one line, with a redacted report, when Gmail’s markup is not what Lens knows', async () => {
    const page = await context.newPage();
    await page.goto(THREAD_URL.dana);
    const aside = sidebar(page);
    await expect.poll(() => aside.getByText('Dana Whitfield', { exact: true }).count(), { timeout: 15_000 }).toBe(1);
    // Simulate a Gmail redesign: the message headers lose the attributes Lens reads.
    await page.evaluate(() => {
      for (const el of document.querySelectorAll('[role="main"] [email]')) el.removeAttribute('email');
    });
    await aside.getByText("Lens can't find the person on this page").waitFor({ timeout: 10_000 });
    expect(await aside.getByRole('button', { name: 'Copy report for support' }).count()).toBe(1);
    await page.close();
  });
});

describe('popup feedback', () => {
  it('records one-click feedback for the tab’s contact, confirms, undoes, and keeps it across a browser restart', async () => {
    const gmail = await context.newPage();
    await gmail.goto(THREAD_URL.dana);
    await expect.poll(() => sidebar(gmail).getByText('Dana Whitfield', { exact: true }).count(), { timeout: 15_000 }).toBe(1);
    const tabId = await activeTabId(worker);
    expect(tabId).toBeGreaterThan(0);

    const popup = await context.newPage();
    await popup.setViewportSize({ width: 360, height: 600 });
    await popup.goto(`chrome-extension://${extensionId}/popup.html?tabId=${tabId}`);
    await popup.getByText('dana.whitfield@northwind.example').waitFor();

    // Undo removes it.
    await popup.getByRole('button', { name: 'Bad fit' }).click();
    await popup.getByRole('status').getByText(/Saved “Bad fit” for Dana Whitfield/).waitFor();
    await popup.getByRole('button', { name: 'Undo' }).click();
    await popup.getByRole('status').getByText('Removed “Bad fit”.').waitFor();

    await popup.getByLabel('Reason (optional)').selectOption({ label: 'Too early' });
    await popup.getByLabel('Note (optional)').fill('Budget opens in Q1 <script>alert(1)</script>');
    await popup.getByRole('button', { name: 'Good fit' }).click();
    await popup.getByRole('status').getByText(/Saved “Good fit” for Dana Whitfield \(source: Webinar: Forecasting Without Spreadsheets\)/).waitFor();
    await popup.getByText('Budget opens in Q1 <script>alert(1)</script>').waitFor();
    // No webhook is set: the item says it stays in this browser.
    await popup.getByText('kept in this browser').waitFor();
    // Verdicts can be changed later.
    await popup.getByLabel('Change to').selectOption({ label: 'Not ready' });
    await popup.getByRole('status').getByText('Changed to “Not ready”.').waitFor();
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-feedback.png') });

    await context.close();
    await launch();
    const stored = await worker.evaluate(
      () =>
        new Promise<unknown[]>((resolve, reject) => {
          const open = indexedDB.open('smarketing-lens');
          open.addEventListener('success', () => {
            const req = open.result.transaction('feedback').objectStore('feedback').getAll();
            req.addEventListener('success', () => resolve(req.result));
            req.addEventListener('error', () => reject(req.error));
          });
          open.addEventListener('error', () => reject(open.error));
        }),
    );
    expect(stored).toEqual([
      expect.objectContaining({
        contactEmail: 'dana.whitfield@northwind.example',
        verdict: 'not_ready',
        editedAt: expect.stringMatching(/^\d{4}-/),
        reason: 'too_early',
        note: 'Budget opens in Q1 <script>alert(1)</script>',
        sourceCampaignId: 'cmp-webinar-forecast',
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      }),
    ]);
  });

  it('with no contact in the tab, says so and lists the contacts seen last', async () => {
    const blank = await context.newPage();
    await blank.goto('about:blank');
    const tabId = await activeTabId(worker);
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html?tabId=${tabId}`);
    await popup.getByText('No contact detected in this tab.').waitFor();
    const recent = popup.locator('section', { has: popup.getByRole('heading', { name: 'Recently seen' }) });
    await expect.poll(() => recent.getByRole('button').allTextContents()).toEqual(
      expect.arrayContaining(['Dana Whitfield', 'Lee Morgan', 'Priya Raman']),
    );
    expect((await recent.getByRole('button').allTextContents())[0]).toBe('Dana Whitfield');
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-no-contact.png') });
  });
});
