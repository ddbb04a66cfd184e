// `npm run demo`: opens Chromium with the built extension on bundled Gmail demo pages (served at mail.google.com from
// test/fixtures, nothing goes to the network). Headed when a display exists; otherwise headless, writing screenshots.
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hasDisplay } from './chromium.mjs';
import { THREAD_URL, activeTabId, launchLens, siteFixtures } from './lens-browser.mjs';

const headed = hasDisplay() && !process.argv.includes('--headless');
const outDir = resolve('demo-output');
const userDataDir = await mkdtemp(join(tmpdir(), 'smarketing-lens-demo-'));
const { context, extensionId, worker } = await launchLens({ userDataDir, headless: !headed });
const page = context.pages()[0] ?? (await context.newPage());
await page.goto(THREAD_URL.dana);
const sidebar = page.getByRole('complementary', { name: 'Smarketing Lens' });
await sidebar.getByRole('heading', { name: 'Recommended content' }).waitFor({ timeout: 20_000 });

const sites = (await siteFixtures()).filter((f) => f.contact);

if (headed) {
  // One tab per other sales surface, served from the fixtures at their real URLs.
  for (const { url } of sites) await (await context.newPage()).goto(url);
  await page.bringToFront();
  console.log(
    [
      'Smarketing Lens is running in the Chromium window.',
      '  • The open thread is from Dana Whitfield (known MQL). Click other threads in the inbox list, or go back to the inbox.',
      '  • Other tabs: LinkedIn, Sales Navigator, HubSpot, Salesforce and Pipedrive demo pages.',
      `  • Settings and Insights: chrome-extension://${extensionId}/options.html`,
      `  • Popup for this tab: chrome-extension://${extensionId}/popup.html (or the toolbar icon).`,
      'Close the browser window to finish.',
    ].join('\n'),
  );
  await new Promise((done) => context.on('close', done));
  process.exit(0);
}

await mkdir(outDir, { recursive: true });
const shots = [];
const shot = async (target, name) => {
  const path = join(outDir, name);
  await target.screenshot({ path });
  shots.push(path);
};
await shot(page, '1-gmail-known-contact.png');
for (const [url, name, who] of [
  [THREAD_URL.priya, '2-gmail-thread-switch.png', 'Priya Raman'],
  [THREAD_URL.unknown, '3-gmail-unknown-contact.png', 'Lee Morgan'],
]) {
  await page.evaluate((next) => (location.href = next), url);
  await sidebar.getByText(who, { exact: true }).waitFor();
  await sidebar.getByRole('heading', { name: 'Recommended content' }).waitFor();
  await shot(page, name);
}
await page.evaluate((next) => (location.href = next), THREAD_URL.dana);
await sidebar.getByText('Dana Whitfield', { exact: true }).waitFor();
const tabId = await activeTabId(worker);
const popup = await context.newPage();
await popup.setViewportSize({ width: 360, height: 560 });
await popup.goto(`chrome-extension://${extensionId}/popup.html?tabId=${tabId}`);
await popup.getByRole('button', { name: 'Good fit' }).waitFor();
await shot(popup, '4-popup-feedback.png');
await popup.close();
for (const [i, { url, site, fixture }] of sites.entries()) {
  const tab = await context.newPage();
  await tab.goto(url);
  await tab.getByRole('complementary', { name: 'Smarketing Lens' }).getByRole('heading', { name: 'Recommended content' }).waitFor({ timeout: 20_000 });
  await shot(tab, `${5 + i}-${site}-${fixture.replace('.html', '')}.png`);
  await tab.close();
}
const options = await context.newPage();
await options.setViewportSize({ width: 1100, height: 1400 });
await options.goto(`chrome-extension://${extensionId}/options.html`);
await options.getByRole('heading', { name: 'Insights' }).waitFor();
await shot(options, `${5 + sites.length}-options-and-insights.png`);
await context.close();
console.log(['No display found, so the demo ran headless. Screenshots:', ...shots.map((s) => `  ${s}`)].join('\n'));
