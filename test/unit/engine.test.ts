import type { Contact, EngagementEvent } from '../../lib/model';
import { buildLensView } from '../../lib/engine/lens';
import { matchPersonas } from '../../lib/engine/persona';
import { funnelStageFor, recommendContent, stageWithPageIntent } from '../../lib/engine/recommend';
import { DEFAULT_SCORING_MODEL, scoreContact } from '../../lib/engine/scoring';
import { inferSeniority } from '../../lib/engine/seniority';
import { slaClock } from '../../lib/engine/sla';
import { normalizeWords } from '../../lib/engine/text';
import type { DetectedContact } from '../../lib/sites/contact';
import { DEMO_NOW, demoDataset } from './helpers';

const data = demoDataset();
const SLA = data.sla;
const contact = (id: string) => data.contacts.find((c) => c.id === id)!;
const eventsOf = (id: string) => data.events.filter((e) => e.contactId === id);

const base: Contact = {
  id: 'ct-test',
  emails: ['pat@acme.example'],
  firstName: 'Pat',
  lastName: 'Test',
  lifecycleStage: 'lead',
  properties: {},
  crmIds: [],
};
const event = (type: EngagementEvent['type'], daysAgo: number, id = `${type}-${daysAgo}`): EngagementEvent => ({
  id,
  contactId: base.id,
  type,
  at: new Date(DEMO_NOW.getTime() - daysAgo * 86_400_000).toISOString(),
});

describe('title words', () => {
  it.each([
    ['Sr. Dir. Demand Gen', 'senior director demand generation'],
    ['VP, Ops', 'vice president operations'],
    ['Head of RevOps', 'head of revenue operations'],
    ['Directeur commercial', 'director sales'],
    ['Leiterin Vertrieb', 'head sales'],
    ['Head of FP&A', 'head of fp&a'],
  ])('%s → %s', (title, words) => expect(normalizeWords(title).join(' ')).toBe(words));

  it.each([
    ['CTO & co-founder', 'c_level'],
    ['VP, Ops', 'vp'],
    ['Vice President of Sales', 'vp'],
    ['Head of Revenue Operations', 'vp'],
    ['Sr. Dir. Demand Gen', 'director'],
    ['Inventory Planning Manager', 'manager'],
    ['Founder', 'owner'],
    ['Operations Intern', 'individual'],
  ])('%s has seniority %s', (title, seniority) => expect(inferSeniority(title)).toBe(seniority));
});

describe('scoring', () => {
  it('scores fit and engagement apart and explains each point', () => {
    const result = scoreContact(
      { ...base, title: 'VP Operations', properties: { industry: 'Logistics', companySize: 800, department: 'Operations' } },
      [event('webinar_attended', 0), event('email_open', 0)],
      SLA,
      DEMO_NOW,
    );
    expect(result.fit).toEqual({ points: 14 + 10 + 10 + 15, grade: 'A' });
    expect(result.engagement).toMatchObject({ points: 13, level: 2, removedByDecay: 0 });
    expect(result.score).toBe(62);
    expect(result.impliedStage).toBe('mql');
    expect(result.reasons.reduce((t, r) => t + r.points, 0)).toBe(result.score);
    expect(result.reasons).toContainEqual({ group: 'fit', label: 'VP / head of (from title)', points: 14 });
  });

  it('halves engagement every half-life and says how much faded', () => {
    const fresh = scoreContact(base, [event('form_submit', 0)], SLA, DEMO_NOW);
    expect(DEFAULT_SCORING_MODEL.engagement.decay).toEqual({ kind: 'half_life', days: 30 });
    const old = scoreContact(base, [event('form_submit', 30)], SLA, DEMO_NOW);
    expect(fresh.engagement.points).toBe(10);
    expect(old.engagement.points).toBe(5);
    expect(old.engagement.removedByDecay).toBe(5);
  });

  it('caps repeated events of one type', () => {
    // One open a day over the last 30 days: far more than the cap of 4 even after decay.
    const opens = Array.from({ length: 30 }, (_, i) => event('email_open', i, `open-${i}`));
    expect(scoreContact(base, opens, SLA, DEMO_NOW).engagement.points).toBe(4);
    // 30 opens in one day look like a mail scanner, not a reader: the default counts one open a day.
    const burst = Array.from({ length: 30 }, (_, i) => event('email_open', 0, `burst-${i}`));
    expect(scoreContact(base, burst, SLA, DEMO_NOW).engagement.points).toBe(1);
  });

  it('counts unsubscribes, bounces and spam complaints against, without decay, and never below zero', () => {
    const engaged = [event('webinar_attended', 0), event('content_download', 0)];
    const withSpam = scoreContact(base, [...engaged, event('spam_complaint', 200)], SLA, DEMO_NOW);
    expect(withSpam.engagement.points).toBe(0);
    expect(withSpam.reasons).toContainEqual({ group: 'engagement', label: 'Marked email as spam', points: -25 });
    expect(scoreContact(base, [event('unsubscribe', 0)], SLA, DEMO_NOW).score).toBeGreaterThanOrEqual(0);
  });

  it('counts personal mailboxes against fit', () => {
    const result = scoreContact({ ...base, emails: ['pat@gmail.com'], title: 'Manager' }, [], SLA, DEMO_NOW);
    expect(result.fit.points).toBe(0);
    expect(result.reasons).toContainEqual({ group: 'fit', label: 'Personal email address only', points: -15 });
  });

  it('ranks the demo contacts the way a marketer would', () => {
    const score = (id: string) => scoreContact(contact(id), eventsOf(id), SLA, DEMO_NOW);
    // A VP of Operations at a mid-size logistics firm who attended the webinar and asked for sales is an MQL…
    expect(score('ct-dana-whitfield').impliedStage).toBe('mql');
    expect(score('ct-dana-whitfield').fit.grade).toBe('A');
    // …a busy intern on a personal address is not, however many emails they open.
    expect(score('ct-kyle-benson').fit.grade).toBe('D');
    expect(score('ct-kyle-benson').impliedStage).toBe('lead');
    expect(score('ct-dana-whitfield').score).toBeGreaterThan(score('ct-kyle-benson').score + 30);
  });
});

describe('SLA clock', () => {
  const mql = (hoursAgo: number) => new Date(DEMO_NOW.getTime() - hoursAgo * 3_600_000).toISOString();
  it.each([
    [10, 'on_track', 38],
    [40, 'due_soon', 8],
    [48, 'due_soon', 0],
    [60, 'overdue', -12],
  ])('MQL %i h ago is %s with %i h left', (hoursAgo, state, left) => {
    expect(slaClock(mql(hoursAgo), SLA, DEMO_NOW)).toMatchObject({ state, hoursLeft: left });
  });
});

describe('persona matching', () => {
  it.each([
    ['VP, Ops', 'persona-ops-leader'],
    ['COO', 'persona-ops-leader'],
    ['Head of Revenue Operations', 'persona-revops'],
    ['Sr. Dir. Demand Gen', 'persona-revops'],
    ['CFO', 'persona-finance-exec'],
    ['Director of FP&A', 'persona-finance-exec'],
  ])('"%s" matches %s first', (title, persona) => {
    expect(matchPersonas({ title }, data.personas)[0]?.persona.id).toBe(persona);
  });

  it('proposes nothing without a title, or for a title no persona speaks to', () => {
    expect(matchPersonas({}, data.personas)).toEqual([]);
    expect(matchPersonas({ title: 'Pastry Chef' }, data.personas)).toEqual([]);
  });

  it('says which criteria matched and which did not', () => {
    const [best] = matchPersonas({ title: 'VP Operations', industry: 'Healthcare', seniority: 'vp' }, data.personas);
    expect(best?.matched).toEqual(['title mentions "operations"', 'seniority']);
    expect(best?.missed).toEqual(['industry']);
    expect(best?.confidence).toBeCloseTo(0.7 / 0.8);
  });
});

describe('recommendations', () => {
  it('reads buying stage from the lifecycle stage and score, and from the page', () => {
    expect(funnelStageFor('lead', 10)).toBe('awareness');
    expect(funnelStageFor('lead', 45)).toBe('consideration');
    expect(funnelStageFor('mql', 10)).toBe('consideration');
    expect(funnelStageFor('sql', 10)).toBe('decision');
    expect(stageWithPageIntent('awareness', 'Re: Pricing for 40 sites')).toBe('decision');
    expect(stageWithPageIntent('awareness', 'Intro call')).toBe('awareness');
  });

  it('leaves out what was consumed, keeps one per type, and always says why', () => {
    const picks = recommendContent({
      assets: data.content,
      personaId: 'persona-ops-leader',
      personaName: 'Operations Leader',
      stage: 'decision',
      consumedIds: new Set(['asset-pricing-sheet']),
      topicText: 'pricing for our warehouses',
      limit: 5,
    });
    expect(picks.map((p) => p.asset.id)).not.toContain('asset-pricing-sheet');
    expect(new Set(picks.map((p) => p.asset.type)).size).toBe(picks.length);
    for (const p of picks) expect(p.why.length).toBeGreaterThan(0);
    expect(picks[0]?.why[0]).toBe('Matches "pricing" in this thread');
  });

  it('is deterministic', () => {
    const input = { assets: data.content, stage: 'awareness' as const, consumedIds: new Set<string>() };
    expect(recommendContent(input)).toEqual(recommendContent({ ...input, assets: data.content.toReversed() }));
  });
});

describe('lens view', () => {
  const library = {
    campaigns: new Map(data.campaigns.map((c) => [c.id, c])),
    personas: data.personas,
    content: data.content,
    sla: SLA,
    now: DEMO_NOW,
  };
  const detected = (email: string, extra: Partial<DetectedContact> = {}): DetectedContact => ({
    site: 'gmail',
    pageKind: 'conversation',
    email,
    others: [],
    ...extra,
  });

  it('fills all four panels for a known contact, touches newest first', () => {
    const view = buildLensView({
      ...library,
      detected: detected('dana.whitfield@northwind.example', { topicHint: 'Re: Pricing for 40 warehouse sites' }),
      record: { contact: contact('ct-dana-whitfield'), events: eventsOf('ct-dana-whitfield') },
    });
    expect(view.known).toBe(true);
    expect(view.stage).toEqual({ id: 'mql', label: 'MQL', mqlReady: false });
    expect(view.sla?.state).toBe('due_soon');
    expect(view.campaignTouches).toHaveLength(eventsOf('ct-dana-whitfield').length);
    const times = view.campaignTouches.map((t) => t.at);
    expect(times).toEqual(times.toSorted().toReversed());
    expect(new Set(view.campaignTouches.flatMap((t) => (t.campaignType ? [t.campaignType] : [])))).toEqual(
      new Set(['email_nurture', 'webinar', 'paid_social', 'event']),
    );
    expect(view.persona).toMatchObject({ id: 'persona-ops-leader', guessed: false });
    expect(view.recommendations).toHaveLength(3);
    // She downloaded the benchmark report and attended the webinar: neither is suggested again.
    expect(view.recommendations.map((r) => r.id)).not.toContain('asset-wp-warehouse-benchmark');
    expect(view.recommendations.map((r) => r.id)).not.toContain('asset-webinar-forecasting');
  });

  it('shows an unknown person from the page, with a persona guess when a title is known', () => {
    const view = buildLensView({ ...library, detected: detected('lee@brightfield.example', { name: 'Lee Morgan', title: 'VP Supply Chain' }), record: null });
    expect(view).toMatchObject({ known: false, contact: { email: 'lee@brightfield.example', name: 'Lee Morgan' } });
    expect(view.score).toBeUndefined();
    expect(view.persona).toMatchObject({ id: 'persona-ops-leader', guessed: true });
    expect(view.recommendations.length).toBeGreaterThan(0);
  });
});
