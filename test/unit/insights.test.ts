import { computeInsights } from '../../lib/insights/compute';
import type { Feedback, UsageRecord } from '../../lib/model';
import { demoDataset } from './helpers';

const { content } = demoDataset();
let n = 0;
const use = (contentId: string, action: UsageRecord['action'], contactKey: string, at = '2026-11-10T10:00:00.000Z', extra: Partial<UsageRecord> = {}): UsageRecord => ({
  id: `u${++n}`,
  at,
  contactKey,
  contentId,
  action,
  rank: 1,
  ...extra,
});
const fb = (verdict: Feedback['verdict'], campaign?: string, reason?: Feedback['reason'], createdAt = '2026-11-10T10:00:00.000Z'): Feedback => ({
  id: `f${++n}`,
  contactKey: 'x@y.example',
  verdict,
  createdAt,
  ...(campaign ? { sourceCampaignName: campaign } : {}),
  ...(reason ? { reason } : {}),
});

describe('insights', () => {
  it('counts usage per asset, the ignored rate, and the never-used assets', () => {
    const usage = [
      use('asset-pricing-sheet', 'shown', 'a', undefined, { personaId: 'persona-ops-leader', stage: 'MQL' }),
      use('asset-pricing-sheet', 'link_copied', 'a', undefined, { personaId: 'persona-ops-leader', stage: 'MQL' }),
      use('asset-pricing-sheet', 'shown', 'b'),
      use('asset-roi-calculator', 'shown', 'a'),
      use('asset-roi-calculator', 'shown', 'a'),
      use('asset-gone', 'opened', 'a'),
    ];
    const out = computeInsights(content, usage, []);
    const pricing = out.assets.find((a) => a.asset.id === 'asset-pricing-sheet')!;
    expect(pricing.counts).toEqual({ shown: 2, opened: 0, link_copied: 1, inserted: 0 });
    expect(pricing.ignored).toBe(1);
    expect(pricing.ignoredRate).toBe(0.5);
    expect(out.assets[0]?.asset.id).toBe('asset-pricing-sheet');
    expect(out.assets.find((a) => a.asset.id === 'asset-roi-calculator')?.ignoredRate).toBe(1);
    expect(out.neverUsed.map((a) => a.id)).not.toContain('asset-pricing-sheet');
    expect(out.neverUsed).toHaveLength(content.length - 1);
    expect(out.byPersona).toEqual([
      { key: 'No persona', used: 0, shown: 3 },
      { key: 'persona-ops-leader', used: 1, shown: 1 },
    ]);
    expect(out.byStage.find((s) => s.key === 'MQL')).toEqual({ key: 'MQL', used: 1, shown: 1 });
    expect(out.totals.usage).toBe(6);
  });

  it('groups feedback by source campaign and reason, within the date range', () => {
    const feedback = [
      fb('good_fit', 'Webinar'),
      fb('bad_fit', 'Webinar', 'no_budget'),
      fb('bad_fit', 'Paid social', 'student_or_job_seeker'),
      fb('not_ready', undefined, 'too_early'),
      fb('good_fit', 'Webinar', undefined, '2026-10-01T00:00:00.000Z'),
    ];
    const out = computeInsights(content, [], feedback, { from: '2026-11-01T00:00:00.000Z' });
    expect(out.feedbackByCampaign).toEqual([
      { campaign: 'Webinar', total: 2, verdicts: { good_fit: 1, bad_fit: 1, not_ready: 0, wrong_persona: 0 } },
      { campaign: 'No source campaign', total: 1, verdicts: { good_fit: 0, bad_fit: 0, not_ready: 1, wrong_persona: 0 } },
      { campaign: 'Paid social', total: 1, verdicts: { good_fit: 0, bad_fit: 1, not_ready: 0, wrong_persona: 0 } },
    ]);
    expect(out.feedbackByReason.map((r) => [r.reason, r.total])).toEqual([
      ['no_budget', 1],
      ['none', 1],
      ['student_or_job_seeker', 1],
      ['too_early', 1],
    ]);
    expect(out.totals).toEqual({ usage: 0, feedback: 4, goodFitRate: 0.25 });
  });
});
