import { array, assert, constant, constantFrom, dictionary, integer, nat, oneof, option, pre, property, record, shuffledSubarray, subarray } from 'fast-check';
import type { Arbitrary } from 'fast-check';
import { buildContentIndex } from '../../lib/engine/content-index';
import { matchPersonas } from '../../lib/engine/persona';
import { recommendContent } from '../../lib/engine/recommend';
import { DEFAULT_SCORING_MODEL, scoreContact, type ScoreResult } from '../../lib/engine/scoring';
import { EventType, ScoringModel, Seniority, type Contact, type EngagementEvent } from '../../lib/model';
import { DEMO_NOW, demoDataset } from './helpers';

/** The engine's promises, checked on many generated contacts, event histories and models rather than a few examples. */

const data = demoDataset();
const SLA = data.sla;
const DAY = 86_400_000;
const RUNS = { numRuns: 300 };

const contactArb: Arbitrary<Contact> = record({
  title: option(constantFrom('VP, Ops', 'Operations Intern', 'CFO', 'Head of Revenue Operations', 'Pastry Chef', 'Sr. Dir. Demand Gen'), { nil: undefined }),
  seniority: option(constantFrom(...Seniority.options), { nil: undefined }),
  industry: option(constantFrom('Logistics', 'retail', 'Education', 'Financial Services'), { nil: undefined }),
  department: option(constantFrom('Operations', 'Finance', 'Legal', 'Revenue Ops'), { nil: undefined }),
  companySize: option(integer({ min: 0, max: 50_000 }), { nil: undefined }),
  country: option(constantFrom('United States', 'DE', 'Brazil', 'Japan', 'Atlantis'), { nil: undefined }),
  emails: array(constantFrom('a@acme.example', 'b@gmail.com', 'c@rival.example', 'd@mailbox.example'), { minLength: 1, maxLength: 3 }),
})
  .map(({ title, emails, ...properties }) => ({
    id: 'ct-p',
    emails,
    firstName: 'P',
    lastName: 'Q',
    lifecycleStage: 'lead' as const,
    crmIds: [],
    ...(title ? { title } : {}),
    properties: Object.fromEntries(Object.entries(properties).filter(([, v]) => v !== undefined)),
  }));

let eventId = 0;
/** An event at any time from a year before "now" to a few days after (clocks disagree). */
const eventArb = (types: readonly EventType[] = EventType.options): Arbitrary<EngagementEvent> =>
  record({ type: constantFrom(...types), minutesAgo: integer({ min: -3 * 24 * 60, max: 400 * 24 * 60 }) }).map(({ type, minutesAgo }) => ({
    id: `e${++eventId}`,
    contactId: 'ct-p',
    type,
    at: new Date(DEMO_NOW.getTime() - minutesAgo * 60_000).toISOString(),
  }));
const eventsArb = array(eventArb(), { maxLength: 60 });

/** Valid models around the default: other points, caps, decays and limits. */
const modelArb: Arbitrary<ScoringModel> = record({
  fitMax: integer({ min: 20, max: 70 }),
  decay: oneof(
    record({ kind: constant('half_life' as const), days: integer({ min: 1, max: 180 }) }),
    record({ kind: constant('linear' as const), days: integer({ min: 1, max: 180 }) }),
    record({ kind: constant('window' as const), days: integer({ min: 1, max: 180 }) }),
    constant({ kind: 'none' as const }),
  ),
  rules: dictionary(
    constantFrom(...EventType.options),
    record({
      points: integer({ min: -40, max: 40 }).filter((p) => p !== 0),
      capPerType: option(integer({ min: 1, max: 60 }), { nil: undefined }),
      capPerDay: option(integer({ min: 1, max: 30 }), { nil: undefined }),
    }),
  ),
  competitorPoints: integer({ min: -50, max: 0 }),
})
  .map(({ fitMax, decay, rules, competitorPoints }) =>
    ScoringModel.parse({
      ...DEFAULT_SCORING_MODEL,
      fit: { ...DEFAULT_SCORING_MODEL.fit, max: fitMax, emailDomains: { ...DEFAULT_SCORING_MODEL.fit.emailDomains, competitors: { domains: ['rival.example'], points: competitorPoints } } },
      engagement: {
        max: 100 - fitMax,
        decay,
        rules: Object.fromEntries(Object.entries(rules).map(([k, r]) => [k, Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined))])),
      },
      fitGrades: { A: Math.min(fitMax, 35), B: Math.min(fitMax, 35) - 5, C: Math.min(fitMax, 35) - 10 },
      engagementLevels: { level3: 25, level2: 10 },
    }),
  );
const anyModel = oneof(constant(DEFAULT_SCORING_MODEL), modelArb);

const sum = (r: ScoreResult, group?: 'fit' | 'engagement') => r.reasons.filter((x) => !group || x.group === group).reduce((t, x) => t + x.points, 0);

describe('scoring properties', () => {
  it('keeps the score a whole number in 0–100, and each part within its limit', () => {
    assert(
      property(contactArb, eventsArb, anyModel, (contact, events, model) => {
        const r = scoreContact(contact, events, SLA, DEMO_NOW, model);
        expect(Number.isInteger(r.score)).toBe(true);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(100);
        expect(r.fit.points).toBeLessThanOrEqual(model.fit.max);
        expect(r.engagement.points).toBeLessThanOrEqual(model.engagement.max);
        expect(Math.min(r.fit.points, r.engagement.points, r.engagement.removedByDecay)).toBeGreaterThanOrEqual(0);
      }),
      RUNS,
    );
  });

  it('explains every point: the reasons add up exactly to the score, group by group', () => {
    assert(
      property(contactArb, eventsArb, anyModel, (contact, events, model) => {
        const r = scoreContact(contact, events, SLA, DEMO_NOW, model);
        expect(sum(r)).toBe(r.score);
        expect(sum(r, 'fit')).toBe(r.fit.points);
        expect(sum(r, 'engagement')).toBe(r.engagement.points);
        for (const reason of r.reasons) expect(Number.isInteger(reason.points) && reason.points !== 0).toBe(true);
      }),
      RUNS,
    );
  });

  it('never lowers the score for a positive event, whenever it happened', () => {
    assert(
      property(contactArb, eventsArb, anyModel, nat(), integer({ min: -3 * 24 * 60, max: 400 * 24 * 60 }), (contact, events, model, pick, minutesAgo) => {
        const positive = EventType.options.filter((t) => (model.engagement.rules[t]?.points ?? 0) > 0);
        pre(positive.length > 0);
        // Often on a day that already has events of its type, where the per-day cap decides.
        const sameDay = events.find((e) => e.type === positive[pick % positive.length]);
        const at = sameDay && pick % 2 === 0 ? new Date(Date.parse(sameDay.at) + 60_000).toISOString() : new Date(DEMO_NOW.getTime() - minutesAgo * 60_000).toISOString();
        const extra: EngagementEvent = { id: 'extra', contactId: 'ct-p', type: positive[pick % positive.length]!, at };
        const before = scoreContact(contact, events, SLA, DEMO_NOW, model);
        const after = scoreContact(contact, [...events, extra], SLA, DEMO_NOW, model);
        expect(after.score).toBeGreaterThanOrEqual(before.score);
        expect(after.engagement.points).toBeGreaterThanOrEqual(before.engagement.points);
      }),
      RUNS,
    );
  });

  it('never lowers the score for a positive event on a busy day, where the per-day cap decides', () => {
    // Dense histories (a few days, one or two types) and fast decay: a day's cap is full and its events differ in worth.
    const dense = record({
    events: array(
      record({ type: constantFrom<EventType>('form_submit', 'content_download'), minutesAgo: integer({ min: 0, max: 5 * 24 * 60 }) }),
      { maxLength: 30 },
    ),
    extra: record({ type: constantFrom<EventType>('form_submit', 'content_download'), minutesAgo: integer({ min: 0, max: 5 * 24 * 60 }) }),
    decay: oneof(
      record({ kind: constant('half_life' as const), days: integer({ min: 1, max: 2 }) }),
      record({ kind: constant('window' as const), days: integer({ min: 1, max: 3 }) }),
    ),
    points: integer({ min: 5, max: 20 }),
  });
  assert(
    property(contactArb, dense, (contact, { events, extra, decay, points }) => {
      const model = ScoringModel.parse({
        ...DEFAULT_SCORING_MODEL,
        engagement: { ...DEFAULT_SCORING_MODEL.engagement, decay, rules: { form_submit: { points, capPerDay: points }, content_download: { points, capPerDay: points + 3 } } },
      });
      const toEvent = (e: { type: EventType; minutesAgo: number }, i: number): EngagementEvent => ({
        id: `d${i}`,
        contactId: 'ct-p',
        type: e.type,
        at: new Date(DEMO_NOW.getTime() - e.minutesAgo * 60_000).toISOString(),
      });
      const history = events.map(toEvent);
      const before = scoreContact(contact, history, SLA, DEMO_NOW, model);
      const after = scoreContact(contact, [...history, toEvent(extra, -1)], SLA, DEMO_NOW, model);
      expect(after.engagement.points).toBeGreaterThanOrEqual(before.engagement.points);
    }),
    RUNS,
  );
});

  it('never raises the score by decay: not as time passes, not against the same model without decay', () => {
    assert(
      property(contactArb, eventsArb, anyModel, integer({ min: 0, max: 400 }), (contact, events, model, laterDays) => {
        const now = scoreContact(contact, events, SLA, DEMO_NOW, model);
        const later = scoreContact(contact, events, SLA, new Date(DEMO_NOW.getTime() + laterDays * DAY), model);
        const undecayed = scoreContact(contact, events, SLA, DEMO_NOW, { ...model, engagement: { ...model.engagement, decay: { kind: 'none' } } });
        expect(later.score).toBeLessThanOrEqual(now.score);
        expect(now.score).toBeLessThanOrEqual(undecayed.score);
        expect(now.engagement.removedByDecay).toBe(undecayed.engagement.points - now.engagement.points);
      }),
      RUNS,
    );
  });

  it('does not depend on the order of the events', () => {
    assert(
      property(contactArb, eventsArb, anyModel, (contact, events, model) => {
        expect(scoreContact(contact, events.toReversed(), SLA, DEMO_NOW, model)).toEqual(scoreContact(contact, events, SLA, DEMO_NOW, model));
      }),
      { numRuns: 100 },
    );
  });
});

describe('ranking properties', () => {
  const vocabulary = ['pricing', 'warehouse', 'forecasting', 'security', 'sso', 'dashboards', 'roi', 'hubspot', 'the', 'team', 'sites', 'inventory', 'spreadsheets', 'cost'];
  const textArb = array(constantFrom(...vocabulary), { maxLength: 40 }).map((w) => w.join(' '));

  it('ranks content the same whatever order the library is stored in', () => {
    assert(
      property(
        shuffledSubarray(data.content, { minLength: 1 }),
        textArb,
        option(constantFrom(...data.personas.map((p) => p.id)), { nil: undefined }),
        constantFrom('awareness' as const, 'consideration' as const, 'decision' as const),
        subarray(data.content.map((a) => a.id)),
        (assets, topicText, personaId, stage, consumed) => {
          const input = { personaId, stage, consumedIds: new Set(consumed), topicText, limit: 5 };
          const shuffled = assets.toReversed();
          const a = recommendContent({ ...input, assets, index: buildContentIndex(assets) });
          const b = recommendContent({ ...input, assets: shuffled, index: buildContentIndex(shuffled) });
          expect(b.map((r) => [r.asset.id, r.why])).toEqual(a.map((r) => [r.asset.id, r.why]));
          expect(recommendContent({ ...input, assets, index: buildContentIndex(assets) })).toEqual(a);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('ranks personas the same whatever order they are stored in', () => {
    assert(
      property(
        shuffledSubarray(data.personas, { minLength: 1 }),
        constantFrom('VP, Ops', 'Director of Sales Operations', 'CFO & COO', 'Head of Finance and Operations', 'Supply Chain Analyst'),
        (personas, title) => {
          const order = (list: typeof personas) => matchPersonas({ title }, list).map((m) => m.persona.id);
          expect(order(personas.toReversed())).toEqual(order(personas));
        },
      ),
      { numRuns: 100 },
    );
  });
});
