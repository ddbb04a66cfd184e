import { createBackgroundHandlers } from '../../lib/background/handlers';
import type { TabContacts } from '../../lib/background/service';
import { createRouter, type Sender } from '../../lib/messaging/router';
import type { TabContact } from '../../lib/messaging/protocol';
import { DEMO_NOW, seededDb } from './helpers';

const EXT_ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${EXT_ID}/`;
const contentSender: Sender = { id: EXT_ID, url: 'https://mail.google.com/mail/u/0/', tab: { id: 7 } };
const popupSender: Sender = { id: EXT_ID, url: `${ORIGIN}popup.html` };
const danaIdentity = { key: 'dana.whitfield@northwind.example', email: 'dana.whitfield@northwind.example' };
const dana = { site: 'gmail', pageKind: 'conversation', email: 'Dana.Whitfield@northwind.example', name: 'Dana Whitfield', topicHint: 'Re: Pricing' };

function memoryTabs(): TabContacts {
  const map = new Map<number, TabContact>();
  return {
    get: async (id) => map.get(id) ?? null,
    set: async (id, c) => void (c ? map.set(id, c) : map.delete(id)),
  };
}

async function setup() {
  const db = await seededDb();
  let n = 0;
  const errors: string[] = [];
  const getDb = async () => db;
  const route = createRouter(
    createBackgroundHandlers({
      db: getDb,
      tabs: memoryTabs(),
      now: () => DEMO_NOW,
      newId: () => `fb-${++n}`,
      destinations: { get: async () => null, set: async () => undefined },
      hasOriginPermission: async () => false,
      kick: () => undefined,
      fetch,
    }),
    { extensionId: EXT_ID, extensionOrigin: ORIGIN, onError: (type) => errors.push(type) },
  );
  return { route, db, errors };
}

describe('router: senders and payloads', () => {
  it('rejects messages from other extensions or web pages', async () => {
    const { route } = await setup();
    expect(await route({ type: 'lens.lookup', contact: dana }, { ...contentSender, id: 'someone-else' })).toEqual({
      ok: false,
      error: 'Rejected: the message did not come from this extension.',
    });
    expect(await route({ type: 'contacts.listRecent' }, { url: 'https://evil.example/' })).toMatchObject({ ok: false });
  });

  it('accepts content-script requests only from tabs, and page requests only from extension pages', async () => {
    const { route } = await setup();
    expect(await route({ type: 'lens.lookup', contact: dana }, popupSender)).toEqual({
      ok: false,
      error: 'Rejected: "lens.lookup" must come from a content script in a tab.',
    });
    expect(await route({ type: 'contacts.listRecent' }, contentSender)).toEqual({
      ok: false,
      error: `Rejected: "contacts.listRecent" may only come from the extension's own pages.`,
    });
    // An extension page opened in a tab is still an extension page.
    expect(await route({ type: 'contacts.listRecent' }, { ...popupSender, tab: { id: 3 } })).toMatchObject({ ok: true });
  });

  it.each([
    [null, 'Rejected: a message must be an object with a "type".'],
    ['lens.lookup', 'Rejected: a message must be an object with a "type".'],
    [{ type: 42 }, 'Rejected: a message must be an object with a "type".'],
    [{ type: 'db.dropEverything' }, 'Rejected: unknown message type "db.dropEverything".'],
    [{ type: 'toString' }, 'Rejected: unknown message type "toString".'],
  ])('answers %j with a clear error', async (message, error) => {
    const { route } = await setup();
    expect(await route(message, popupSender)).toEqual({ ok: false, error });
  });

  it('explains which field of a payload is wrong', async () => {
    const { route } = await setup();
    const bad = await route({ type: 'lens.lookup', contact: { ...dana, email: 'not-an-address' } }, contentSender);
    expect(bad).toEqual({ ok: false, error: 'Invalid "lens.lookup" message: contact.email is not an email address.' });
    const note = await route(
      { type: 'feedback.submit', feedback: { contact: { key: 'a@b.example', email: 'a@b.example' }, verdict: 'amazing' } },
      popupSender,
    );
    expect(note.ok).toBe(false);
    expect(!note.ok && note.error).toMatch(/^Invalid "feedback.submit" message: feedback.verdict /);
  });

  it('turns a failing handler into an error answer instead of a crash', async () => {
    const { route, db, errors } = await setup();
    db.close();
    const answer = await route({ type: 'contacts.listRecent' }, popupSender);
    expect(answer.ok).toBe(false);
    expect(errors).toEqual(['contacts.listRecent']);
  });
});

describe('background service', () => {
  it('answers a lookup with the lens and remembers the tab and the contact', async () => {
    const { route } = await setup();
    const answer = await route({ type: 'lens.lookup', contact: dana }, contentSender);
    if (!answer.ok) throw new Error(answer.error);
    const view = answer.data as { known: boolean; contact: { name: string } };
    expect(view.known).toBe(true);
    expect(view.contact.name).toBe('Dana Whitfield');
    expect(await route({ type: 'tab.getContact', tabId: 7 }, popupSender)).toMatchObject({
      ok: true,
      data: { contact: { identity: { key: 'dana.whitfield@northwind.example', email: 'dana.whitfield@northwind.example' }, name: 'Dana Whitfield', known: true } },
    });
    expect(await route({ type: 'contacts.listRecent', limit: 5 }, popupSender)).toMatchObject({
      ok: true,
      data: [{ key: 'dana.whitfield@northwind.example', email: 'dana.whitfield@northwind.example', name: 'Dana Whitfield', site: 'gmail' }],
    });
    await route({ type: 'lens.clear' }, contentSender);
    expect(await route({ type: 'tab.getContact', tabId: 7 }, popupSender)).toEqual({ ok: true, data: { contact: null } });
  });

  it('records feedback with time and the source campaign, and undoes it', async () => {
    const { route, db } = await setup();
    const saved = await route(
      { type: 'feedback.submit', feedback: { contact: danaIdentity, verdict: 'good_fit', reason: 'too_early', note: '<b>not html</b>' } },
      popupSender,
    );
    expect(saved).toEqual({
      ok: true,
      data: {
        id: 'fb-1',
        contactKey: 'dana.whitfield@northwind.example',
        contactEmail: 'dana.whitfield@northwind.example',
        contactId: 'ct-dana-whitfield',
        verdict: 'good_fit',
        reason: 'too_early',
        note: '<b>not html</b>',
        createdAt: DEMO_NOW.toISOString(),
        sourceCampaignId: 'cmp-webinar-forecast',
        sourceCampaignName: 'Webinar: Forecasting Without Spreadsheets',
      },
    });
    expect(await db.count('feedback')).toBe(1);
    expect(await route({ type: 'feedback.undo', id: 'fb-1' }, popupSender)).toEqual({ ok: true, data: { undone: true } });
    expect(await db.count('feedback')).toBe(0);
  });

  it('accepts feedback on someone not in the marketing data', async () => {
    const { route } = await setup();
    const lee = { key: 'lee.morgan@brightfield.example', email: 'lee.morgan@brightfield.example' };
    const saved = await route({ type: 'feedback.submit', feedback: { contact: lee, verdict: 'not_ready' } }, popupSender);
    expect(saved).toMatchObject({ ok: true, data: { contactKey: lee.key, verdict: 'not_ready' } });
    expect(saved.ok && 'sourceCampaignId' in (saved.data as object)).toBe(false);
  });
});
