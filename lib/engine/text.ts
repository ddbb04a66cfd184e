/** Title and topic normalisation shared by persona matching and recommendations. */

/** Abbreviations and non-English words reps meet in job titles, mapped to one spelling. */
const SYNONYMS: Record<string, string> = {
  vp: 'vice president',
  svp: 'senior vice president',
  evp: 'executive vice president',
  dir: 'director',
  sr: 'senior',
  mgr: 'manager',
  ops: 'operations',
  op: 'operations',
  revops: 'revenue operations',
  demandgen: 'demand generation',
  gen: 'generation',
  mktg: 'marketing',
  directeur: 'director',
  directrice: 'director',
  leiter: 'head',
  leiterin: 'head',
  commercial: 'sales',
  vertrieb: 'sales',
  ventas: 'sales',
  finanzen: 'finance',
  finances: 'finance',
};

/** Lower-case words of a text with abbreviations expanded: "Sr. Dir. Demand Gen" → "senior director demand generation". */
export function normalizeWords(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9&]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .flatMap((word) => (SYNONYMS[word] ?? word).split(' '));
}

/** Where `phrase` first occurs, in order and adjacent, among `words`; -1 when it does not. */
export function indexOfPhrase(words: readonly string[], phrase: readonly string[]): number {
  if (phrase.length === 0) return -1;
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (words[i + j] !== phrase[j]) continue outer;
    return i;
  }
  return -1;
}

export function containsPhrase(words: readonly string[], phrase: readonly string[]): boolean {
  return indexOfPhrase(words, phrase) >= 0;
}
