import MiniSearch from 'minisearch';
import type { ContentAsset } from '../model';
import { contentTerms, pageTerms } from './terms';

/** How well an asset matches the open page's text. */
export interface TextMatch {
  /** BM25+ score from MiniSearch. */
  score: number;
  /** The score over the best asset's score: 1 for the best match, towards 0 for weaker ones. */
  relevance: number;
  /** The page's word that says most about the match (as the page wrote it, normalised): "pricing". */
  word: string;
}

/** The content library indexed for BM25 ranking; built once per library load, queried per lookup. */
export interface ContentIndex {
  readonly size: number;
  /** How long the build took (ms), reported apart from query time. */
  readonly buildMs: number;
  /** The assets matching a page's text, by asset id. The text is used here, in memory, and never kept. */
  match(text: string): Map<string, TextMatch>;
}

/**
 * A title word says more than a summary word; tags are the marketer's own: the topics, and the kind ("pricing sheet",
 * "case study"), which is how people ask for content ("please send the pricing sheet"). One field for both: each
 * field costs search time for every query term.
 */
const FIELD_BOOST = { title: 2, tags: 1.5, summary: 1 };
const FIELDS = ['title', 'summary', 'tags'];

function fieldText(asset: ContentAsset, field: string): string {
  switch (field) {
    case 'title':
      return asset.title;
    case 'summary':
      return asset.summary;
    case 'tags':
      return `${asset.topics.join(' ')} ${asset.type.replaceAll('_', ' ')}`;
    default:
      return asset.id;
  }
}
/**
 * A 2,000-word thread has hundreds of distinct words. The few that are frequent in the thread and rare in the library
 * carry its topic; querying only those keeps the search fast and the ranking focused.
 */
const MAX_QUERY_TERMS = 10;
/**
 * Search time grows with the documents each query term is in. Past this many postings (times the library size) a
 * further term is only taken if it is rare enough to fit: a word in half the library costs much and tells little.
 */
const POSTINGS_BUDGET = 1.5;
const MIN_QUERY_TERMS = 3;

interface QueryTerm {
  term: string;
  surface: string;
  /** Assets holding the term. */
  df: number;
  /** 1 + ln(times in the page): repeats count, with diminishing returns. */
  inThread: number;
  weight: number;
}

export function buildContentIndex(assets: readonly ContentAsset[], clock: () => number = () => performance.now()): ContentIndex {
  const started = clock();
  // Document frequency per term, gathered while MiniSearch tokenises (one pass): names the most specific match.
  const docFreq = new Map<string, number>();
  let seen: Set<string> | undefined;
  const index = new MiniSearch<ContentAsset>({
    fields: FIELDS,
    extractField: fieldText,
    tokenize: (text) => {
      const terms = contentTerms(text);
      if (seen) for (const term of terms) seen.add(term);
      return terms;
    },
    processTerm: (term) => term,
  });
  for (const asset of assets) {
    seen = new Set();
    index.add(asset);
    for (const term of seen) docFreq.set(term, (docFreq.get(term) ?? 0) + 1);
  }
  seen = undefined;
  const buildMs = clock() - started;
  const count = assets.length;

  return {
    size: count,
    buildMs,
    match(text) {
      const out = new Map<string, TextMatch>();
      const candidates: QueryTerm[] = [];
      for (const t of pageTerms(text)) {
        const df = docFreq.get(t.term);
        if (df === undefined) continue;
        const inThread = 1 + Math.log(t.count);
        candidates.push({ term: t.term, surface: t.surface, df, inThread, weight: inThread * Math.log(1 + count / df) });
      }
      // Plain comparisons: a long thread has hundreds of candidates, and localeCompare would cost more than the search.
      candidates.sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
      const chosen: QueryTerm[] = [];
      let postings = 0;
      for (const t of candidates) {
        if (chosen.length >= MAX_QUERY_TERMS) break;
        if (chosen.length >= MIN_QUERY_TERMS && postings + t.df > POSTINGS_BUDGET * count) continue;
        chosen.push(t);
        postings += t.df;
      }
      if (chosen.length === 0) return out;
      const byTerm = new Map(chosen.map((t) => [t.term, t]));
      const results = index.search(chosen.map((t) => t.term).join(' '), {
        tokenize: (query) => query.split(' '),
        processTerm: (term) => term,
        boostTerm: (term) => byTerm.get(term)?.inThread ?? 1,
        boost: FIELD_BOOST,
        combineWith: 'OR',
        prefix: false,
        fuzzy: false,
      });
      // MiniSearch returns the best first.
      const best = results[0]?.score ?? 0;
      for (const result of results) {
        // The query term carrying the most weight (frequent here, rare in the library) names the match.
        let named: QueryTerm | undefined;
        for (const term of result.queryTerms) {
          const t = byTerm.get(term);
          if (t && (!named || t.weight > named.weight || (t.weight === named.weight && t.term < named.term))) named = t;
        }
        out.set(String(result.id), { score: result.score, relevance: best > 0 ? result.score / best : 0, word: named?.surface ?? result.queryTerms[0] ?? '' });
      }
      return out;
    },
  };
}
