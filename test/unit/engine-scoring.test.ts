import { createHandlers, type TabContacts } from '../../lib/background/service';
import { buildLensView } from '../../lib/engine/lens';
import { DEFAULT_SCORING_MODEL, EVENT_LABEL, decayFactor, scoreContact, type ScoreResult } from '../../lib/engine/scoring';
import type { TabContact } from '../../lib/messaging/protocol';
import { ScoringModel, type Contact, type EngagementEvent, type EventType, type ScoringModelInput } from '../../lib/model';
import { openLensDb, readScoringModel, seedDemoDataset } from '../../lib/store';
import { DEMO_NOW, demoDataset, readDemoJson, seededDb } from './helpers';
import { countPeople } from './store-snapshot';

const SLA = { mqlScoreThreshold: 60, followUpHours: 48, dueSoonHours: 12 };
const base: Contact = { id: 'ct-t', emails: ['pat@acme.example'], firstName: 'Pat', lastName: 'T', lifecycleStage: 'lead', properties: {}, crmIds: [] };
let n = 0;
const ev = (type: EventType, daysAgo: number, hour = 12): EngagementEvent => ({
  id: `e${++n}`,
  contactId: base.id,
  type,
  at: new Date(Date.UTC(2026, 10, 20, hour) - daysAgo * 86_400_000).toISOString(),
});
const model = (patch: (m: ScoringModel) => void): ScoringModel => {
  const m = structuredClone(DEFAULT_SCORING_MODEL);
  patch(m);
  return ScoringModel.parse(m);
};
const total = (r: ScoreResult) => r.reasons.reduce((t, x) => t + x.points, 0);
const fitOf = (contact: Partial<Contact>, m: ScoringModel = DEFAULT_SCORING_MODEL) => {
  const r = scoreContact({ ...base, ...contact, properties: { ...contact.properties } }, [], SLA, DEMO_NOW, m);
  expect(total(r)).toBe(r.score);
  return r.reasons.filter((x) => x.group === 'fit');
};

describe('scoring model schema', () => {
  it('accepts the default model as published', () => {
    expect(ScoringModel.parse(DEFAULT_SCORING_MODEL)).toEqual(DEFAULT_SCORING_MODEL);
  });

  it('fills defaults for the optional rule groups', () => {
    const minimal: ScoringModelInput = {
      version: 1,
      fit: { max: 50 },
      engagement: { max: 50, rules: { email_open: { points: 1 } }, decay: { kind: 'none' } },
      fitGrades: { A: 35, B: 25, C: 15 },
      engagementLevels: { level3: 25, level2: 10 },
    };
    expect(ScoringModel.parse(minimal)).toMatchObject({
      fit: { seniority: {}, industries: [], regions: { territories: [], outsidePoints: 0 } },
      mql: { scoreThreshold: 'sla', minFitGrade: 'D' },
    });
  });

  // Patches break a typed copy on purpose; the casts say where a value is outside the type.
  const rulesOf = (m: ScoringModel) => m.engagement.rules as Record<string, unknown>;
  it.each<[string, (m: ScoringModel) => void, string]>([
    ['caps that add up to more than 100', (m) => (m.engagement.max = 60), 'engagement.max: fit.max + engagement.max must be at most 100'],
    ['grades out of order', (m) => (m.fitGrades.B = 40), 'fitGrades: needs A > B > C'],
    ['an unreachable grade', (m) => ((m.fit.max = 30), (m.fitGrades.A = 31)), 'fitGrades.A: is above fit.max: nobody could reach it'],
    ['levels out of order', (m) => (m.engagementLevels.level2 = 30), 'engagementLevels: needs level3 > level2'],
    ['a rule worth nothing', (m) => (m.engagement.rules.email_open = { points: 0 }), 'engagement.rules.email_open.points: must not be zero: leave the event type out instead'],
    ['fractional points', (m) => (m.fit.seniority.vp = 2.5), 'fit.seniority.vp: must be a whole number'],
    ['an event type Lens does not know', (m) => (rulesOf(m).tweet = { points: 1 }), 'engagement.rules: Unrecognized key: "tweet"'],
    ['a free-mail "penalty" that adds points', (m) => (m.fit.emailDomains.freeMail.points = 5), 'fit.emailDomains.freeMail.points: must be zero or negative: it counts against'],
    ['a domain that is not one', (m) => (m.fit.emailDomains.competitors.domains = ['not a domain']), 'fit.emailDomains.competitors.domains.0: is not a domain name like "example.com"'],
    ['a size band upside down', (m) => (m.fit.companySize = [{ min: 500, max: 100, points: 5 }]), 'fit.companySize.0.max: max must not be below min'],
    ['an unknown decay', (m) => (m.engagement.decay = { kind: 'exponential', days: 3 } as unknown as ScoringModel['engagement']['decay']), 'engagement.decay.kind: '],
  ])('rejects %s, saying where', (_name, patch, message) => {
    const broken = structuredClone(DEFAULT_SCORING_MODEL);
    patch(broken);
    const result = ScoringModel.safeParse(broken);
    expect(result.success).toBe(false);
    const messages = result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages.some((m) => m.startsWith(message))).toBe(true);
  });
});

describe('fit rules', () => {
  it.each<[string, Partial<Contact>, { label: string; points: number; detail?: string }[]]>([
    ['seniority from the data', { properties: { seniority: 'director' } }, [{ label: 'Director', points: 12 }]],
    ['seniority read from the title', { title: 'Head of Ops' }, [{ label: 'VP / head of (from title)', points: 14 }]],
    ['a target industry, any spelling', { properties: { industry: 'financial services' } }, [{ label: 'Target industry: financial services', points: 10 }]],
    ['an industry outside the targets', { properties: { industry: 'Education' } }, []],
    ['a buying department, abbreviated', { properties: { department: 'Revenue Ops' } }, [{ label: 'Buying department: Revenue Ops', points: 10 }]],
    ['a mid-size company', { properties: { companySize: 800 } }, [{ label: 'Company size 800', points: 15, detail: '200–5,000 employees' }]],
    ['a large company', { properties: { companySize: 12_000 } }, [{ label: 'Company size 12,000', points: 10, detail: '5,001+ employees' }]],
    ['a small company', { properties: { companySize: 120 } }, [{ label: 'Company size 120', points: 6, detail: '50–199 employees' }]],
    ['a company too small for any band', { properties: { companySize: 12 } }, []],
    ['a country inside a territory (no points either way)', { properties: { country: 'Deutschland' } }, []],
    ['an ISO code inside a territory', { properties: { country: 'CA' } }, []],
    ['a country outside every territory', { properties: { country: 'Brazil' } }, [{ label: 'Outside sales territories: Brazil', points: -5 }]],
    ['only personal mailboxes', { emails: ['pat@gmail.com', 'pat@GMAIL.com'] }, [{ label: 'Personal email address only', points: -15 }]],
    ['a personal mailbox beside a work address', { emails: ['pat@gmail.com', 'pat@acme.example'] }, []],
  ])('%s', (_name, contact, expected) => {
    const fit = fitOf(contact).filter((r) => r.kind !== 'cap');
    expect(fit.map(({ label, points, detail }) => ({ label, points, ...(detail ? { detail } : {}) }))).toEqual(expected);
  });

  it('counts competitor domains against, subdomains and the company domain included', () => {
    const m = model((x) => (x.fit.emailDomains.competitors.domains = ['rival.example']));
    for (const contact of [{ emails: ['a@rival.example'] }, { emails: ['a@eu.rival.example'] }, { companyDomain: 'rival.example' }]) {
      expect(fitOf(contact, m)).toContainEqual(expect.objectContaining({ label: 'Competitor domain', points: -30 }));
    }
    expect(fitOf({ emails: ['a@notrival.example'] }, m)).toEqual([]);
  });

  it('scores territories the model gives points to', () => {
    const m = model((x) => (x.fit.regions.territories = [{ name: 'DACH', places: ['DACH'], points: 5 }]));
    expect(fitOf({ properties: { country: 'Austria' } }, m)).toEqual([{ group: 'fit', label: 'Territory: DACH', points: 5, detail: 'Austria' }]);
    expect(fitOf({ properties: { country: 'France' } }, m)).toEqual([
      { group: 'fit', label: 'Outside sales territories: France', points: -5 },
      { group: 'fit', label: 'Fit cannot go below 0', points: 5, kind: 'cap' },
    ]);
  });

  it('caps fit at its maximum with a line that says so', () => {
    const m = model((x) => ((x.fit.max = 30), (x.fitGrades = { A: 25, B: 15, C: 10 })));
    const r = scoreContact({ ...base, properties: { seniority: 'vp', industry: 'Retail', department: 'Sales', companySize: 900 } }, [], SLA, DEMO_NOW, m);
    expect(r.fit.points).toBe(30);
    expect(r.reasons.at(-1)).toEqual({ group: 'fit', label: 'Fit capped at 30', points: 30 - 49, kind: 'cap' });
    expect(total(r)).toBe(r.score);
  });

  it('lifts negative fit back to zero with a line that says so', () => {
    const r = scoreContact({ ...base, emails: ['kid@gmail.com'], title: 'Intern' }, [], SLA, DEMO_NOW);
    expect(r.fit.points).toBe(0);
    expect(r.reasons).toContainEqual({ group: 'fit', label: 'Fit cannot go below 0', points: 12, kind: 'cap' });
  });

  it.each([
    [35, 'A'],
    [34, 'B'],
    [25, 'B'],
    [24, 'C'],
    [15, 'C'],
    [14, 'D'],
  ])('fit %i points is grade %s', (points, grade) => {
    const m = model((x) => (x.fit.seniority = { vp: points }));
    expect(scoreContact({ ...base, properties: { seniority: 'vp' } }, [], SLA, DEMO_NOW, m).fit.grade).toBe(grade);
  });
});

describe('engagement rules', () => {
  const rules = DEFAULT_SCORING_MODEL.engagement.rules;
  it.each(Object.entries(rules) as Array<[EventType, { points: number }]>)('one fresh %s counts its points', (type, rule) => {
    const r = scoreContact(base, [ev(type, 0)], SLA, DEMO_NOW);
    expect(r.reasons).toContainEqual({ group: 'engagement', label: EVENT_LABEL[type], points: rule.points });
    expect(total(r)).toBe(r.score);
    expect(r.engagement.points).toBe(Math.max(0, rule.points));
  });

  it('caps a type in total', () => {
    const r = scoreContact(base, [ev('content_download', 0), ev('content_download', 1), ev('content_download', 2)], SLA, DEMO_NOW, model((x) => (x.engagement.decay = { kind: 'none' })));
    expect(r.reasons).toEqual([{ group: 'engagement', label: 'Downloaded content ×3', points: 16, detail: 'capped at 16' }]);
  });

  it('caps a type per day, counting the freshest events of the day first', () => {
    const sameDay = [ev('page_view', 3, 8), ev('page_view', 3, 9), ev('page_view', 3, 10)];
    const spread = [ev('page_view', 3), ev('page_view', 4), ev('page_view', 5)];
    const none = model((x) => (x.engagement.decay = { kind: 'none' }));
    expect(scoreContact(base, sameDay, SLA, DEMO_NOW, none).reasons).toEqual([
      { group: 'engagement', label: 'Visited the website ×3', points: 4, detail: 'at most 4 a day' },
    ]);
    expect(scoreContact(base, spread, SLA, DEMO_NOW, none).engagement.points).toBe(6);
  });

  it.each<[string, ScoringModel['engagement']['decay'], number, number]>([
    ['half-life, one half-life old', { kind: 'half_life', days: 30 }, 30, 5],
    ['half-life, two half-lives old', { kind: 'half_life', days: 30 }, 60, 3],
    ['linear, half way', { kind: 'linear', days: 60 }, 30, 5],
    ['linear, past the end', { kind: 'linear', days: 60 }, 90, 0],
    ['window, inside', { kind: 'window', days: 30 }, 29, 10],
    ['window, outside', { kind: 'window', days: 30 }, 31, 0],
    ['no decay', { kind: 'none' }, 400, 10],
  ])('decay: %s', (_name, decay, daysAgo, points) => {
    const r = scoreContact(base, [ev('form_submit', daysAgo)], SLA, DEMO_NOW, model((x) => (x.engagement.decay = decay)));
    expect(r.engagement.points).toBe(points);
    expect(r.engagement.removedByDecay).toBe(10 - points);
  });

  it('never lets negative events fade', () => {
    const r = scoreContact(base, [ev('webinar_attended', 0), ev('unsubscribe', 365)], SLA, DEMO_NOW);
    expect(r.reasons).toContainEqual({ group: 'engagement', label: 'Unsubscribed', points: -15 });
    expect(r.engagement.points).toBe(0);
    expect(r.reasons).toContainEqual({ group: 'engagement', label: 'Engagement cannot go below 0', points: 3, kind: 'cap' });
  });

  it('caps engagement at its maximum and says so', () => {
    const events = (['meeting_booked', 'webinar_attended', 'webinar_attended', 'form_submit', 'form_submit', 'event_visited'] as const).map((t, i) => ev(t, i));
    const r = scoreContact(base, events, SLA, DEMO_NOW);
    expect(r.engagement.points).toBe(50);
    expect(r.reasons.at(-1)).toMatchObject({ group: 'engagement', kind: 'cap', label: 'Engagement capped at 50' });
    expect(total(r)).toBe(r.score);
  });

  it('decay factors start at 1 and never rise with age', () => {
    for (const decay of [{ kind: 'half_life', days: 30 }, { kind: 'linear', days: 30 }, { kind: 'window', days: 30 }, { kind: 'none' }] as const) {
      expect(decayFactor(decay, 0)).toBe(1);
      expect(decayFactor(decay, -5)).toBe(1);
      expect(decayFactor(decay, 10)).toBeGreaterThanOrEqual(decayFactor(decay, 40));
    }
  });
});

describe('MQL threshold', () => {
  const vp = { ...base, properties: { seniority: 'vp' as const, industry: 'Retail', companySize: 900, department: 'Sales' } };
  const hot = [ev('meeting_booked', 0)];

  it('takes the threshold from the SLA unless the model sets one', () => {
    expect(scoreContact(vp, hot, SLA, DEMO_NOW).mql).toEqual({ threshold: 60, fromSla: true, minFitGrade: 'C', heldBackByFit: false });
    expect(scoreContact(vp, hot, { ...SLA, mqlScoreThreshold: 80 }, DEMO_NOW).impliedStage).toBe('lead');
    const own = model((x) => (x.mql.scoreThreshold = 90));
    expect(scoreContact(vp, hot, SLA, DEMO_NOW, own)).toMatchObject({ impliedStage: 'lead', mql: { threshold: 90, fromSla: false } });
  });

  it('holds back a high score with too little fit', () => {
    const m = model((x) => (x.mql.scoreThreshold = 20));
    const intern = { ...base, emails: ['kid@gmail.com'], title: 'Intern' };
    const r = scoreContact(intern, hot, SLA, DEMO_NOW, m);
    expect(r.score).toBeGreaterThanOrEqual(20);
    expect(r).toMatchObject({ impliedStage: 'lead', fit: { grade: 'D' }, mql: { heldBackByFit: true } });
  });
});

describe('scoring model in the pack and the store', () => {
  const strict = model((x) => ((x.name = 'Strict'), (x.mql.scoreThreshold = 95)));

  it('is kept when the pack carries one, and absent otherwise', async () => {
    const db = await openLensDb(`model-${Math.random()}`);
    await seedDemoDataset(db, async () => ({ ...(readDemoJson() as object), scoringModel: strict }), DEMO_NOW);
    expect(await readScoringModel(db)).toEqual(strict);
    expect(await readScoringModel(await seededDb())).toBeUndefined();
  });

  it('rejects a pack whose model is invalid, writing nothing', async () => {
    const db = await openLensDb(`model-bad-${Math.random()}`);
    const pack = { ...(readDemoJson() as object), scoringModel: { ...strict, fitGrades: { A: 10, B: 20, C: 30 } } };
    await expect(seedDemoDataset(db, async () => pack, DEMO_NOW)).rejects.toThrow(/scoringModel\.fitGrades: needs A > B > C/);
    expect((await countPeople(db)).contacts).toBe(0);
  });

  it('reaches the lens through the background', async () => {
    const db = await openLensDb(`model-bg-${Math.random()}`);
    await seedDemoDataset(db, async () => ({ ...(readDemoJson() as object), scoringModel: strict }), DEMO_NOW);
    const tabs = new Map<number, TabContact>();
    const memoryTabs: TabContacts = { get: async (id) => tabs.get(id) ?? null, set: async (id, c) => void (c ? tabs.set(id, c) : tabs.delete(id)) };
    const handlers = createHandlers({ db: async () => db, tabs: memoryTabs, now: () => DEMO_NOW });
    const contact = { site: 'gmail' as const, pageKind: 'conversation' as const, email: 'dana.whitfield@northwind.example', others: [] };
    const view = await handlers['lens.lookup']({ contact }, { tabId: 1 });
    expect(view.score?.mql).toMatchObject({ threshold: 95, fromSla: false });
    expect(view.stage?.id).toBe('mql');
  });
});

describe('imported scores', () => {
  it('are shown beside Lens’s score and never change it', () => {
    const data = demoDataset();
    const dana = data.contacts.find((c) => c.id === 'ct-dana-whitfield')!;
    const events = data.events.filter((e) => e.contactId === dana.id);
    const input = {
      detected: { site: 'gmail' as const, pageKind: 'conversation' as const, email: dana.emails[0], others: [] },
      campaigns: new Map(data.campaigns.map((c) => [c.id, c])),
      personas: data.personas,
      content: data.content,
      sla: data.sla,
      now: DEMO_NOW,
    };
    const withCrm = buildLensView({ ...input, record: { contact: dana, events } });
    const without = buildLensView({ ...input, record: { contact: { ...dana, importedScores: undefined }, events } });
    expect(withCrm.importedScores).toEqual([{ system: 'hubspot', systemName: 'HubSpot', label: 'Lead score', value: 78 }]);
    expect(without.importedScores).toBeUndefined();
    expect(withCrm.score).toEqual(without.score);
  });
});
