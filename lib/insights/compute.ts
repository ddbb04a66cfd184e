import type { ContentAsset, Feedback, FeedbackReason, UsageAction, UsageRecord, Verdict } from '../model';

export interface DateRange {
  /** Inclusive ISO start, or undefined for "from the beginning". */
  from?: string;
  /** Exclusive ISO end, or undefined for "until now". */
  to?: string;
}

export interface AssetUsage {
  asset: Pick<ContentAsset, 'id' | 'title' | 'type'>;
  counts: Record<UsageAction, number>;
  /** Shown to reps but never opened, copied or inserted for that contact. */
  ignored: number;
  /** ignored / shown; undefined when never shown. */
  ignoredRate?: number;
}

export interface Insights {
  assets: AssetUsage[];
  neverUsed: Pick<ContentAsset, 'id' | 'title' | 'type'>[];
  byPersona: { key: string; used: number; shown: number }[];
  byStage: { key: string; used: number; shown: number }[];
  feedbackByCampaign: { campaign: string; total: number; verdicts: Record<Verdict, number> }[];
  feedbackByReason: { reason: FeedbackReason | 'none'; total: number }[];
  totals: { usage: number; feedback: number; goodFitRate?: number };
}

const VERDICTS: Verdict[] = ['good_fit', 'bad_fit', 'not_ready', 'wrong_persona'];
const inRange = (iso: string, range: DateRange) => (!range.from || iso >= range.from) && (!range.to || iso < range.to);
const zeroActions = (): Record<UsageAction, number> => ({ shown: 0, opened: 0, link_copied: 0, inserted: 0 });

/**
 * What marketing learns from reps: which content they use and ignore, and how good the leads of each campaign
 * are. One pass over each list, so 100k usage records take milliseconds.
 */
export function computeInsights(
  assets: readonly ContentAsset[],
  usage: readonly UsageRecord[],
  feedback: readonly Feedback[],
  range: DateRange = {},
): Insights {
  const perAsset = new Map(assets.map((a) => [a.id, { counts: zeroActions(), shownTo: new Set<string>(), usedBy: new Set<string>() }]));
  const persona = new Map<string, { used: number; shown: number }>();
  const stage = new Map<string, { used: number; shown: number }>();
  let usageTotal = 0;

  for (const record of usage) {
    if (!inRange(record.at, range)) continue;
    usageTotal++;
    const entry = perAsset.get(record.contentId);
    if (!entry) continue; // content since removed from the library
    entry.counts[record.action]++;
    const pair = `${record.contactKey}\u0000`;
    if (record.action === 'shown') entry.shownTo.add(pair);
    else entry.usedBy.add(pair);
    for (const [map, key] of [
      [persona, record.personaId ?? 'No persona'],
      [stage, record.stage ?? 'Unknown stage'],
    ] as const) {
      const row = map.get(key) ?? { used: 0, shown: 0 };
      if (record.action === 'shown') row.shown++;
      else row.used++;
      map.set(key, row);
    }
  }

  const assetRows: AssetUsage[] = assets.map((asset) => {
    const entry = perAsset.get(asset.id)!;
    let ignored = 0;
    for (const who of entry.shownTo) if (!entry.usedBy.has(who)) ignored++;
    const shown = entry.shownTo.size;
    return {
      asset: { id: asset.id, title: asset.title, type: asset.type },
      counts: entry.counts,
      ignored,
      ...(shown > 0 ? { ignoredRate: ignored / shown } : {}),
    };
  });

  const campaigns = new Map<string, { total: number; verdicts: Record<Verdict, number> }>();
  const reasons = new Map<FeedbackReason | 'none', number>();
  let feedbackTotal = 0;
  let good = 0;
  for (const item of feedback) {
    if (!inRange(item.createdAt, range)) continue;
    feedbackTotal++;
    if (item.verdict === 'good_fit') good++;
    const campaign = item.sourceCampaignName ?? 'No source campaign';
    const row = campaigns.get(campaign) ?? { total: 0, verdicts: Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number> };
    row.total++;
    row.verdicts[item.verdict]++;
    campaigns.set(campaign, row);
    const reason = item.reason ?? 'none';
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }

  const byCount = <T extends { total: number }>(a: T, b: T) => b.total - a.total;
  const rows = (map: Map<string, { used: number; shown: number }>) =>
    [...map].map(([key, v]) => ({ key, ...v })).toSorted((a, b) => b.used + b.shown - (a.used + a.shown) || a.key.localeCompare(b.key));
  return {
    assets: assetRows.toSorted((a, b) => total(b) - total(a) || a.asset.title.localeCompare(b.asset.title)),
    // Never opened, copied or inserted by anyone, whether or not Lens showed it.
    neverUsed: assetRows.filter((row) => used(row) === 0).map((row) => row.asset),
    byPersona: rows(persona),
    byStage: rows(stage),
    feedbackByCampaign: [...campaigns].map(([campaign, v]) => ({ campaign, ...v })).toSorted((a, b) => byCount(a, b) || a.campaign.localeCompare(b.campaign)),
    feedbackByReason: [...reasons].map(([reason, count]) => ({ reason, total: count })).toSorted((a, b) => byCount(a, b) || a.reason.localeCompare(b.reason)),
    totals: { usage: usageTotal, feedback: feedbackTotal, ...(feedbackTotal > 0 ? { goodFitRate: good / feedbackTotal } : {}) },
  };
}

function used(row: AssetUsage): number {
  return row.counts.opened + row.counts.link_copied + row.counts.inserted;
}
/** Rank by use first, then by how often shown. */
function total(row: AssetUsage): number {
  return used(row) * 10 + row.counts.shown;
}
