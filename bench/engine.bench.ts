import { buildContentIndex } from '../lib/engine/content-index';
import { seededRandom } from './random';
import { matchPersonas } from '../lib/engine/persona';
import { recommendContent } from '../lib/engine/recommend';
import { scoreContact } from '../lib/engine/scoring';
import { EventType, type Contact, type ContentAsset, type ContentType, type EngagementEvent, type FunnelStage, type Persona, type Seniority } from '../lib/model';

/**
 * Engine timings on generated data (nothing committed): many iterations each, p50 and p95 against the targets of
 * issue 4. Timings are printed, never asserted (a busy machine must not fail the run); outputs are checked for sanity.
 */

const random = seededRandom(20261120);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const pickSome = <T>(items: readonly T[], n: number): T[] => Array.from({ length: n }, () => pick(items));

const NOW = new Date('2026-11-20T12:00:00Z');
const SLA = { mqlScoreThreshold: 60, followUpHours: 48, dueSoonHours: 12 };

interface Row {
  name: string;
  iterations: number;
  p50: number;
  p95: number;
  target?: number;
}

function measure(name: string, iterations: number, run: () => unknown, target?: number, warmup = Math.ceil(iterations / 10)): Row {
  for (let i = 0; i < warmup; i++) run();
  const samples = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    run();
    samples[i] = performance.now() - start;
  }
  samples.sort();
  const at = (q: number) => samples[Math.min(iterations - 1, Math.floor(q * iterations))]!;
  return { name, iterations, p50: at(0.5), p95: at(0.95), ...(target === undefined ? {} : { target }) };
}

function table(rows: readonly Row[]): string {
  const ms = (v: number) => `${v.toFixed(3)} ms`;
  const lines = [
    ['case', 'iterations', 'p50', 'p95', 'target p95', 'met'],
    ...rows.map((r) => [r.name, String(r.iterations), ms(r.p50), ms(r.p95), r.target === undefined ? '—' : `≤ ${r.target} ms`, r.target === undefined ? '' : r.p95 <= r.target ? 'yes' : 'NO']),
  ];
  const widths = lines[0]!.map((_, c) => Math.max(...lines.map((l) => l[c]!.length)));
  const fmt = (l: string[]) => `| ${l.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
  return [fmt(lines[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.slice(1).map(fmt)].join('\n');
}

// ---- data ----------------------------------------------------------------------------------------------------------

const contact: Contact = {
  id: 'ct-bench',
  emails: ['pat@acme.example'],
  firstName: 'Pat',
  lastName: 'Bench',
  title: 'VP, Ops',
  lifecycleStage: 'lead',
  crmIds: [],
  properties: { industry: 'Logistics', companySize: 1800, country: 'Germany', department: 'Operations' },
};
const events: EngagementEvent[] = Array.from({ length: 1000 }, (_, i) => ({
  id: `ev-${i}`,
  contactId: contact.id,
  type: pick(EventType.options),
  at: new Date(NOW.getTime() - Math.floor(random() * 365 * 24 * 60) * 60_000).toISOString(),
}));

const ROLE_WORDS = ['operations', 'supply chain', 'logistics', 'finance', 'fp&a', 'revenue operations', 'demand generation', 'marketing operations', 'sales', 'it', 'security', 'engineering', 'procurement', 'customer success', 'data', 'analytics', 'warehouse', 'fulfillment', 'hr', 'legal'];
const SENIORITIES: Seniority[] = ['individual', 'manager', 'director', 'vp', 'c_level', 'owner'];
const personas: Persona[] = Array.from({ length: 50 }, (_, i) => ({
  id: `persona-${String(i).padStart(2, '0')}`,
  name: `Persona ${i}`,
  summary: 'Generated for the benchmark.',
  titleKeywords: pickSome(ROLE_WORDS, 8),
  seniorities: pickSome(SENIORITIES, 3),
  departments: pickSome(['Operations', 'Finance', 'Sales', 'Marketing', 'IT', 'Supply Chain'], 2),
  industries: pickSome(['Logistics', 'Manufacturing', 'Retail', 'Healthcare', 'Financial Services'], 3),
  companySize: { min: 200, max: 10_000 },
  talkingPoints: [],
}));
const profile = { title: 'Sr. Dir. Demand Gen & Revenue Operations', seniority: 'director' as const, department: 'Marketing', industry: 'Healthcare', companySize: 950, country: 'Canada' };

/**
 * The content library: 10,000 assets written from a 5,000-word vocabulary with Zipf-distributed word frequencies (as
 * in real text), a quarter of the words stop words, titles of 6–12 words, summaries of 20–35, 3–5 tags from a
 * taxonomy of 300. The thread: 2,000 words of the same language, with a few topic words that come back.
 */
const SYLLABLES = ['ba', 'ko', 'ri', 'men', 'sta', 'lo', 'vi', 'tor', 'pa', 'dex', 'nu', 'fra', 'ge', 'lin', 'so', 'quar', 'te', 'mo', 'ran', 'shi'];
const vocabulary = [...new Set(Array.from({ length: 7000 }, () => pickSome(SYLLABLES, 2 + Math.floor(random() * 3)).join('')))].slice(0, 5000);
const STOP = ['the', 'and', 'for', 'with', 'our', 'we', 'to', 'of', 'in', 'is', 'it', 'on', 'that', 'this', 'you', 'are', 'be', 'as', 'at', 'by'];
/** Cumulative Zipf weights (s = 1.07) over the vocabulary's ranks, for sampling by binary search. */
const zipf = (() => {
  const cumulative = new Float64Array(vocabulary.length);
  let total = 0;
  for (let r = 0; r < vocabulary.length; r++) cumulative[r] = total += 1 / (r + 1) ** 1.07;
  return () => {
    const x = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return vocabulary[lo]!;
  };
})();
const realWords = (n: number) => Array.from({ length: n }, () => (random() < 0.25 ? pick(STOP) : zipf())).join(' ');
const taxonomy = vocabulary.slice(100, 400);
const TYPES: ContentType[] = ['case_study', 'one_pager', 'pricing_sheet', 'webinar_recording', 'whitepaper', 'ebook', 'datasheet', 'demo_video', 'roi_calculator', 'blog_post'];
const STAGES: FunnelStage[] = ['awareness', 'consideration', 'decision'];
const generateLibrary = (write: (n: number) => string, tags: readonly string[]): ContentAsset[] =>
  Array.from({ length: 10_000 }, (_, i) => ({
    id: `asset-${i}`,
    title: write(6 + Math.floor(random() * 7)),
    url: `https://content.example/${i}`,
    type: pick(TYPES),
    funnelStage: pick(STAGES),
    personaIds: pickSome(personas.map((p) => p.id), 2),
    topics: pickSome(tags, 3 + Math.floor(random() * 3)),
    summary: write(20 + Math.floor(random() * 16)),
  }));
const assets = generateLibrary(realWords, taxonomy);
const threadTopics = pickSome(vocabulary.slice(200, 1500), 5);
const thread = Array.from({ length: 2000 }, () => (random() < 0.04 ? pick(threadTopics) : random() < 0.3 ? pick(STOP) : zipf())).join(' ');

/** Stress case: a 60-word vocabulary, so every query word is in about 40% of the assets (no real library is this dense). */
const DENSE = ['warehouse', 'forecasting', 'pricing', 'inventory', 'dashboards', 'integration', 'security', 'compliance', 'roi', 'benchmarks', 'labour', 'throughput', 'pipeline', 'capacity', 'hubspot', 'salesforce', 'spreadsheets', 'procurement', 'onboarding', 'analytics', 'sso', 'retention', 'churn', 'margin', 'logistics', 'manufacturing', 'retail', 'audit', 'budget', 'rollout', 'team', 'report', 'customers', 'cut', 'cost', 'order', 'site', 'weekly', 'live', 'view', 'data', 'plan', 'model', 'quarter', 'growth', 'process', 'guide', 'practice', 'playbook', 'results', 'visibility', 'labor', 'planning', 'network', 'carrier', 'freight', 'dock', 'shift', 'peak', 'season'];
const denseAssets = generateLibrary((n) => pickSome(DENSE, n).join(' '), DENSE);
const denseThread = pickSome(DENSE, 2000).join(' ');

// ---- runs ----------------------------------------------------------------------------------------------------------

describe('engine benchmark', () => {
  it('scores, matches and recommends within the targets (printed, not asserted)', () => {
    const rows: Row[] = [];

    const score = scoreContact(contact, events, SLA, NOW);
    expect(score.score).toBeGreaterThanOrEqual(0);
    expect(score.score).toBeLessThanOrEqual(100);
    expect(score.reasons.reduce((t, r) => t + r.points, 0)).toBe(score.score);
    rows.push(measure('score 1 contact × 1,000 events', 3000, () => scoreContact(contact, events, SLA, NOW), 1));

    const matches = matchPersonas(profile, personas);
    expect(matches.length).toBeGreaterThan(0);
    for (const m of matches) expect(m.confidence).toBeGreaterThanOrEqual(0);
    rows.push(measure('match 1 contact × 50 personas', 10_000, () => matchPersonas(profile, personas), 0.5));

    for (const [label, library, text] of [
      ['10,000 assets, 2,000-word thread', assets, thread],
      ['stress: dense 60-word vocabulary', denseAssets, denseThread],
    ] as const) {
      const builds: number[] = [];
      let index = buildContentIndex(library);
      for (let i = 0; i < 5; i++) {
        index = buildContentIndex(library);
        builds.push(index.buildMs);
      }
      builds.sort((a, b) => a - b);
      rows.push({ name: `build BM25 index, ${label.replace(', 2,000-word thread', '')} (once per library load)`, iterations: builds.length, p50: builds[2]!, p95: builds[4]! });

      const input = { assets: library, index, personaId: 'persona-07', personaName: 'Persona 7', stage: 'decision' as const, consumedIds: new Set(['asset-1', 'asset-2']), topicText: text };
      const picks = recommendContent(input);
      expect(picks).toHaveLength(3);
      expect(new Set(picks.map((p) => p.asset.type)).size).toBe(3);
      for (const p of picks) expect(p.why.length).toBeGreaterThan(0);
      expect(picks.some((p) => p.factors.some((f) => f.kind === 'topic'))).toBe(true);
      expect(recommendContent(input).map((p) => p.asset.id)).toEqual(picks.map((p) => p.asset.id));
      rows.push(measure(`recommend, ${label}`, 300, () => recommendContent(input), label.startsWith('stress') ? undefined : 5));
    }

    process.stdout.write(`\nSmarketing Lens engine benchmark (Node ${process.version}, ${new Date().toISOString().slice(0, 10)})\n${table(rows)}\n\n`);
  });
});
