import type { Seniority } from '../model';
import { containsPhrase, normalizeWords } from './text';

export const SENIORITY_NAME: Record<Seniority, string> = {
  c_level: 'C-level',
  owner: 'Owner',
  vp: 'VP',
  director: 'Director',
  manager: 'Manager',
  individual: 'Individual contributor',
};

/** Ordered from most to least senior: the first rule that matches a title wins. */
const RULES: ReadonlyArray<[Seniority, string[][]]> = (
  [
    // A German Geschäftsführer or a British managing director runs the company.
    ['c_level', ['chief', 'ceo', 'cfo', 'coo', 'cto', 'cmo', 'cro', 'cio', 'president', 'managing director']],
    ['owner', ['founder', 'co founder', 'cofounder', 'owner']],
    ['vp', ['vice president', 'head']],
    ['director', ['director']],
    ['manager', ['manager', 'lead', 'controller', 'supervisor']],
  ] as const
).map(([seniority, phrases]) => [seniority, phrases.map((p) => p.split(' '))]);

/** A seniority read from a job title, for contacts whose data has none. */
export function inferSeniority(title: string | undefined): Seniority | undefined {
  if (!title) return undefined;
  const words = normalizeWords(title);
  if (words.length === 0) return undefined;
  // "Vice President" contains "president": check the longer phrase first.
  if (containsPhrase(words, ['vice', 'president'])) return 'vp';
  for (const [seniority, phrases] of RULES) {
    if (phrases.some((p) => containsPhrase(words, p))) return seniority;
  }
  return 'individual';
}
