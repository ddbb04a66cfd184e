import { act } from 'preact/test-utils';
import { render } from 'preact';
import { LeadScore } from '../../components/sidebar/LeadScore';
import { PersonaPanel } from '../../components/sidebar/PersonaPanel';
import { RecommendedContent } from '../../components/sidebar/RecommendedContent';
import { buildContentIndex } from '../../lib/engine/content-index';
import { buildLensView, type LensView } from '../../lib/engine/lens';
import { contentOutcomes } from '../../lib/engine/outcomes';
import { DEMO_NOW, demoDataset } from './helpers';

/** The sidebar's engine sections show every explanation the engine gives, expandable, as text. */

const data = demoDataset();
function danaView(): LensView {
  const contact = data.contacts.find((c) => c.id === 'ct-dana-whitfield')!;
  return buildLensView({
    detected: { site: 'gmail', pageKind: 'conversation', email: contact.emails[0], others: [], topicHint: 'Re: Pricing for 40 warehouse sites' },
    record: { contact, events: data.events.filter((e) => e.contactId === contact.id) },
    campaigns: new Map(data.campaigns.map((c) => [c.id, c])),
    personas: data.personas,
    content: data.content,
    sla: data.sla,
    now: DEMO_NOW,
    contentIndex: buildContentIndex(data.content),
    outcomes: contentOutcomes({ contacts: data.contacts, events: data.events, feedback: [] }),
  });
}
/** Renders, then opens every explanation as a rep would (they are built only when opened). */
function mount(node: preact.ComponentChild): HTMLElement {
  const container = document.createElement('div');
  document.body.replaceChildren(container);
  act(() => render(node, container));
  for (let opened = 0; opened < 10; opened++) {
    const closed = container.querySelector<HTMLElement>('details:not([open]) > summary');
    if (!closed) break;
    act(() => closed.click());
  }
  return container;
}
/** "+14" and "−3" as numbers. */
const points = (text: string) => Number(text.replace('−', '-').replace('+', ''));

describe('lead score section', () => {
  it('explains the score line by line, the lines adding up to it, with decay, CRM scores and the MQL rule', () => {
    const view = danaView();
    const el = mount(<LeadScore view={view} />);
    const why = el.querySelector('details.why')!;
    expect(why.querySelector('summary')?.textContent).toBe('Why this score');
    const lines = [...why.querySelectorAll('.reasons-list li')];
    expect(lines.length).toBe(view.score!.reasons.length);
    expect(lines.reduce((t, li) => t + points(li.querySelector('span')!.textContent!), 0)).toBe(view.score!.score);
    expect(why.textContent).toContain('Downloaded content (8 before decay)');
    expect(why.textContent).toContain(`${view.score!.engagement.removedByDecay} points faded with time (30-day half-life)`);
    expect(why.textContent).toContain('An MQL scores 60 or more (the SLA’s threshold) with fit grade C or better.');
    expect(el.querySelector('.imported')?.textContent).toBe('From your CRM, not part of this score:HubSpot · Lead score: 78');
    expect(el.textContent).toMatch(/Fit\s*49\/50 · grade A/);
  });
});

describe('persona section', () => {
  it('says why, and lists every criterion with its state and weight', () => {
    const el = mount(<PersonaPanel view={danaView()} />);
    expect(el.textContent).toContain('Why: title mentions "operations", seniority, department, industry, company size');
    const criteria = [...el.querySelectorAll('.criteria li')].map((li) => li.textContent);
    expect(criteria[0]).toBe('✓ Title "operations" · weight 50%');
    expect(criteria).toContain('✓ Company size 1,800 (wants 500–10,000) · weight 5%');
  });
});

describe('recommended content section', () => {
  it('says why each pick, and what counted for it with its weight', () => {
    const el = mount(<RecommendedContent view={danaView()} onCopyLink={() => undefined} />);
    expect(el.textContent).toContain('For the decision stage: the thread mentions "pricing".');
    const first = el.querySelector('.content-list > li')!;
    expect(first.querySelector('.content-title')?.textContent).toBe('Lumenary Pricing & Packaging 2026');
    expect(first.textContent).toContain('Pricing sheet · Matches "pricing" in this thread');
    const factors = [...first.querySelectorAll('.factor')].map((f) => f.textContent);
    expect(factors).toEqual([
      '+4.0 Matches "pricing" in this thread',
      '+3.0 Operations Leader persona',
      '+2.0 decision stage',
      '+0.5 Worked before: 1 meeting, 1 SQL after it',
    ]);
  });

  it('shows no details when the engine gave no factors', () => {
    const view: LensView = { contact: {}, known: false, campaignTouches: [], recommendations: [{ id: 'a', title: 'A', url: 'https://x.example/a', type: 'one_pager', why: 'awareness stage' }] };
    const el = mount(<RecommendedContent view={view} onCopyLink={() => undefined} />);
    expect(el.querySelector('details')).toBeNull();
  });
});
