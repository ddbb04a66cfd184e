import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { watchContact } from '../../lib/content/watch-contact';
import type { DetectedContactInput, SiteAdapter } from '../../lib/sites/contact';
import { gmailSite } from '../../lib/sites/gmail';
import { GMAIL_FIXTURES } from './helpers';

const fixture = (name: string) => new DOMParser().parseFromString(readFileSync(join(GMAIL_FIXTURES, name), 'utf8'), 'text/html');
const threadView = (doc: Document) => [...doc.querySelectorAll('div[role="main"]')].find((v) => !v.querySelector('tr.zA'))!;

function loadPage(name: string) {
  const doc = fixture(name);
  document.title = doc.title;
  document.body.replaceChildren(...[...doc.body.childNodes].map((n) => document.importNode(n, true)));
}

const flush = (ms = 80) => new Promise((r) => setTimeout(r, ms));

describe('watching the page for the contact', () => {
  let url: URL;
  let seen: (DetectedContactInput | null)[];
  let controller: AbortController;

  beforeEach(async () => {
    loadPage('2026-11-20-conversation.html');
    url = new URL('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWdanaNorthwindPricing40');
    seen = [];
    controller = new AbortController();
    void watchContact({ site: gmailSite, doc: document, currentUrl: () => url, signal: controller.signal, onChange: (c) => seen.push(c), debounceMs: 10 });
    await flush();
  });
  afterEach(() => controller.abort());

  it('reports the contact on start', () => {
    expect(seen.map((c) => c?.email)).toEqual(['dana.whitfield@northwind.example']);
  });

  it('follows the DOM: a URL change alone changes nothing until the next thread is drawn', async () => {
    url = new URL('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWpriyaContosoSecurity');
    await flush();
    expect(seen).toHaveLength(1);
    threadView(document).replaceWith(document.importNode(threadView(fixture('2026-11-20-conversation-display-name.html')), true));
    await flush();
    expect(seen.map((c) => c?.email)).toEqual(['dana.whitfield@northwind.example', 'priya.raman@contoso-health.example']);
  });

  it('reports no one when the rep goes back to the inbox, once per change', async () => {
    const list = document.querySelector('div[role="main"]')!;
    threadView(document).remove();
    list.removeAttribute('style');
    await flush();
    // Unrelated churn in the list does not report again.
    list.querySelector('tbody')!.append(document.createElement('tr'));
    await flush();
    expect(seen.map((c) => c?.email ?? null)).toEqual(['dana.whitfield@northwind.example', null]);
  });

  it('coalesces a burst of mutations into one detection', async () => {
    const spy = vi.spyOn(gmailSite, 'detect');
    const body = document.querySelector('.a3s')!;
    for (let i = 0; i < 1000; i++) body.append(document.createElement('span'));
    await flush();
    expect(spy.mock.calls.length).toBeLessThanOrEqual(2);
  });

  it('stops observing once aborted', async () => {
    controller.abort();
    threadView(document).remove();
    document.querySelector('div[role="main"]')!.removeAttribute('style');
    await flush();
    expect(seen).toHaveLength(1);
  });
});

describe('waiting for the site to draw', () => {
  it('gives up after its timeout and reports what it can see', async () => {
    document.body.replaceChildren();
    const seen: (DetectedContactInput | null)[] = [];
    const controller = new AbortController();
    await watchContact({
      site: gmailSite,
      doc: document,
      currentUrl: () => new URL('https://mail.google.com/mail/u/0/#inbox'),
      signal: controller.signal,
      onChange: (c) => seen.push(c),
      rootTimeoutMs: 30,
    });
    expect(seen).toEqual([null]);
  });

  it('starts as soon as the main view appears', async () => {
    document.body.replaceChildren();
    const seen: (DetectedContactInput | null)[] = [];
    const controller = new AbortController();
    void watchContact({
      site: gmailSite,
      doc: document,
      currentUrl: () => new URL('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWdanaNorthwindPricing40'),
      signal: controller.signal,
      onChange: (c) => seen.push(c),
      debounceMs: 5,
    });
    await flush(20);
    expect(seen).toEqual([]);
    loadPage('2026-11-20-conversation.html');
    await flush();
    expect(seen.map((c) => c?.email)).toEqual(['dana.whitfield@northwind.example']);
    controller.abort();
  });

  it('moves to the narrower area a site offers once it is drawn, and back to the fallback when it goes', async () => {
    document.body.replaceChildren();
    const detect = vi.fn<SiteAdapter['detect']>(() => null);
    const site: SiteAdapter = {
      id: 'pipedrive',
      // Like the CRM adapters: the record's area when there is one, else the body.
      findObservedRoot: (doc) => doc.querySelector('.record') ?? doc.body,
      detect,
      reserveSpace: () => undefined,
    };
    const controller = new AbortController();
    void watchContact({ site, doc: document, currentUrl: () => new URL('https://lumenary.pipedrive.com/person/318'), signal: controller.signal, onChange: () => undefined, debounceMs: 5 });
    await flush(20);
    const record = document.createElement('div');
    record.className = 'record';
    document.body.append(record);
    await flush(20);
    // Now only the record's area wakes detection up.
    detect.mockClear();
    document.body.append(document.createElement('aside'));
    await flush(20);
    expect(detect).not.toHaveBeenCalled();
    record.append(document.createElement('h1'));
    await flush(20);
    expect(detect).toHaveBeenCalled();
    // The area goes (another kind of page): back to the body.
    record.remove();
    await flush(20);
    detect.mockClear();
    document.body.append(document.createElement('section'));
    await flush(20);
    expect(detect).toHaveBeenCalled();
    controller.abort();
  });
});
