import { buildContentIndex } from '../../lib/engine/content-index';
import { buildLensView, type LensView } from '../../lib/engine/lens';
import { contentOutcomes } from '../../lib/engine/outcomes';
import type { DetectedContact } from '../../lib/sites/contact';
import { DEMO_NOW, demoDataset } from './helpers';

/**
 * Golden cases: what the sidebar says about the demo's people, written down the way a marketer would check it.
 * Each case names the person, what a marketer expects and why. If a change to the engine breaks one, either the
 * change is wrong or the marketer's expectation moved: decide which, and say so here.
 */

const data = demoDataset();
const library = {
  campaigns: new Map(data.campaigns.map((c) => [c.id, c])),
  personas: data.personas,
  content: data.content,
  sla: data.sla,
  now: DEMO_NOW,
  contentIndex: buildContentIndex(data.content),
  outcomes: contentOutcomes({ contacts: data.contacts, events: data.events, feedback: [] }),
};
const detected = (email: string, extra: Partial<DetectedContact> = {}): DetectedContact => ({ site: 'gmail', pageKind: 'conversation', email, others: [], ...extra });
const lens = (id: string, topicHint?: string): LensView => {
  const contact = data.contacts.find((c) => c.id === id)!;
  return buildLensView({
    ...library,
    detected: detected(contact.emails[0]!, topicHint ? { topicHint } : {}),
    record: { contact, events: data.events.filter((e) => e.contactId === id) },
  });
};
const score = (id: string) => lens(id).score!;
const picks = (view: LensView) => view.recommendations.map((r) => r.id);

describe('golden: the demo data as a marketer reads it', () => {
  it('G1 Dana Whitfield (VP Operations, 1,800-person logistics firm; webinar, pricing and ROI pages, "talk to sales" form) is a hot, well-fitting MQL', () => {
    const view = lens('ct-dana-whitfield', 'Re: Pricing for 40 warehouse sites');
    expect(view.score).toMatchObject({ fit: { grade: 'A' }, engagement: { level: 3 }, impliedStage: 'mql' });
    expect(view.score!.score).toBeGreaterThanOrEqual(80);
    expect(view.stage).toEqual({ id: 'mql', label: 'MQL', mqlReady: false });
    expect(view.sla?.state).toBe('due_soon');
    expect(view.persona).toMatchObject({ name: 'Operations Leader', confidence: 1, guessed: false });
  });

  it('G2 Dana asks about pricing for 40 sites: the pricing sheet first, the ROI calculator next, nothing she already has', () => {
    const view = lens('ct-dana-whitfield', 'Re: Pricing for 40 warehouse sites');
    expect(picks(view).slice(0, 2)).toEqual(['asset-pricing-sheet', 'asset-roi-calculator']);
    // The sheet also preceded Priya's meeting, so it "worked before".
    expect(view.recommendations[0]?.why).toBe('Matches "pricing" in this thread · Operations Leader persona · decision stage · worked before (1 contact)');
    expect(view.recommendationStage).toMatchObject({ stage: 'decision', because: 'the thread mentions "pricing"' });
    // She attended the webinar, clicked the Harborline story and downloaded the benchmark.
    for (const had of ['asset-webinar-forecasting', 'asset-cs-harborline', 'asset-wp-warehouse-benchmark']) expect(picks(view)).not.toContain(had);
  });

  it('G2b With the whole thread, where she asks to "send the pricing sheet beforehand", the pricing sheet still leads', () => {
    const thread = [
      'Re: Pricing for 40 warehouse sites',
      'Hi Sam, we are looking at analytics for our 40 warehouse sites. Could you share pricing and how the rollout would work? Dana',
      'Hi Dana, thanks for reaching out. Looping in Alex, our solutions engineer. Does Thursday work for a call?',
      'Thursday works. Adding Jonah, who runs supply chain. Please send the pricing sheet beforehand.',
      'Great, invite sent. Pricing to follow.',
    ].join('\n');
    const view = lens('ct-dana-whitfield', thread);
    expect(picks(view).slice(0, 2)).toEqual(['asset-pricing-sheet', 'asset-roi-calculator']);
    expect(view.recommendations[0]?.why).toMatch(/^Matches "pricing" in this thread/);
  });

  it('G3 Kyle Benson (operations intern, personal mailbox, many downloads) is not an MQL however busy he is; his HubSpot score stays apart', () => {
    const view = lens('ct-kyle-benson');
    expect(view.score).toMatchObject({ fit: { points: 0, grade: 'D' }, impliedStage: 'lead' });
    expect(view.score!.score).toBeLessThan(20);
    expect(view.score!.reasons).toContainEqual({ group: 'fit', label: 'Personal email address only', points: -15 });
    expect(view.importedScores).toEqual([{ system: 'hubspot', systemName: 'HubSpot', label: 'Lead score', value: 41 }]);
  });

  it('G4 At Northwind, the engaged VP outranks the director who stopped by the booth, who outranks the analyst who did nothing', () => {
    expect(score('ct-dana-whitfield').score).toBeGreaterThan(score('ct-jonah-reyes').score);
    expect(score('ct-jonah-reyes').score).toBeGreaterThan(score('ct-sam-okafor').score);
    expect(score('ct-sam-okafor').engagement.points).toBe(0);
  });

  it('G5 Marcus Oyelaran (CFO at a 4,200-person manufacturer; booth visit, ROI calculator) is a lead the score flags as MQL-ready', () => {
    const view = lens('ct-marcus-oyelaran');
    expect(view.stage).toEqual({ id: 'lead', label: 'Lead', mqlReady: true });
    expect(view.persona?.name).toBe('Finance Executive');
  });

  it('G6 Tobias Brandt unsubscribed and Omar Haddad’s address bounced: no engagement credit left, and the reason is shown', () => {
    expect(score('ct-tobias-brandt').engagement.points).toBe(0);
    expect(score('ct-tobias-brandt').reasons).toContainEqual({ group: 'engagement', label: 'Unsubscribed', points: -15 });
    expect(score('ct-omar-haddad').reasons).toContainEqual({ group: 'engagement', label: 'Email bounced', points: -10 });
  });

  it('G7 Helena Marsh attended the webinar in September and went quiet: most of it has faded', () => {
    const s = score('ct-helena-marsh');
    expect(s.engagement.level).toBe(1);
    expect(s.engagement.removedByDecay).toBeGreaterThanOrEqual(10);
    expect(s.impliedStage).toBe('lead');
  });

  it('G8 Sales keeps its stages: Priya (SQL) and Katrin (opportunity) stay where sales put them', () => {
    expect(lens('ct-priya-raman').stage).toEqual({ id: 'sql', label: 'SQL', mqlReady: false });
    expect(lens('ct-katrin-vogel').stage).toEqual({ id: 'opportunity', label: 'Opportunity', mqlReady: false });
  });

  it('G9 Priya asks for a security review before signing: decision stage, and not the security datasheet she already downloaded', () => {
    const view = lens('ct-priya-raman', 'Security review before we sign');
    expect(view.persona?.name).toBe('Revenue Operations Manager');
    expect(view.recommendationStage?.stage).toBe('decision');
    expect(picks(view)).not.toContain('asset-datasheet-security');
    expect(picks(view)[0]).toBe('asset-pricing-sheet');
  });

  it('G10 Titles land on the specific persona: "Head of Revenue Operations" is RevOps, "Head of FP&A" is Finance, "COO" is Operations', () => {
    expect(lens('ct-victor-santos').persona?.name).toBe('Revenue Operations Manager');
    expect(lens('ct-derek-mahoney').persona?.name).toBe('Revenue Operations Manager');
    expect(lens('ct-claire-dubois').persona?.name).toBe('Finance Executive');
    expect(lens('ct-grace-liu').persona?.name).toBe('Operations Leader');
  });

  it('G11 The webinar recording preceded three meetings and SQLs: for a new RevOps lead it is recommended and says it worked before', () => {
    const view = lens('ct-elena-kowalski');
    const webinar = view.recommendations.find((r) => r.id === 'asset-webinar-forecasting');
    expect(webinar?.why).toContain('worked before (3 contacts)');
  });

  it('G12 Someone not in the data, writing about forecasting for their DCs, gets forecasting content for the awareness stage', () => {
    const view = buildLensView({ ...library, detected: detected('lee.morgan@brightfield.example', { name: 'Lee Morgan', topicHint: 'Intro: forecasting for our DCs' }), record: null });
    expect(view.score).toBeUndefined();
    expect(view.recommendationStage?.stage).toBe('awareness');
    expect(view.recommendations[0]).toMatchObject({ id: 'asset-webinar-forecasting' });
    expect(view.recommendations[0]?.why).toMatch(/^Matches "forecasting" in this thread/);
  });

  it('G13 Among open leads, the hottest well-fitting ones come first', () => {
    const leads = data.contacts.filter((c) => c.lifecycleStage === 'lead').map((c) => ({ id: c.id, s: score(c.id).score }));
    const ranked = leads.toSorted((a, b) => b.s - a.s || a.id.localeCompare(b.id)).map((l) => l.id);
    expect(ranked[0]).toBe('ct-marcus-oyelaran');
    expect(ranked.at(-1)).toBe('ct-kyle-benson');
  });
});
