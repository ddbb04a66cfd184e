import { normalizeWords } from './text';

/**
 * Words as the content index sees them: the title normalisation (abbreviations expanded, accents folded), minus words
 * that say nothing about a topic, with plurals folded so "sites" finds "per-site".
 */

const STOP_WORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing done down during each few for from further get got had has have having he her here hers him his ' +
    'how i if in into is it its itself just let me more most my no nor not now of off on once only or other our ours out over own ' +
    'same she should so some such than that the their theirs them then there these they this those through to too under until up ' +
    'us very was we were what when where which while who whom why will with would you your yours yourself ' +
    // Mail furniture: greetings, sign-offs, reply markers, weekdays.
    're fw fwd hi hello hey dear thanks thank cheers regards best kind wishes please sent wrote cc bcc subject ' +
    'monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday week weeks ' +
    'ok okay yes sure great good next quick call chat touch base follow following happy glad look looking forward one'
  ).split(' '),
);

/** Light plural folding: enough for "sites"/"site" and "companies"/"company" without a stemmer's surprises. */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('s') && !/(ss|us|is|os|as)$/.test(word)) return word.slice(0, -1);
  return word;
}

const isTopicWord = (word: string) => word.length >= 2 && !STOP_WORDS.has(word) && /[a-z]/.test(word);

/** The index terms of a text. */
export function contentTerms(text: string): string[] {
  const out: string[] = [];
  for (const word of normalizeWords(text)) if (isTopicWord(word)) out.push(stem(word));
  return out;
}

export interface PageTerm {
  term: string;
  /** The word as the page wrote it (normalised), for saying "Matches "pricing" in this thread". */
  surface: string;
  count: number;
}

/** A page's terms with how often each occurs, in order of first appearance. */
export function pageTerms(text: string): PageTerm[] {
  const byTerm = new Map<string, PageTerm>();
  // Threads repeat words; each distinct word is checked and folded once.
  const folded = new Map<string, string | null>();
  for (const word of normalizeWords(text)) {
    let term = folded.get(word);
    if (term === undefined) {
      term = isTopicWord(word) ? stem(word) : null;
      folded.set(word, term);
    }
    if (term === null) continue;
    const seen = byTerm.get(term);
    if (seen) seen.count += 1;
    else byTerm.set(term, { term, surface: word, count: 1 });
  }
  return [...byTerm.values()];
}
