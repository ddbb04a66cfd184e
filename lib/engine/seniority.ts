import type { Seniority } from '../model';
import { containsPhrase, normalizeWords } from './text';

/** Ordered from most to least senior: the first rule that matches a title wins. */
const RULES: ReadonlyArray<[Seniority, string[]]> = [
  ['c_level', ['chief', 'ceo', 'cfo', 'coo', 'cto', 'cmo', 'cro', 'cio', 'president']],
  ['owner', ['founder', 'co founder', 'owner']],
  ['vp', ['vice president', 'head']],
  ['director', ['director']],
  ['manager', ['manager', 'lead', 'controller']],
];

/** A seniority read from a job title, for contacts whose data has none. */
export function inferSeniority(title: string | undefined): Seniority | undefined {
  if (!title) return undefined;
  const words = normalizeWords(title);
  // "Vice President" contains "president": check the longer phrase first.
  if (containsPhrase(words, ['vice', 'president'])) return 'vp';
  for (const [seniority, phrases] of RULES) {
    if (phrases.some((p) => containsPhrase(words, p.split(' ')))) return seniority;
  }
  return 'individual';
}
