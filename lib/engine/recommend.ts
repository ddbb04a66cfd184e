import type { ContentAsset, ContentType, FunnelStage, LifecycleStage } from '../model';
import { normalizeWords } from './text';

export interface Recommendation {
  asset: ContentAsset;
  score: number;
  why: string[];
}

export interface RecommendInput {
  assets: readonly ContentAsset[];
  personaId?: string;
  personaName?: string;
  stage: FunnelStage;
  /** Content the contact already consumed (from their campaign history): not recommended again. */
  consumedIds: ReadonlySet<string>;
  /** Text of the open page (a thread's subject), used in memory only. */
  topicText?: string;
  limit?: number;
}

const STAGE_ORDER: FunnelStage[] = ['awareness', 'consideration', 'decision'];

export const FUNNEL_LABEL: Record<FunnelStage, string> = {
  awareness: 'awareness stage',
  consideration: 'consideration stage',
  decision: 'decision stage',
};

/** Where in the buying journey a lifecycle stage and score put the contact. */
export function funnelStageFor(stage: LifecycleStage | undefined, score: number | undefined): FunnelStage {
  if (stage === 'sql' || stage === 'opportunity' || stage === 'customer') return 'decision';
  if (stage === 'mql' || (score ?? 0) >= 40) return 'consideration';
  return 'awareness';
}

/** Words that mean a conversation is about buying now, whatever the CRM stage says. */
const DECISION_WORDS = new Set(['pricing', 'price', 'quote', 'proposal', 'contract', 'sign', 'procurement', 'security', 'rollout']);

/** The later of the contact's stage and the stage the page's words point to. */
export function stageWithPageIntent(stage: FunnelStage, pageText: string | undefined): FunnelStage {
  if (!pageText) return stage;
  return normalizeWords(pageText).some((w) => DECISION_WORDS.has(w)) ? 'decision' : stage;
}

/** Content that counts as already received: downloaded, watched, clicked through. A page view is interest, not receipt. */
export const CONSUMING_EVENTS = new Set(['content_download', 'webinar_attended', 'email_click']);

/**
 * Content ranked for this contact: persona fit, funnel stage and the page's topics, each saying why;
 * at most one asset per type among the top picks so the rep gets a range to choose from.
 */
export function recommendContent(input: RecommendInput): Recommendation[] {
  const limit = input.limit ?? 3;
  const pageWords = new Set(input.topicText ? normalizeWords(input.topicText) : []);
  const stageIndex = STAGE_ORDER.indexOf(input.stage);
  // Rarer topics say more about what the page asks for (inverse document frequency).
  const topicCount = new Map<string, number>();
  for (const asset of input.assets) for (const t of new Set(asset.topics)) topicCount.set(t, (topicCount.get(t) ?? 0) + 1);
  const idf = (topic: string) => Math.log(1 + input.assets.length / (topicCount.get(topic) ?? 1));
  const ranked = input.assets
    .filter((asset) => !input.consumedIds.has(asset.id))
    .map((asset) => {
      const why: string[] = [];
      let score = 0;
      const topics = asset.topics
        .filter((t) => normalizeWords(t).every((w) => pageWords.has(w)))
        .toSorted((a, b) => idf(b) - idf(a));
      if (topics.length > 0) {
        score += 3 * topics.reduce((total, t) => total + idf(t), 0);
        why.push(`Matches "${topics[0]}" in this thread`);
      }
      if (input.personaId && asset.personaIds.includes(input.personaId)) {
        score += 3;
        why.push(`${input.personaName ?? 'Persona'} persona`);
      }
      const distance = Math.abs(STAGE_ORDER.indexOf(asset.funnelStage) - stageIndex);
      if (distance === 0) {
        score += 2;
        why.push(FUNNEL_LABEL[asset.funnelStage]);
      } else if (distance === 1) score += 0.5;
      return { asset, score, why };
    })
    .toSorted((a, b) => b.score - a.score || a.asset.id.localeCompare(b.asset.id));

  const picked: Recommendation[] = [];
  const types = new Set<ContentType>();
  for (const rec of ranked) {
    if (picked.length >= limit) break;
    if (types.has(rec.asset.type)) continue;
    types.add(rec.asset.type);
    picked.push(rec.why.length > 0 ? rec : { ...rec, why: [FUNNEL_LABEL[rec.asset.funnelStage]] });
  }
  return picked;
}
