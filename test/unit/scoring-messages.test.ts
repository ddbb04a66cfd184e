import { createBackgroundHandlers } from '../../lib/background/handlers';
import type { TabContacts } from '../../lib/background/service';
import { DEFAULT_SCORING_MODEL } from '../../lib/engine/scoring';
import type { ResponseData, TabContact } from '../../lib/messaging/protocol';
import { createRouter, type Sender } from '../../lib/messaging/router';
import type { ScoringModel } from '../../lib/model';
import { readScoringModel } from '../../lib/store';
import { DEMO_NOW, seededDb } from './helpers';

const EXT_ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${EXT_ID}/`;
const page: Sender = { id: EXT_ID, url: `${ORIGIN}options.html` };
const content: Sender = { id: EXT_ID, url: 'https://mail.google.com/mail/u/0/', tab: { id: 7 } };
const dana = { site: 'gmail', pageKind: 'conversation', email: 'dana.whitfield@northwind.example', name: 'Dana Whitfield' };

function memoryTabs(): TabContacts {
  const map = new Map<number, TabContact>();
  return { get: async (id) => map.get(id) ?? null, set: async (id, c) => void (c ? map.set(id, c) : map.delete(id)) };
}

async function setup() {
  const db = await seededDb();
  const getDb = async () => db;
  const handlers = createBackgroundHandlers({
    db: getDb,
    tabs: memoryTabs(),
    now: () => DEMO_NOW,
    destinations: { get: async () => null, set: async () => undefined },
    hasOriginPermission: async () => false,
    kick: () => undefined,
    fetch,
  });
  const route = createRouter(handlers, { extensionId: EXT_ID, extensionOrigin: ORIGIN });
  const send = async <T extends keyof ResponseData>(type: T, payload: object): Promise<ResponseData[T]> => {
    const answer = await route({ type, ...payload }, page);
    if (!answer.ok) throw new Error(answer.error);
    return answer.data as ResponseData[T];
  };
  const lookup = async () => {
    const answer = await route({ type: 'lens.lookup', contact: dana }, content);
    if (!answer.ok) throw new Error(answer.error);
    return (answer.data as ResponseData['lens.lookup']).score!;
  };
  return { db, route, send, lookup };
}

const edited = (change: (m: ScoringModel) => void): ScoringModel => {
  const model = structuredClone(DEFAULT_SCORING_MODEL);
  change(model);
  return model;
};

describe('scoring messages', () => {
  it('answer the default model until one is saved', async () => {
    const { send } = await setup();
    expect(await send('scoring.get', {})).toEqual({ model: DEFAULT_SCORING_MODEL, isDefault: true });
  });

  it('save a model: the next lookup scores with it at once (cached engine dropped), and reset brings the default back', async () => {
    const { db, send, lookup } = await setup();
    const before = await lookup(); // fills the background's engine cache with the default model
    expect(before.mql).toMatchObject({ threshold: 60, fromSla: true });
    const formLine = (score: typeof before) => score.reasons.find((r) => r.label === 'Submitted a form')?.points;
    expect(formLine(before)).toBe(10);

    const model = edited((m) => {
      m.mql.scoreThreshold = 95;
      m.engagement.rules.form_submit = { points: 4, capPerType: 8 };
    });
    const saved = await send('scoring.save', { model });
    expect(saved).toEqual({ model, isDefault: false });
    expect(await readScoringModel(db)).toEqual(model);
    expect(await send('scoring.get', {})).toEqual({ model, isDefault: false });

    const after = await lookup();
    expect(after.mql).toMatchObject({ threshold: 95, fromSla: false });
    expect(after.impliedStage).toBe('lead');
    expect(formLine(after)).toBe(4);
    expect(after.score).toBe(before.score - 6);

    expect(await send('scoring.reset', {})).toEqual({ model: DEFAULT_SCORING_MODEL, isDefault: true });
    expect(await readScoringModel(db)).toBeUndefined();
    expect(await lookup()).toEqual(before);
  });

  it('refuse an invalid model with the path and the reason, and write nothing', async () => {
    const { db, route } = await setup();
    const tooMuch = edited((m) => {
      m.fit.max = 80; // 80 + 50 > 100
    });
    expect(await route({ type: 'scoring.save', model: tooMuch }, page)).toEqual({
      ok: false,
      error: 'Invalid "scoring.save" message: model.engagement.max fit.max + engagement.max must be at most 100.',
    });
    const zero = edited((m) => {
      m.engagement.rules.email_open = { points: 0 };
    });
    expect(await route({ type: 'scoring.save', model: zero }, page)).toEqual({
      ok: false,
      error: 'Invalid "scoring.save" message: model.engagement.rules.email_open.points must not be zero: leave the event type out instead.',
    });
    const answer = await route({ type: 'scoring.save', model: { version: 2 } }, page);
    expect(answer.ok).toBe(false);
    expect(!answer.ok && answer.error).toMatch(/^Invalid "scoring\.save" message: model\.version /);
    expect(await route({ type: 'scoring.save' }, page)).toMatchObject({ ok: false, error: expect.stringMatching(/^Invalid "scoring\.save" message: model /) });
    expect(await readScoringModel(db)).toBeUndefined();
  });

  it('come from the extension pages only', async () => {
    const { db, route } = await setup();
    for (const type of ['scoring.get', 'scoring.save', 'scoring.reset'])
      expect(await route({ type, model: DEFAULT_SCORING_MODEL }, content)).toEqual({
        ok: false,
        error: `Rejected: "${type}" may only come from the extension's own pages.`,
      });
    expect(await readScoringModel(db)).toBeUndefined();
  });
});
