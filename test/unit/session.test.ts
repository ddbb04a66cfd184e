import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLensSession } from '../../lib/content/session';
import { redactedStructure, redactedUrl } from '../../lib/dom/redact';
import type { RequestFn } from '../../lib/messaging/client';
import { gmailSite } from '../../lib/sites/gmail';
import { GMAIL_FIXTURES, loadFixture } from './helpers';

function loadPage(name: string) {
  const doc = new DOMParser().parseFromString(readFileSync(join(GMAIL_FIXTURES, name), 'utf8'), 'text/html');
  document.title = doc.title;
  document.body.replaceChildren(...[...doc.body.childNodes].map((n) => document.importNode(n, true)));
}
const flush = (ms = 80) => new Promise((r) => setTimeout(r, ms));
const DANA_URL = new URL('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWdanaNorthwindPricing40');

describe('lens session', () => {
  let controller: AbortController;
  afterEach(() => controller.abort());

  it('looks the person up, and lets the rep switch to another person in the thread', async () => {
    loadPage('2026-11-20-conversation.html');
    controller = new AbortController();
    const asked: string[] = [];
    const request = (async (type: string, payload: { contact?: { email?: string } }) => {
      if (type === 'lens.lookup') asked.push(payload.contact?.email ?? '');
      return type === 'lens.lookup' ? { contact: {}, known: false, campaignTouches: [], recommendations: [] } : null;
    }) as unknown as RequestFn;
    const session = startLensSession({ site: gmailSite, doc: document, currentUrl: () => DANA_URL, request, signal: controller.signal });
    await flush();
    expect(session.state.value.kind).toBe('ready');
    session.choose({ email: 'jonah.reyes@northwind.example', name: 'Jonah Reyes' });
    await flush(10);
    const state = session.state.value;
    expect(asked).toEqual(['dana.whitfield@northwind.example', 'jonah.reyes@northwind.example']);
    expect(state.kind === 'ready' && state.contact.others).toEqual([{ email: 'dana.whitfield@northwind.example', name: 'Dana Whitfield' }]);
  });

  it('says so, with a redacted report, when a conversation page has no markup it knows', async () => {
    loadPage('2026-11-20-conversation.html');
    for (const el of document.querySelectorAll('[email]')) el.removeAttribute('email');
    controller = new AbortController();
    const request = (async () => null) as unknown as RequestFn;
    const session = startLensSession({ site: gmailSite, doc: document, currentUrl: () => DANA_URL, request, signal: controller.signal, settleMs: 30 });
    await flush(20);
    expect(session.state.value.kind).toBe('none');
    await flush(60);
    const state = session.state.value;
    expect(state.kind).toBe('unrecognized');
    const report = state.kind === 'unrecognized' ? state.report : '';
    expect(report).toContain('could not find a person on a gmail page');
    expect(report).toContain('h2.hP[data-thread-perm-id]');
    expect(report).not.toMatch(/@|Dana|Whitfield|Pricing|warehouse|FMfcgz/);
  });

  it('from one person to the next: no dimming for a fast answer, dimming for a slow one, no verdicts meanwhile', async () => {
    loadPage('2026-11-20-conversation.html');
    controller = new AbortController();
    const answers: (() => void)[] = [];
    const request = ((type: string) =>
      type === 'lens.lookup'
        ? new Promise((resolve) => answers.push(() => resolve({ contact: {}, known: false, campaignTouches: [], recommendations: [] })))
        : Promise.resolve(null)) as unknown as RequestFn;
    const session = startLensSession({ site: gmailSite, doc: document, currentUrl: () => DANA_URL, request, signal: controller.signal, dimDelayMs: 30 });
    await flush();
    answers.shift()!();
    await flush(0);
    expect(session.state.value.kind).toBe('ready');
    expect(session.pending()).toBe(false);
    const dimmed: boolean[] = [];
    session.stale.subscribe((value) => dimmed.push(value));

    // A fast answer: the next lens replaces this one, never dimmed, and nothing is taken meanwhile.
    session.choose({ email: 'jonah.reyes@northwind.example', name: 'Jonah Reyes' });
    expect(session.pending()).toBe(true);
    answers.shift()!();
    await flush(50);
    expect(session.pending()).toBe(false);
    expect(dimmed.filter(Boolean)).toEqual([]);

    // A slow one: dimmed once it is late, then current again.
    session.choose({ email: 'dana.whitfield@northwind.example', name: 'Dana Whitfield' });
    await flush(50);
    expect(session.stale.value).toBe(true);
    expect(session.pending()).toBe(true);
    answers.shift()!();
    await flush(0);
    expect(session.stale.value).toBe(false);
    expect(session.pending()).toBe(false);
  });

  it('stays quiet on pages that promise no one (the inbox)', async () => {
    loadPage('2026-11-20-inbox.html');
    controller = new AbortController();
    const request = (async () => null) as unknown as RequestFn;
    const session = startLensSession({
      site: gmailSite,
      doc: document,
      currentUrl: () => new URL('https://mail.google.com/mail/u/0/#inbox'),
      request,
      signal: controller.signal,
      settleMs: 20,
    });
    await flush(80);
    expect(session.state.value.kind).toBe('none');
  });
});

describe('redaction', () => {
  it('keeps structure and drops every name, address and text', () => {
    const doc = loadFixture('2026-11-20-conversation.html');
    const out = redactedStructure(doc.body);
    expect(out).toContain('span.gD[email][name][data-hovercard-id]');
    expect(out).toContain('div.nH[role="main"][style=display:none]');
    expect(out).not.toMatch(/@|Dana|Sam Patel|Thursday|Google Account/);
  });

  it('scrubs ids from URLs', () => {
    expect(redactedUrl(DANA_URL)).toBe('https://mail.google.com/mail/u/…/#inbox/…');
    expect(redactedUrl(new URL('https://x.lightning.force.com/lightning/r/Contact/003Hs00000AbCdEIAZ/view?a=1'))).toBe(
      'https://x.lightning.force.com/lightning/r/Contact/…/view',
    );
  });
});
