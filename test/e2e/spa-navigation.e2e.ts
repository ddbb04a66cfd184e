import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { THREAD_URL, launchLens } from '../../scripts/lens-browser.mjs';

/**
 * Product requirement (issue 5): navigating inside each single-page app updates the sidebar within 300 ms.
 *
 * Each app's in-page navigation is done the way the app does it: `history.pushState` to the next record's URL and,
 * in the same task, the record area swapped for the next fixture's (Salesforce: a new page host made active while
 * the old one stays hidden in the DOM, and back by moving `active` only). The clock runs in the page: from just
 * before `pushState` to the MutationObserver callback on the sidebar's shadow root that sees the new name, so
 * Playwright's own latency is not in it. The next fixture is parsed and imported before the clock starts: building
 * the DOM is the harness's work, inserting it is the app's.
 */

const LIMIT_MS = 300;
const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

/** How the app swaps one record for the next. Selectors describe the fixtures (test knowledge, not product code). */
type Swap =
  /** Each element replaced by the next page's element matching the same selector. */
  | { replace: string[]; remove?: string[] }
  /** The element's children replaced by those of the next page's element (an outlet that stays). */
  | { children: string }
  /** A new page host appended to `container` and made the only `active` one; back to a cached one by class only. */
  | { tabs: { container: string; pane: string } };

interface Stop {
  url: string;
  name: string;
  /** test/fixtures/<file> holding this record's page. */
  fixture: string;
}

interface SiteCase {
  site: string;
  a: Stop;
  b: Stop;
  swap: Swap;
}

const CASES: SiteCase[] = [
  {
    site: 'Gmail',
    a: { url: THREAD_URL.dana, name: 'Dana Whitfield', fixture: 'gmail/2026-11-20-conversation.html' },
    b: { url: THREAD_URL.priya, name: 'Priya Raman', fixture: 'gmail/2026-11-20-conversation-display-name.html' },
    // The open thread's view; the inbox list stays hidden beside it.
    swap: { replace: ['div[role="main"]:not(:has(tr.zA))'] },
  },
  {
    site: 'LinkedIn',
    a: { url: 'https://www.linkedin.com/in/eduardo-alvarez-nowak/', name: 'Eduardo Alvarez Nowak', fixture: 'linkedin/2024-07-12-profile-a.html' },
    b: {
      url: 'https://www.linkedin.com/in/sri-lalitha-jeevanige-35520a61/',
      name: 'Sri Lalitha Jeevanige',
      fixture: 'linkedin/2024-07-12-profile-b.html',
    },
    // The app outlet stays; the page inside it is swapped.
    swap: { children: 'div.application-outlet' },
  },
  {
    site: 'HubSpot',
    a: { url: 'https://app.hubspot.com/contacts/4817263/record/0-1/1204518', name: 'Priya Raman', fixture: 'hubspot/2026-11-20-contact-record.html' },
    b: {
      url: 'https://app.hubspot.com/contacts/4817263/record/0-1/1204533',
      name: 'Liam Tremblay',
      fixture: 'hubspot/2026-11-23-contact-record-associated.html',
    },
    // Opening another record closes the preview panel.
    swap: { replace: ['main.record'], remove: ['[data-selenium-test="sidebar-preview-panel"]'] },
  },
  {
    site: 'Salesforce',
    a: { url: 'https://lumenary.lightning.force.com/lightning/r/Contact/003Hs00004PqRmZIAV/view', name: 'Marcus Oyelaran', fixture: 'salesforce/2026-11-20-contact.html' },
    b: { url: 'https://lumenary.lightning.force.com/lightning/r/Lead/00QHs00001XyVtSMAV/view', name: 'Victor Santos', fixture: 'salesforce/2026-11-20-lead.html' },
    swap: { tabs: { container: '.lafSinglePaneWindowManager', pane: '.windowViewMode-normal' } },
  },
  {
    site: 'Pipedrive',
    a: { url: 'https://lumenary.pipedrive.com/person/318', name: 'Grace Liu', fixture: 'pipedrive/2026-11-20-person.html' },
    b: { url: 'https://lumenary.pipedrive.com/person/322', name: 'Raj Patel', fixture: 'pipedrive/2026-11-23-person-second.html' },
    swap: { replace: ['.detailView'] },
  },
];

/**
 * Runs in the page: navigates in place to `url`, swapping in `html`'s record, and resolves with the milliseconds until
 * the sidebar shows `name` (rejects after 5 s, so a sidebar that never follows fails instead of hanging).
 */
function navigateInPage({ url, html, name, swap }: { url: string; html: string; name: string; swap: Swap }): Promise<number> {
  const next = new DOMParser().parseFromString(html, 'text/html');
  const imported = (el: Element | null) => (el ? document.importNode(el, true) : null);
  let apply: () => void;
  if ('replace' in swap) {
    const pairs = swap.replace.map((css) => [document.querySelector(css)!, imported(next.querySelector(css))!] as const);
    const removed = (swap.remove ?? []).flatMap((css) => [...document.querySelectorAll(css)]);
    apply = () => {
      for (const [current, replacement] of pairs) current.replaceWith(replacement);
      for (const el of removed) el.remove();
    };
  } else if ('children' in swap) {
    const outlet = document.querySelector(swap.children)!;
    const children = [...next.querySelector(swap.children)!.childNodes].map((n) => document.importNode(n, true));
    apply = () => outlet.replaceChildren(...children);
  } else {
    const { container, pane } = swap.tabs;
    const host = document.querySelector(container)!;
    // Page hosts are tagged with the URL they show, so going back finds the cached one, as Lightning does.
    for (const el of host.querySelectorAll(`:scope > ${pane}.active`)) el.setAttribute('data-test-url', el.getAttribute('data-test-url') ?? location.href);
    const cached = host.querySelector(`:scope > ${pane}[data-test-url="${url}"]`);
    const fresh = cached ? null : imported(next.querySelector(`${container} > ${pane}.active`));
    fresh?.setAttribute('data-test-url', url);
    apply = () => {
      for (const el of host.querySelectorAll(`:scope > ${pane}.active`)) el.classList.remove('active');
      if (fresh) host.append(fresh);
      else cached!.classList.add('active');
    };
  }

  const shadow = document.querySelector('smarketing-lens')!.shadowRoot!;
  const shown = () => shadow.querySelector('.contact-name')?.textContent === name;
  return new Promise((resolve, reject) => {
    let start = 0;
    const observer = new MutationObserver(() => {
      if (!shown()) return;
      const elapsed = performance.now() - start;
      observer.disconnect();
      clearTimeout(timer);
      resolve(elapsed);
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`the sidebar did not show ${name} within 5 s`));
    }, 5000);
    observer.observe(shadow, { subtree: true, childList: true, characterData: true });
    start = performance.now();
    history.pushState(null, '', url);
    apply();
    document.title = next.title;
  });
}

let userDataDir: string;
let context: BrowserContext;
const results: string[] = [];

beforeAll(async () => {
  userDataDir = await mkdtemp(join(tmpdir(), 'lens-spa-'));
  ({ context } = await launchLens({ userDataDir }));
});
afterAll(async () => {
  console.log(`\nIn-page navigation → sidebar shows the new person (limit ${LIMIT_MS} ms)\n${results.join('\n')}\n`);
  await context?.close();
  await rm(userDataDir, { recursive: true, force: true });
});

const contactName = (page: Page) => page.locator('smarketing-lens .contact-name');

describe(`navigation inside each single-page app updates the sidebar within ${LIMIT_MS} ms`, () => {
  it.each(CASES)('$site: $a.name → $b.name → back → again', async ({ site, a, b, swap }) => {
    const html = { a: await readFile(join(FIXTURES, a.fixture), 'utf8'), b: await readFile(join(FIXTURES, b.fixture), 'utf8') };
    const page = await context.newPage();
    await page.goto(a.url);
    await expect.poll(() => contactName(page).textContent(), { timeout: 15_000 }).toBe(a.name);

    const timings: number[] = [];
    for (const [to, body] of [[b, html.b], [a, html.a], [b, html.b]] as const) {
      const ms = await page.evaluate(navigateInPage, { url: to.url, html: body, name: to.name, swap });
      timings.push(ms);
      expect(page.url()).toBe(to.url);
    }
    if ('tabs' in swap) {
      // Lightning keeps every visited record's page host, hidden; only the current one is active.
      const { container, pane } = swap.tabs;
      const hosts = await page.evaluate((css) => [...document.querySelectorAll(css)].map((el) => el.classList.contains('active')), `${container} > ${pane}`);
      expect(hosts.length).toBeGreaterThanOrEqual(3);
      expect(hosts.filter(Boolean)).toHaveLength(1);
    }
    results.push(`| ${site} | ${timings.map((t) => `${t.toFixed(0)} ms`).join(' | ')} |`);
    for (const ms of timings) expect(ms, `${site}: ${timings.map((t) => t.toFixed(1)).join(', ')} ms`).toBeLessThanOrEqual(LIMIT_MS);
    // One sidebar, the same page: no reload happened.
    expect(await page.locator('smarketing-lens').count()).toBe(1);
    await page.close();
  });
});
