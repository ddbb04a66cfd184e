import { computeInsights } from '../lib/insights/compute';
import type { ContentAsset, Feedback, UsageRecord } from '../lib/model';
import { seededRandom } from './random';

/**
 * Insights over 100,000 usage records and 20,000 feedback items (generated, nothing committed): the aggregate the
 * background computes for the options page. Printed, never asserted as a timing.
 */
const random = seededRandom(7);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const assets: ContentAsset[] = Array.from({ length: 300 }, (_, i) => ({
  id: `asset-${i}`,
  title: `Asset ${i}`,
  url: `https://lumenary.example/a/${i}`,
  type: pick(['case_study', 'one_pager', 'pricing_sheet', 'whitepaper'] as const),
  funnelStage: pick(['awareness', 'consideration', 'decision'] as const),
  personaIds: [],
  topics: [],
  summary: '',
}));
const start = Date.parse('2026-08-01T00:00:00Z');
const at = () => new Date(start + Math.floor(random() * 110 * 86_400_000)).toISOString();
const usage: UsageRecord[] = Array.from({ length: 100_000 }, (_, i) => ({
  id: `u${i}`,
  at: at(),
  contactKey: `c${Math.floor(random() * 8000)}@x.example`,
  contentId: pick(assets).id,
  action: pick(['shown', 'shown', 'shown', 'opened', 'link_copied', 'inserted'] as const),
  rank: 1 + Math.floor(random() * 3),
  personaId: pick(['persona-ops-leader', 'persona-revops', 'persona-finance-exec']),
  stage: pick(['Lead', 'MQL', 'SQL']),
}));
const feedback: Feedback[] = Array.from({ length: 20_000 }, (_, i) => ({
  id: `f${i}`,
  contactKey: `c${i % 8000}@x.example`,
  verdict: pick(['good_fit', 'bad_fit', 'not_ready', 'wrong_persona'] as const),
  createdAt: at(),
  sourceCampaignName: pick(['Webinar', 'Nurture', 'Paid social', 'Summit', 'Partner']),
  ...(random() < 0.6 ? { reason: pick(['no_budget', 'too_early', 'competitor', 'spam'] as const) } : {}),
}));

it('computes Insights over 100k usage records and 20k feedback items', () => {
  const runs: number[] = [];
  let result = computeInsights(assets, usage, feedback);
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    result = computeInsights(assets, usage, feedback, i % 2 ? { from: '2026-10-01T00:00:00.000Z' } : {});
    runs.push(performance.now() - t);
  }
  runs.sort((a, b) => a - b);
  console.log(
    `\nInsights (100,000 usage records, 20,000 feedback items, 300 assets): p50 ${runs[7]!.toFixed(1)} ms, max ${runs[14]!.toFixed(1)} ms over 15 runs\n`,
  );
  expect(result.totals.feedback).toBeGreaterThan(0);
  expect(result.assets).toHaveLength(300);
});
