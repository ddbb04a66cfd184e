// Starts Chromium with the built extension and serves the Gmail fixture pages at their real URL.
// Used by the end-to-end tests and by `npm run demo`.
import { readFile, readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { ensureChromium } from './chromium.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const EXTENSION_DIR = join(ROOT, '.output', 'chrome-mv3');
/** The test build with short delivery timings (`npm run build:reliability`). */
export const RELIABILITY_EXTENSION_DIR = join(ROOT, '.output', 'chrome-mv3-reliability');
/** The test build whose manifest grants https://crm.lumenary-test.example/* (`npm run build:custom-crm`). */
export const CUSTOM_CRM_EXTENSION_DIR = join(ROOT, '.output', 'chrome-mv3-custom-crm');
const FIXTURES = join(ROOT, 'test', 'fixtures');
const SIMULATOR = join(ROOT, 'test', 'e2e', 'gmail-simulator.js');

export const GMAIL_APP_URL = 'https://mail.google.com/mail/u/0/';
export const THREAD_URL = {
  inbox: `${GMAIL_APP_URL}#inbox`,
  dana: `${GMAIL_APP_URL}#inbox/FMfcgzQXJWdanaNorthwindPricing40`,
  priya: `${GMAIL_APP_URL}#inbox/FMfcgzQXJWpriyaContosoSecurity`,
  unknown: `${GMAIL_APP_URL}#inbox/FMfcgzQXJWleeBrightfieldIntro`,
  internal: `${GMAIL_APP_URL}#inbox/FMfcgzQXJWinternalPipelineQ4`,
};

/**
 * @param {{ userDataDir: string, headless?: boolean, extensionDir?: string }} options
 * @returns {Promise<{ context: import('playwright-core').BrowserContext, extensionId: string, worker: import('playwright-core').Worker }>}
 */
export async function launchLens({ userDataDir, headless = true, extensionDir = EXTENSION_DIR }) {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: ensureChromium(),
    headless,
    viewport: { width: 1440, height: 900 },
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  await routeOffline(context);
  await routeSiteFixtures(context);
  await routeGmail(context);
  return { context, extensionId, worker };
}

/** Anything not answered from the fixtures fails at once, like the closed network it is (routes added later win). */
async function routeOffline(context) {
  await context.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.abort('internetdisconnected'));
}

/** Each LinkedIn and CRM fixture at the real URL its expected result names. */
export async function routeSiteFixtures(context) {
  for (const site of ['linkedin', 'hubspot', 'salesforce', 'pipedrive']) {
    const dir = join(FIXTURES, site);
    for (const name of await readdir(dir)) {
      if (!name.endsWith('.expected.json')) continue;
      const { url } = JSON.parse(await readFile(join(dir, name), 'utf8'));
      const body = await readFile(join(dir, name.replace('.expected.json', '.html')), 'utf8');
      const page = new URL(url);
      await context.route((candidate) => candidate.origin === page.origin && candidate.pathname === page.pathname, (route) =>
        route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }),
      );
    }
  }
}

/** Every fixture page with its expected contact, for tests and the demo. */
export async function siteFixtures() {
  const out = [];
  for (const site of ['linkedin', 'hubspot', 'salesforce', 'pipedrive']) {
    const dir = join(FIXTURES, site);
    for (const name of (await readdir(dir)).toSorted()) {
      if (!name.endsWith('.expected.json')) continue;
      const { url, contact } = JSON.parse(await readFile(join(dir, name), 'utf8'));
      out.push({ site, fixture: name.replace('.expected.json', '.html'), url, contact });
    }
  }
  return out;
}

/** Answers every mail.google.com request from the fixtures; nothing reaches the network. */
export async function routeGmail(context) {
  const shell = await readFile(join(FIXTURES, 'gmail', '2026-11-20-inbox.html'), 'utf8');
  const simulator = await readFile(SIMULATOR, 'utf8');
  await context.route('https://mail.google.com/**', async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname.startsWith('/__fixtures/')) {
      const file = resolve(FIXTURES, url.pathname.slice('/__fixtures/'.length));
      if (!file.startsWith(FIXTURES)) return route.fulfill({ status: 404 });
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: await readFile(file, 'utf8') });
    }
    if (/^\/mail\/(u\/\d+\/)?$/.test(url.pathname)) {
      const body = shell.replace('</body>', `<script>${simulator}</script>\n</body>`);
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
    }
    return route.fulfill({ status: 404, body: 'not in the fixtures' });
  });
}

/** Stops the extension's service worker, as Chrome does when it is idle (DevTools protocol, from an extension page). */
export async function stopServiceWorker(context, extensionPage) {
  const cdp = await context.newCDPSession(extensionPage);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

/** The id of the active tab, as the popup would see it. */
export async function activeTabId(worker) {
  return worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tab?.id;
  });
}
