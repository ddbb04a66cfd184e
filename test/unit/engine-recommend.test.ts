import { createHandlers } from '../../lib/background/service';
import { buildContentIndex } from '../../lib/engine/content-index';
import { contentOutcomes, OUTCOME_WINDOW_DAYS } from '../../lib/engine/outcomes';
import { pageIntent, recommendContent, RECOMMEND_WEIGHTS, type RecommendInput } from '../../lib/engine/recommend';
import { contentTerms, pageTerms, stem } from '../../lib/engine/terms';
import type { TabContact } from '../../lib/messaging/protocol';
import type { ContentAsset, Feedback } from '../../lib/model';
import { DEMO_NOW, demoDataset, seededDb } from './helpers';

const data = demoDataset();
const index = buildContentIndex(data.content);
const ids = (input: Omit<RecommendInput, 'assets'>) => recommendContent({ assets: data.content, index, ...input }).map((r) => r.asset.id);
const none = new Set<string>();

describe('terms', () => {
  it.each([
    ['sites', 'site'],
    ['companies', 'company'],
    ['business', 'business'],
    ['status', 'status'],
    ['pricing', 'pricing'],
    ['ops', 'ops'],
  ])('%s folds to %s', (word, folded) => expect(stem(word)).toBe(folded));

  it('drops mail furniture and stop words, expands abbreviations', () => {
    // Bare numbers ("40") say nothing about a topic either.
    expect(contentTerms('Re: Thanks! Our RevOps team wants pricing for 40 DCs')).toEqual(['revenue', 'operation', 'team', 'want', 'pricing', 'distribution', 'center']);
  });

  it('counts a page’s terms and keeps the page’s own spelling', () => {
    expect(pageTerms('Warehouses, warehouse, WAREHOUSE costs')).toEqual([
      { term: 'warehouse', surface: 'warehouses', count: 3 },
      { term: 'cost', surface: 'costs', count: 1 },
    ]);
  });
});

describe('BM25 index', () => {
  it('is built once and reports its build time apart', () => {
    expect(index.size).toBe(data.content.length);
    expect(index.buildMs).toBeGreaterThanOrEqual(0);
    let t = 0;
    expect(buildContentIndex(data.content, () => (t += 7)).buildMs).toBe(7);
  });

  it('ranks by title, topics and summary, folding plurals and abbreviations', () => {
    const matches = index.match('Our RevOps team needs one pipeline view');
    // Both RevOps assets lead: the one-pager names RevOps and pipeline in its title, the case study in title and summary.
    const top = [...matches].toSorted((a, b) => b[1].score - a[1].score).slice(0, 2).map(([id]) => id);
    expect(top).toEqual(['asset-op-revops', 'asset-cs-quillon']);
    expect(index.match('warehouses').get('asset-wp-warehouse-benchmark')?.word).toBe('warehouses');
    expect(index.match('revops').get('asset-op-revops')?.relevance).toBeGreaterThan(0);
  });

  it('finds content by the kind people ask for ("send the case study")', () => {
    const matches = index.match('could you send the case study');
    const caseStudies = data.content.filter((a) => a.type === 'case_study').map((a) => a.id);
    expect([...matches.keys()].toSorted()).toEqual(caseStudies.toSorted());
  });

  it('names the page’s most telling word: frequent on the page, rare in the library', () => {
    expect(index.match('pricing for our warehouses').get('asset-roi-calculator')?.word).toBe('pricing');
    expect(index.match('warehouse warehouse warehouse, and pricing').get('asset-roi-calculator')?.word).toBe('warehouse');
  });

  it('finds the topic of a long thread among many words', () => {
    const filler = Array.from({ length: 400 }, (_, i) => `we met the team on call number ${i} to talk about the plan and timing`).join('. ');
    const thread = `${filler}. Security and SSO questions from IT; SOC 2 report needed. ${filler}`;
    expect(ids({ stage: 'awareness', consumedIds: none, topicText: thread, limit: 1 })).toEqual(['asset-datasheet-security']);
  });

  it('ignores words that are the names of Object’s own properties', () => {
    expect(() => index.match('constructor __proto__ toString hasOwnProperty')).not.toThrow();
  });
});

describe('recommendations', () => {
  it.each([
    ['Security review before we sign', 'decision', 'security'],
    ['Quotes for Q1', 'decision', 'quotes'],
    ['Could we get a demo next week?', 'consideration', 'demo'],
    ['Intro: forecasting for our DCs', undefined, undefined],
  ])('reads the buying stage from "%s"', (text, stage, word) => {
    expect(pageIntent(text)).toEqual(stage ? { stage, word } : undefined);
  });

  it('puts the topic first, then persona and stage, and says so', () => {
    const [top] = recommendContent({ assets: data.content, index, personaId: 'persona-ops-leader', personaName: 'Operations Leader', stage: 'decision', consumedIds: none, topicText: 'pricing' });
    expect(top?.asset.id).toBe('asset-pricing-sheet');
    expect(top?.why).toEqual(['Matches "pricing" in this thread', 'Operations Leader persona', 'decision stage']);
    expect(top?.factors).toEqual([
      { kind: 'topic', label: 'Matches "pricing" in this thread', points: RECOMMEND_WEIGHTS.topic },
      { kind: 'persona', label: 'Operations Leader persona', points: RECOMMEND_WEIGHTS.persona },
      { kind: 'stage', label: 'decision stage', points: RECOMMEND_WEIGHTS.stage },
    ]);
    expect(top?.score).toBe(RECOMMEND_WEIGHTS.topic + RECOMMEND_WEIGHTS.persona + RECOMMEND_WEIGHTS.stage);
  });

  it('leaves out what was consumed and keeps one asset per type', () => {
    const picks = recommendContent({ assets: data.content, index, stage: 'consideration', consumedIds: new Set(['asset-cs-harborline']), limit: 10 });
    expect(picks.map((p) => p.asset.id)).not.toContain('asset-cs-harborline');
    expect(new Set(picks.map((p) => p.asset.type)).size).toBe(picks.length);
    expect(picks.length).toBe(new Set(data.content.map((a) => a.type)).size);
  });

  it('does not name a weak match in the short why', () => {
    const asset = (id: string, title: string): ContentAsset => ({ id, title, url: `https://x.example/${id}`, type: id === 'a' ? 'one_pager' : 'case_study', funnelStage: 'awareness', personaIds: [], topics: [], summary: '' });
    const assets = [asset('a', 'Forecasting forecasting forecasting inventory'), asset('b', 'A long title about many other things and inventory too, mostly other things')];
    const picks = recommendContent({ assets, stage: 'awareness', consumedIds: none, topicText: 'forecasting forecasting inventory', limit: 2 });
    const weak = picks.find((p) => p.asset.id === 'b');
    expect(weak?.factors[0]?.label).toMatch(/^Weak match with this thread/);
    expect(weak?.why).toEqual(['awareness stage']);
  });

  it('works without a page, a persona or an index', () => {
    const picks = recommendContent({ assets: data.content, stage: 'awareness', consumedIds: none });
    expect(picks).toHaveLength(3);
    for (const p of picks) expect(p.why.length).toBeGreaterThan(0);
  });
});

describe('content that worked before', () => {
  const signals = { contacts: data.contacts, events: data.events, feedback: [] as Feedback[] };

  it('credits content touched before a meeting or an SQL, once per contact', () => {
    const outcomes = contentOutcomes(signals);
    expect(Object.fromEntries(outcomes)).toEqual({
      // Priya, Katrin and Derek all attended the webinar before they booked a meeting and became SQL.
      'asset-webinar-forecasting': { contacts: 3, meetings: 3, sqls: 3, goodFits: 0 },
      'asset-cs-quillon': { contacts: 2, meetings: 2, sqls: 2, goodFits: 0 },
      'asset-op-revops': { contacts: 1, meetings: 1, sqls: 1, goodFits: 0 },
      'asset-pricing-sheet': { contacts: 1, meetings: 1, sqls: 1, goodFits: 0 },
      'asset-wp-warehouse-benchmark': { contacts: 1, meetings: 1, sqls: 1, goodFits: 0 },
      'asset-op-ops-leaders': { contacts: 1, meetings: 1, sqls: 1, goodFits: 0 },
    });
  });

  it('counts a rep’s "good fit" verdict, but not wins before the touch or long after it', () => {
    const at = (days: number) => new Date(DEMO_NOW.getTime() + days * 86_400_000).toISOString();
    const outcomes = contentOutcomes({
      contacts: [{ id: 'c1' }],
      events: [
        { contactId: 'c1', type: 'email_click', contentId: 'early', at: at(-OUTCOME_WINDOW_DAYS - 10) },
        { contactId: 'c1', type: 'email_click', contentId: 'in-time', at: at(-5) },
        { contactId: 'c1', type: 'email_click', contentId: 'after', at: at(1) },
      ],
      feedback: [{ contactId: 'c1', verdict: 'good_fit', createdAt: at(0) }, { contactId: 'c1', verdict: 'bad_fit', createdAt: at(2) }],
    });
    expect(Object.fromEntries(outcomes)).toEqual({ 'in-time': { contacts: 1, meetings: 0, sqls: 0, goodFits: 1 } });
  });

  it('lifts content that worked, and says so', () => {
    const outcomes = contentOutcomes(signals);
    const plain = recommendContent({ assets: data.content, index, stage: 'consideration', consumedIds: none, limit: 10 });
    const boosted = recommendContent({ assets: data.content, index, stage: 'consideration', consumedIds: none, outcomes, limit: 10 });
    const rank = (list: typeof plain, id: string) => list.findIndex((r) => r.asset.id === id);
    expect(rank(boosted, 'asset-webinar-forecasting')).toBeLessThan(rank(plain, 'asset-webinar-forecasting'));
    const webinar = boosted.find((r) => r.asset.id === 'asset-webinar-forecasting');
    expect(webinar?.why).toContain('worked before (3 contacts)');
    expect(webinar?.factors).toContainEqual({ kind: 'outcome', label: 'Worked before: 3 meetings, 3 SQLs after it', points: RECOMMEND_WEIGHTS.maxOutcome });
  });
});

describe('content that worked before, through the background', () => {
  it('counts a rep’s "good fit" verdict at once, and forgets it when undone', async () => {
    const db = await seededDb();
    const tabs = new Map<number, TabContact>();
    const handlers = createHandlers({
      db: async () => db,
      tabs: { get: async (id) => tabs.get(id) ?? null, set: async (id, c) => void (c ? tabs.set(id, c) : tabs.delete(id)) },
      now: () => DEMO_NOW,
      newId: () => 'fb-1',
    });
    const dana = { site: 'gmail' as const, pageKind: 'conversation' as const, email: 'dana.whitfield@northwind.example', others: [], topicHint: 'Re: Pricing for 40 warehouse sites' };
    const roiWhy = async () => (await handlers['lens.lookup']({ contact: dana }, { tabId: 1 })).recommendations.find((r) => r.id === 'asset-roi-calculator')?.why;
    expect(await roiWhy()).not.toContain('worked before');
    // Marcus downloaded the ROI calculator two weeks ago; a rep now rates him a good fit.
    const marcus = { key: 'marcus.oyelaran@fabrikam.example', email: 'marcus.oyelaran@fabrikam.example' };
    await handlers['feedback.submit']({ feedback: { contact: marcus, verdict: 'good_fit' } }, {});
    expect(await roiWhy()).toContain('worked before (1 contact)');
    await handlers['feedback.undo']({ id: 'fb-1' }, {});
    expect(await roiWhy()).not.toContain('worked before');
  });
});
