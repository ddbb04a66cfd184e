import type { ContentAsset, ContentType, FunnelStage, LifecycleStage } from '../model';
import { buildContentIndex, type ContentIndex, type TextMatch } from './content-index';
import { describeOutcome, type ContentOutcome } from './outcomes';
import { stem } from './terms';
import { normalizeWords } from './text';

export type RecommendationFactorKind = 'topic' | 'persona' | 'stage' | 'outcome';

/** One thing that counted for an asset, with its weight in the ranking. */
export interface RecommendationFactor {
  kind: RecommendationFactorKind;
  label: string;
  points: number;
}

export interface Recommendation {
  asset: ContentAsset;
  score: number;
  /** A few words each, most telling first: `Matches "pricing" in this thread`, `Operations Leader persona`. */
  why: string[];
  factors: RecommendationFactor[];
}

export interface RecommendInput {
  assets: readonly ContentAsset[];
  /** The assets' BM25 index, built once per library load; built here when not given. */
  index?: ContentIndex;
  personaId?: string;
  personaName?: string;
  stage: FunnelStage;
  /** Content the contact already consumed (from their campaign history): not recommended again. */
  consumedIds: ReadonlySet<string>;
  /** Text of the open page (a thread's subject and body), used in memory only. */
  topicText?: string;
  /** What happened after other contacts received each asset (see contentOutcomes). */
  outcomes?: ReadonlyMap<string, ContentOutcome>;
  limit?: number;
}

const STAGE_INDEX: Record<FunnelStage, number> = { awareness: 0, consideration: 1, decision: 2 };

export const FUNNEL_LABEL: Record<FunnelStage, string> = {
  awareness: 'awareness stage',
  consideration: 'consideration stage',
  decision: 'decision stage',
};

/**
 * The weights of the ranking. The page's topic leads (the rep is answering this thread now), then the persona,
 * the buying stage, and the track record; a strong topic match can outrank a persona match, not the other way round.
 */
export const RECOMMEND_WEIGHTS = {
  topic: 4,
  persona: 3,
  stage: 2,
  adjacentStage: 0.5,
  perWin: 0.5,
  maxOutcome: 1.5,
  /** Below this share of the best text match, a match is too weak to name. */
  namedTopic: 0.2,
} as const;

/** Where in the buying journey a lifecycle stage and score put the contact. */
export function funnelStageFor(stage: LifecycleStage | undefined, score: number | undefined): FunnelStage {
  if (stage === 'sql' || stage === 'opportunity' || stage === 'customer') return 'decision';
  if (stage === 'mql' || (score ?? 0) >= 40) return 'consideration';
  return 'awareness';
}

/** Words that mean a conversation is about buying now, or about choosing, whatever the CRM stage says. */
const INTENT_WORDS: ReadonlyArray<[FunnelStage, ReadonlySet<string>]> = [
  [
    'decision',
    new Set(
      ['pricing', 'price', 'quote', 'proposal', 'contract', 'sign', 'procurement', 'security', 'rollout', 'budget', 'purchase', 'invoice', 'discount', 'renewal', 'negotiation'].map(stem),
    ),
  ],
  ['consideration', new Set(['demo', 'trial', 'compare', 'comparison', 'alternative', 'evaluate', 'evaluating', 'evaluation', 'shortlist', 'rfp', 'vendor'].map(stem))],
];

/** The latest buying stage the page's words point to, and the word that says so. */
export function pageIntent(pageText: string | undefined): { stage: FunnelStage; word: string } | undefined {
  if (!pageText) return undefined;
  const words = normalizeWords(pageText);
  for (const [stage, set] of INTENT_WORDS) {
    const word = words.find((w) => set.has(stem(w)));
    if (word) return { stage, word };
  }
  return undefined;
}

/** The later of the contact's stage and the stage the page's words point to. */
export function stageWithPageIntent(stage: FunnelStage, pageText: string | undefined): FunnelStage {
  const intent = pageIntent(pageText);
  return intent && STAGE_INDEX[intent.stage] > STAGE_INDEX[stage] ? intent.stage : stage;
}

/** Content that counts as already received: downloaded, watched, clicked through. A page view is interest, not receipt. */
export const CONSUMING_EVENTS = new Set(['content_download', 'webinar_attended', 'email_click']);

interface Context {
  input: RecommendInput;
  text: ReadonlyMap<string, TextMatch>;
  stageIndex: number;
}

function outcomePoints(outcome: ContentOutcome | undefined): number {
  return outcome ? Math.min(RECOMMEND_WEIGHTS.maxOutcome, RECOMMEND_WEIGHTS.perWin * outcome.contacts) : 0;
}

/** The ranking score alone: run for every asset, so it allocates nothing. */
function scoreOf(asset: ContentAsset, ctx: Context): number {
  const { input } = ctx;
  let score = 0;
  const match = ctx.text.get(asset.id);
  if (match) score += RECOMMEND_WEIGHTS.topic * match.relevance;
  if (input.personaId && asset.personaIds.includes(input.personaId)) score += RECOMMEND_WEIGHTS.persona;
  const distance = Math.abs(STAGE_INDEX[asset.funnelStage] - ctx.stageIndex);
  if (distance === 0) score += RECOMMEND_WEIGHTS.stage;
  else if (distance === 1) score += RECOMMEND_WEIGHTS.adjacentStage;
  return score + outcomePoints(input.outcomes?.get(asset.id));
}

/** The same score taken apart, for the few assets that are shown. */
function factorsOf(asset: ContentAsset, ctx: Context): RecommendationFactor[] {
  const { input } = ctx;
  const factors: RecommendationFactor[] = [];
  const match = ctx.text.get(asset.id);
  if (match) {
    const strong = match.relevance >= RECOMMEND_WEIGHTS.namedTopic;
    factors.push({
      kind: 'topic',
      label: strong ? `Matches "${match.word}" in this thread` : `Weak match with this thread ("${match.word}")`,
      points: RECOMMEND_WEIGHTS.topic * match.relevance,
    });
  }
  if (input.personaId && asset.personaIds.includes(input.personaId))
    factors.push({ kind: 'persona', label: `${input.personaName ?? 'Persona'} persona`, points: RECOMMEND_WEIGHTS.persona });
  const distance = Math.abs(STAGE_INDEX[asset.funnelStage] - ctx.stageIndex);
  if (distance === 0) factors.push({ kind: 'stage', label: FUNNEL_LABEL[asset.funnelStage], points: RECOMMEND_WEIGHTS.stage });
  else if (distance === 1)
    factors.push({ kind: 'stage', label: `${FUNNEL_LABEL[asset.funnelStage]} (one step from ${FUNNEL_LABEL[input.stage]})`, points: RECOMMEND_WEIGHTS.adjacentStage });
  const outcome = input.outcomes?.get(asset.id);
  if (outcome) factors.push({ kind: 'outcome', label: `Worked before: ${describeOutcome(outcome)} after it`, points: outcomePoints(outcome) });
  return factors;
}

/** The short "why": the factors a rep can repeat, without the weak ones. */
function whyOf(asset: ContentAsset, factors: readonly RecommendationFactor[], ctx: Context): string[] {
  const why: string[] = [];
  for (const f of factors) {
    if (f.kind === 'topic' && (ctx.text.get(asset.id)?.relevance ?? 0) >= RECOMMEND_WEIGHTS.namedTopic) why.push(f.label);
    else if (f.kind === 'persona') why.push(f.label);
    else if (f.kind === 'stage' && asset.funnelStage === ctx.input.stage) why.push(f.label);
    else if (f.kind === 'outcome') {
      const n = ctx.input.outcomes?.get(asset.id)?.contacts ?? 0;
      why.push(`worked before (${n} contact${n === 1 ? '' : 's'})`);
    }
  }
  return why.length > 0 ? why : [FUNNEL_LABEL[asset.funnelStage]];
}

/** Higher score first; equal scores by id, so the same input always gives the same order. */
const better = (a: { score: number; id: string }, b: { score: number; id: string }) => a.score > b.score || (a.score === b.score && a.id < b.id);

/**
 * Content ranked for this contact by the page's topics (BM25), persona, buying stage and track record, each pick
 * saying why; what they already consumed is left out, and at most one asset per type is picked so the rep gets a range.
 */
export function recommendContent(input: RecommendInput): Recommendation[] {
  const limit = input.limit ?? 3;
  const text = input.topicText ? (input.index ?? buildContentIndex(input.assets)).match(input.topicText) : new Map<string, TextMatch>();
  const ctx: Context = { input, text, stageIndex: STAGE_INDEX[input.stage] };

  // One pass keeps the best asset of each type: diversity by type without sorting (or allocating for) the whole library.
  const bestByType = new Map<ContentType, { asset: ContentAsset; score: number; id: string }>();
  for (const asset of input.assets) {
    if (input.consumedIds.has(asset.id)) continue;
    const score = scoreOf(asset, ctx);
    const current = bestByType.get(asset.type);
    if (!current) bestByType.set(asset.type, { asset, score, id: asset.id });
    else if (better({ score, id: asset.id }, current)) {
      current.asset = asset;
      current.score = score;
      current.id = asset.id;
    }
  }
  return [...bestByType.values()]
    .toSorted((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0))
    .slice(0, limit)
    .map(({ asset, score }) => {
      const factors = factorsOf(asset, ctx);
      return { asset, score, why: whyOf(asset, factors, ctx), factors };
    });
}
