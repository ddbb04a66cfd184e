import { createBackgroundHandlers } from '../../lib/background/handlers';
import type { WebhookDestination } from '../../lib/model';
import { createRouter } from '../../lib/messaging/router';
import { outboxHead } from '../../lib/store';
import { DEMO_NOW, seededDb } from './helpers';

const EXT = 'abcdefghijklmnopabcdefghijklmnop';
const page = { id: EXT, url: `chrome-extension://${EXT}/popup.html` };
const dana = { key: 'dana.whitfield@northwind.example', email: 'dana.whitfield@northwind.example' };

async function setup(destination: WebhookDestination | null) {
  const db = await seededDb();
  const getDb = async () => db;
  let n = 0;
  const handlers = createBackgroundHandlers({
    db: getDb,
    tabs: { get: async () => null, set: async () => undefined },
    now: () => DEMO_NOW,
    newId: () => `fb-${++n}`,
    destinations: { get: async () => destination, set: async () => undefined },
    hasOriginPermission: async () => true,
    kick: () => undefined,
    fetch,
  });
  const route = createRouter(handlers, { extensionId: EXT, extensionOrigin: `chrome-extension://${EXT}/` });
  return { db, route };
}

describe('changing a verdict later', () => {
  it('updates the stored verdict, keeps reason and note unless changed, and refuses a bad verdict', async () => {
    const { db, route } = await setup(null);
    await route({ type: 'feedback.submit', feedback: { contact: dana, verdict: 'not_ready', reason: 'too_early', note: 'Q1' } }, page);
    const changed = await route({ type: 'feedback.edit', id: 'fb-1', verdict: 'good_fit', reason: 'too_early', note: 'Q1' }, page);
    expect(changed).toMatchObject({ ok: true, data: { id: 'fb-1', verdict: 'good_fit', reason: 'too_early', note: 'Q1', editedAt: expect.any(String) } });
    expect(await db.get('feedback', 'fb-1')).toMatchObject({ verdict: 'good_fit' });
    expect(await route({ type: 'feedback.edit', id: 'fb-1', verdict: 'great' }, page)).toMatchObject({ ok: false });
    expect(await route({ type: 'feedback.edit', id: 'fb-9', verdict: 'bad_fit' }, page)).toEqual({
      ok: false,
      error: '"feedback.edit" failed: that feedback is no longer there (undone?)',
    });
  });

  it('sends the changed verdict in place of one still waiting, and after one already sent', async () => {
    const { db, route } = await setup({ url: 'https://hooks.example/lens', secret: 'a-secret-of-16-chars', slackText: false });
    await route({ type: 'feedback.submit', feedback: { contact: dana, verdict: 'not_ready' } }, page);
    await route({ type: 'feedback.edit', id: 'fb-1', verdict: 'good_fit' }, page);
    let queued = await outboxHead(db, 10);
    expect(queued.map((q) => [q.id, q.event.type === 'feedback' && q.event.verdict])).toEqual([['fb-1', 'good_fit']]);

    // Once handed to the receiver, a change follows as its own event that replaces the first.
    const tx = db.transaction('outbox', 'readwrite');
    await tx.store.put({ ...queued[0]!, batchId: 'b1' });
    await tx.done;
    await route({ type: 'feedback.edit', id: 'fb-1', verdict: 'bad_fit' }, page);
    queued = await outboxHead(db, 10);
    expect(queued).toHaveLength(2);
    expect(queued[1]?.event).toMatchObject({ type: 'feedback', verdict: 'bad_fit', replaces: 'fb-1' });
  });
});

describe('content usage', () => {
  const tab = { id: EXT, url: 'https://mail.google.com/mail/u/0/', tab: { id: 4 } };

  it('records every pick shown in one message, with rank, persona and stage, and queues them for marketing', async () => {
    const { db, route } = await setup({ url: 'https://hooks.example/lens', secret: 'a-secret-of-16-chars', slackText: false });
    const shown = await route(
      {
        type: 'usage.record',
        contact: dana,
        action: 'shown',
        items: [
          { contentId: 'asset-pricing-sheet', rank: 1 },
          { contentId: 'asset-roi-calculator', rank: 2 },
        ],
        personaId: 'persona-ops-leader',
        stage: 'MQL',
      },
      tab,
    );
    expect(shown).toEqual({ ok: true, data: null });
    const usage = await db.getAll('usage');
    expect(usage.map((u) => [u.contentId, u.rank, u.action, u.personaId, u.stage])).toEqual(
      expect.arrayContaining([
        ['asset-pricing-sheet', 1, 'shown', 'persona-ops-leader', 'MQL'],
        ['asset-roi-calculator', 2, 'shown', 'persona-ops-leader', 'MQL'],
      ]),
    );
    expect((await outboxHead(db, 10)).map((q) => q.event.type)).toEqual(['usage', 'usage']);
  });

  it('refuses unknown content and usage sent from an extension page', async () => {
    const { route } = await setup(null);
    expect(await route({ type: 'usage.record', contact: dana, action: 'opened', items: [{ contentId: 'asset-nope', rank: 1 }] }, tab)).toEqual({
      ok: false,
      error: '"usage.record" failed: unknown content "asset-nope"',
    });
    expect(await route({ type: 'usage.record', contact: dana, action: 'opened', items: [] }, tab)).toMatchObject({ ok: false });
    expect(await route({ type: 'usage.record', contact: dana, action: 'opened', items: [{ contentId: 'asset-pricing-sheet', rank: 1 }] }, page)).toMatchObject({
      ok: false,
      error: 'Rejected: "usage.record" must come from a content script in a tab.',
    });
  });
});
