import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { THREAD_URL, launchLens } from '../../scripts/lens-browser.mjs';
import { Receiver } from '../support/receiver';

const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');
const SECRET = 'e2e-signing-secret-0123456789';

let userDataDir: string;
let context: BrowserContext;
let extensionId: string;
let receiver: Receiver;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  receiver = new Receiver(SECRET);
  receiver.cors = true; // no host permission is granted in headless Chromium: the receiver answers CORS
  await receiver.start();
  userDataDir = await mkdtemp(join(tmpdir(), 'lens-loop-'));
  ({ context, extensionId } = await launchLens({ userDataDir }));
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://mail.google.com' });
});

afterAll(async () => {
  await context?.close();
  await receiver?.stop();
  await rm(userDataDir, { recursive: true, force: true });
});

const sidebar = (page: Page) => page.getByRole('complementary', { name: 'Smarketing Lens' });

describe('the loop back to marketing', () => {
  it('refuses a webhook that is not https, and saves one with a signing secret', async () => {
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await options.getByLabel('Webhook URL').fill('http://hooks.example/lens');
    await options.getByLabel('Signing secret').fill(SECRET);
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await options.getByRole('alert').getByText(/url must start with https:\/\/ \(http:\/\/ only for localhost or 127\.0\.0\.1\)/).waitFor();

    await options.getByLabel('Webhook URL').fill(receiver.url);
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await options.getByRole('status').getByText('Saved. Feedback and content usage now go to this webhook.').waitFor();
    await options.getByRole('button', { name: 'Send test event' }).click();
    await options.getByRole('status').getByText(/The receiver accepted the test event \(HTTP 200\)/).waitFor();
    expect(receiver.badSignatures).toBe(0);
    await options.screenshot({ path: join(ARTIFACTS, 'options-webhook.png') });
    await options.close();
  });

  it('delivers sidebar feedback and content usage to the receiver, signed, once each', async () => {
    const page = await context.newPage();
    await page.goto(THREAD_URL.dana);
    const aside = sidebar(page);
    await expect.poll(() => aside.getByText('Dana Whitfield', { exact: true }).count(), { timeout: 15_000 }).toBe(1);

    // Recommendations shown are reported as "shown" with their rank.
    await expect.poll(() => receiver.events.filter((e) => e.type === 'usage' && e.action === 'shown').length, { timeout: 15_000 }).toBe(3);

    await aside.locator('li').filter({ hasText: 'Matches "pricing"' }).first().getByRole('button', { name: 'Copy link' }).click();
    await aside.getByRole('button', { name: 'Copied' }).waitFor();
    const [opened] = await Promise.all([context.waitForEvent('page'), aside.getByRole('link', { name: 'Open' }).nth(1).click()]);
    await opened.close();

    // The rep starts a new message and puts the third pick in it, at the caret.
    await page.evaluate(() => (location.hash = '#inbox/FMfcgzQXJWdanaNorthwindPricing40?compose=new'));
    const body = page.locator('.dw [role="textbox"]');
    await body.click();
    await page.keyboard.type('Hi Dana, as promised: ');
    const third = aside.locator('.content-list > li').nth(2);
    const title = (await third.locator('.content-title').textContent())!;
    await third.getByRole('button', { name: 'Insert in email' }).click();
    await third.getByText('Inserted').waitFor();
    expect(await body.locator('a').getAttribute('href')).toMatch(/^https:\/\/lumenary\.example\//);
    // (An editable field keeps a typed trailing space as a no-break space.)
    expect((await body.textContent())?.replaceAll('\u00a0', ' ')).toBe(`Hi Dana, as promised: ${title} `);

    const note = 'Budget opens in Q1 🚀 <img src=x onerror=alert(1)> ميزانية';
    await aside.getByText('Add a reason or note').click();
    await aside.getByRole('button', { name: 'Too early' }).click();
    await aside.getByLabel('Note').fill(note);
    await aside.getByRole('button', { name: 'Not ready', exact: true }).click();
    await aside.getByRole('status').getByText('Saved “Not ready”.').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'sidebar-feedback.png') });

    // A verdict given by mistake and taken back at once.
    await aside.getByRole('button', { name: 'Bad fit', exact: true }).click();
    await aside.getByRole('button', { name: 'Undo' }).click();
    await aside.getByText('Took back “Bad fit”.').waitFor();

    await expect
      .poll(() => receiver.events.filter((e) => e.type === 'feedback' && e.verdict === 'not_ready').length, { timeout: 20_000 })
      .toBe(1);
    await expect.poll(() => receiver.events.filter((e) => e.type === 'usage' && e.action === 'link_copied').length, { timeout: 20_000 }).toBe(1);
    await expect.poll(() => receiver.events.filter((e) => e.type === 'usage' && e.action === 'opened').length, { timeout: 20_000 }).toBe(1);
    await expect.poll(() => receiver.events.filter((e) => e.type === 'usage' && e.action === 'inserted').length, { timeout: 20_000 }).toBe(1);
    expect(receiver.events.find((e) => e.type === 'usage' && e.action === 'inserted')).toMatchObject({ rank: 3 });
    expect(receiver.events.find((e) => e.type === 'usage' && e.action === 'opened')).toMatchObject({ rank: 2 });

    const feedback = receiver.events.find((e) => e.type === 'feedback' && e.verdict === 'not_ready')!;
    expect(feedback).toMatchObject({
      reason: 'too_early',
      note,
      contact: {
        key: 'dana.whitfield@northwind.example',
        email: 'dana.whitfield@northwind.example',
        name: 'Dana Whitfield',
        sourceCampaign: { id: 'cmp-webinar-forecast', name: 'Webinar: Forecasting Without Spreadsheets' },
      },
    });
    const copied = receiver.events.find((e) => e.type === 'usage' && e.action === 'link_copied')!;
    expect(copied).toMatchObject({ rank: 1, contact: { key: 'dana.whitfield@northwind.example' }, content: { url: expect.stringMatching(/^https:\/\//) } });

    // The taken-back verdict never counts: either it never left, or a withdrawal followed it. Delivery runs on its own
    // clock, so the verdict may have reached the receiver while its withdrawal is still on the way: wait for that.
    const unmatchedBadFit = () => {
      const badFit = receiver.events.filter((e) => e.type === 'feedback' && e.verdict === 'bad_fit');
      return badFit.length - 2 * badFit.filter((e) => e.withdrawn).length;
    };
    await expect.poll(unmatchedBadFit, { timeout: 20_000 }).toBe(0);
    expect(receiver.badSignatures).toBe(0);
    expect(receiver.duplicates).toBe(0);
    // The popup shows where the verdict is.
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await popup.getByText('No contact detected in this tab.').waitFor();
    await popup.getByRole('button', { name: 'Dana Whitfield' }).click();
    await popup.getByText('sent to marketing').waitFor();
    await popup.close();

    // The note was shown as text, never as markup.
    expect(await page.evaluate(() => document.querySelectorAll('img[src="x"]').length)).toBe(0);
  });

  it('shows what reps used and how they judged leads in Insights', async () => {
    const options = await context.newPage();
    await options.setViewportSize({ width: 1100, height: 1400 });
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    const insights = options.locator('section', { has: options.getByRole('heading', { name: 'Insights' }) });
    await insights.getByText(/6 content actions · 1 feedback item · good-fit rate 0%/).waitFor({ timeout: 10_000 });
    const copiedRow = insights.getByRole('row').filter({ has: options.getByRole('rowheader', { name: /Lumenary Pricing & Packaging 2026/ }) });
    expect(await copiedRow.getByRole('cell').allTextContents()).toEqual(['1', '0', '1', '0', '0%']);
    const campaignRow = insights.getByRole('row').filter({ has: options.getByRole('rowheader', { name: 'Webinar: Forecasting Without Spreadsheets' }) });
    expect(await campaignRow.getByRole('cell').allTextContents()).toEqual(['0', '0', '1', '0']);
    expect(await insights.getByRole('img', { name: 'Content usage per asset' }).count()).toBe(1);
    await options.screenshot({ path: join(ARTIFACTS, 'options-insights.png'), fullPage: true });
  });
});
