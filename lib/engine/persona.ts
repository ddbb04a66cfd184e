import type { Persona, Seniority } from '../model';
import { inferSeniority } from './seniority';
import { indexOfPhrase, normalizeWords } from './text';

/** What is known of a person; for unknown contacts often just a title. */
export interface PersonProfile {
  title?: string;
  seniority?: Seniority;
  department?: string;
  industry?: string;
  companySize?: number;
}

export interface PersonaMatch {
  persona: Persona;
  /** 0–1: the weight of the criteria that matched over the weight of the criteria we could check. */
  confidence: number;
  matched: string[];
  missed: string[];
}

const WEIGHTS = { title: 0.5, seniority: 0.2, department: 0.15, industry: 0.1, companySize: 0.05 };

interface TitleHit {
  keyword: string;
  start: number;
  end: number;
}

/** The longest of a persona's keywords found in the title. */
function titleHit(persona: Persona, titleWords: readonly string[]): TitleHit | undefined {
  let best: TitleHit | undefined;
  for (const keyword of persona.titleKeywords) {
    const phrase = normalizeWords(keyword);
    const start = indexOfPhrase(titleWords, phrase);
    if (start >= 0 && (!best || phrase.length > best.end - best.start)) best = { keyword, start, end: start + phrase.length };
  }
  return best;
}

/** "Operations" inside "Revenue Operations" belongs to the longer phrase: the more specific persona claims it. */
function isShadowed(hit: TitleHit, others: readonly (TitleHit | undefined)[]): boolean {
  return others.some((o) => o !== undefined && o !== hit && o.start <= hit.start && o.end >= hit.end && o.end - o.start > hit.end - hit.start);
}

function matchOne(persona: Persona, profile: PersonProfile, keyword: string | undefined): PersonaMatch {
  const matched: string[] = [];
  const missed: string[] = [];
  let checked = 0;
  let score = 0;
  const check = (weight: number, ok: boolean | undefined, label: string) => {
    if (ok === undefined) return; // unknown: neither for nor against
    checked += weight;
    if (ok) {
      score += weight;
      matched.push(label);
    } else missed.push(label);
  };

  check(WEIGHTS.title, profile.title ? keyword !== undefined : undefined, keyword ? `title mentions "${keyword}"` : 'title');
  const seniority = profile.seniority ?? inferSeniority(profile.title);
  if (persona.seniorities.length > 0)
    check(WEIGHTS.seniority, seniority ? persona.seniorities.includes(seniority) : undefined, 'seniority');
  if (persona.departments.length > 0)
    check(
      WEIGHTS.department,
      profile.department ? persona.departments.some((d) => d.toLowerCase() === profile.department?.toLowerCase()) : undefined,
      'department',
    );
  if (persona.industries.length > 0)
    check(
      WEIGHTS.industry,
      profile.industry ? persona.industries.some((i) => i.toLowerCase() === profile.industry?.toLowerCase()) : undefined,
      'industry',
    );
  const range = persona.companySize;
  if (range)
    check(
      WEIGHTS.companySize,
      profile.companySize === undefined ? undefined : profile.companySize >= range.min && profile.companySize <= range.max,
      'company size',
    );
  return { persona, confidence: checked === 0 ? 0 : score / checked, matched, missed };
}

/**
 * Personas ranked by how well the person fits them. A persona needs a title match to be proposed at all:
 * seniority alone ("a director") says too little about what they care about.
 */
export function matchPersonas(profile: PersonProfile, personas: readonly Persona[]): PersonaMatch[] {
  if (!profile.title) return [];
  const titleWords = normalizeWords(profile.title);
  const hits = personas.map((persona) => titleHit(persona, titleWords));
  return personas
    .map((persona, i) => {
      const hit = hits[i];
      return matchOne(persona, profile, hit && !isShadowed(hit, hits) ? hit.keyword : undefined);
    })
    .filter((m) => m.matched.some((label) => label.startsWith('title')))
    .toSorted((a, b) => b.confidence - a.confidence || a.persona.id.localeCompare(b.persona.id));
}
