import type { Persona, Seniority } from '../model';
import { countryIn } from './region';
import { inferSeniority, SENIORITY_NAME } from './seniority';
import { stem } from './terms';
import { indexOfPhrase, normalizeWords } from './text';

/** What is known of a person; for unknown contacts often just a title or a LinkedIn headline. */
export interface PersonProfile {
  title?: string;
  seniority?: Seniority;
  department?: string;
  industry?: string;
  companySize?: number;
  country?: string;
}

/**
 * A persona as the matcher reads it. `regions` (country, ISO code or region names such as "Europe") is not yet part of
 * the pack's persona schema; callers that know a persona's regions pass them here.
 */
export type PersonaCriteria = Persona & { regions?: readonly string[] };

export type Criterion = 'title' | 'seniority' | 'department' | 'industry' | 'companySize' | 'region';

export interface CriterionResult {
  criterion: Criterion;
  weight: number;
  /** "unknown": we do not know this about the person, so it counts neither for nor against. */
  state: 'matched' | 'missed' | 'unknown';
  /** What was compared, in words: `VP (wants Director, VP, C-level)`. */
  detail?: string;
}

export interface PersonaMatch<P extends Persona = Persona> {
  persona: P;
  /** 0–1: the weight of the criteria that matched over the weight of the criteria we could check. */
  confidence: number;
  /** 0–1: how much of the persona's criteria we could check at all (a headline alone checks little). */
  coverage: number;
  matched: string[];
  missed: string[];
  criteria: CriterionResult[];
}

/** The title says most about what someone cares about; the rest sharpens it. */
export const PERSONA_WEIGHTS: Readonly<Record<Criterion, number>> = {
  title: 0.5,
  seniority: 0.2,
  department: 0.15,
  industry: 0.1,
  companySize: 0.05,
  region: 0.05,
};

const CRITERION_LABEL: Record<Exclude<Criterion, 'title'>, string> = {
  seniority: 'seniority',
  department: 'department',
  industry: 'industry',
  companySize: 'company size',
  region: 'region',
};

/** Words compared by stem, so "Operation" and "Operations" agree. */
const words = (text: string) => normalizeWords(text).map(stem);

interface Compiled {
  keywords: Array<{ keyword: string; phrase: string[] }>;
  departments: string[][];
  industries: string[][];
}
// Personas come from the cached library, so their keywords are normalised once, not on every lookup.
const compiledPersonas = new WeakMap<Persona, Compiled>();
function compile(persona: Persona): Compiled {
  let out = compiledPersonas.get(persona);
  if (!out) {
    out = {
      keywords: persona.titleKeywords.map((keyword) => ({ keyword, phrase: words(keyword) })).filter((k) => k.phrase.length > 0),
      departments: persona.departments.map(words),
      industries: persona.industries.map(words),
    };
    compiledPersonas.set(persona, out);
  }
  return out;
}

interface TitleHit {
  keyword: string;
  start: number;
  end: number;
}

/** The longest of a persona's keywords found in the title; of equals, the one spelled out ("revenue operations", not "revops"). */
function titleHit(persona: Persona, titleWords: readonly string[]): TitleHit | undefined {
  let best: TitleHit | undefined;
  for (const { keyword, phrase } of compile(persona).keywords) {
    const start = indexOfPhrase(titleWords, phrase);
    const longer = !best || phrase.length > best.end - best.start || (phrase.length === best.end - best.start && keyword.length > best.keyword.length);
    if (start >= 0 && longer) best = { keyword, start, end: start + phrase.length };
  }
  return best;
}

/** "Operations" inside "Revenue Operations" belongs to the longer phrase: the more specific persona claims it. */
function isShadowed(hit: TitleHit, others: readonly (TitleHit | undefined)[]): boolean {
  return others.some((o) => o !== undefined && o !== hit && o.start <= hit.start && o.end >= hit.end && o.end - o.start > hit.end - hit.start);
}

/** "Store Operations" is in "Operations"; "Supply Chain" matches "Supply Chain & Logistics". */
function sameArea(value: readonly string[], wanted: readonly string[]): boolean {
  return value.length > 0 && (indexOfPhrase(value, wanted) >= 0 || indexOfPhrase(wanted, value) >= 0);
}

const list = (items: readonly string[]) => items.join(', ');
const count = (n: number) => n.toLocaleString('en-US');

function matchOne<P extends PersonaCriteria>(persona: P, profile: PersonProfile, seniority: Seniority | undefined, keyword: string | undefined): PersonaMatch<P> {
  const criteria: CriterionResult[] = [];
  const check = (criterion: Criterion, ok: boolean | undefined, detail?: string) =>
    criteria.push({ criterion, weight: PERSONA_WEIGHTS[criterion], state: ok === undefined ? 'unknown' : ok ? 'matched' : 'missed', ...(detail ? { detail } : {}) });

  check('title', profile.title ? keyword !== undefined : undefined, keyword ? `"${keyword}"` : profile.title);
  if (persona.seniorities.length > 0) {
    const wants = `wants ${list(persona.seniorities.map((s) => SENIORITY_NAME[s]))}`;
    check('seniority', seniority ? persona.seniorities.includes(seniority) : undefined, seniority ? `${SENIORITY_NAME[seniority]} (${wants})` : wants);
  }
  const compiledPersona = compile(persona);
  if (persona.departments.length > 0) {
    const value = profile.department ? words(profile.department) : undefined;
    check('department', value ? compiledPersona.departments.some((d) => sameArea(value, d)) : undefined, profile.department ? `${profile.department} (wants ${list(persona.departments)})` : undefined);
  }
  if (persona.industries.length > 0) {
    const value = profile.industry ? words(profile.industry) : undefined;
    check('industry', value ? compiledPersona.industries.some((i) => sameArea(value, i)) : undefined, profile.industry ? `${profile.industry} (wants ${list(persona.industries)})` : undefined);
  }
  const range = persona.companySize;
  if (range) {
    const size = profile.companySize;
    check('companySize', size === undefined ? undefined : size >= range.min && size <= range.max, `${size === undefined ? '' : `${count(size)} `}(wants ${count(range.min)}–${count(range.max)})`.trim());
  }
  if (persona.regions && persona.regions.length > 0) {
    const country = profile.country;
    check('region', country ? persona.regions.some((r) => countryIn(country, r)) : undefined, `${country ?? ''} (wants ${list(persona.regions)})`.trim());
  }

  let total = 0;
  let checked = 0;
  let score = 0;
  const matched: string[] = [];
  const missed: string[] = [];
  for (const c of criteria) {
    total += c.weight;
    if (c.state === 'unknown') continue;
    checked += c.weight;
    const label = c.criterion === 'title' ? (keyword ? `title mentions "${keyword}"` : 'title') : CRITERION_LABEL[c.criterion];
    if (c.state === 'matched') {
      score += c.weight;
      matched.push(label);
    } else missed.push(label);
  }
  return { persona, confidence: checked === 0 ? 0 : score / checked, coverage: total === 0 ? 0 : checked / total, matched, missed, criteria };
}

/**
 * Personas ranked by how well the person fits them, each with the criteria that matched, missed or could not be
 * checked. A persona needs a title match to be proposed at all: seniority alone ("a director") says too little about
 * what they care about. Of equal confidence, the persona with more evidence for it comes first, then the one we could
 * check more of, then the id, so the order is stable.
 */
export function matchPersonas<P extends PersonaCriteria>(profile: PersonProfile, personas: readonly P[]): PersonaMatch<P>[] {
  if (!profile.title) return [];
  const titleWords = words(profile.title);
  const seniority = profile.seniority ?? inferSeniority(profile.title);
  const hits = personas.map((persona) => titleHit(persona, titleWords));
  const out: PersonaMatch<P>[] = [];
  personas.forEach((persona, i) => {
    const hit = hits[i];
    if (!hit || isShadowed(hit, hits)) return;
    out.push(matchOne(persona, profile, seniority, hit.keyword));
  });
  const evidence = (m: PersonaMatch<P>) => m.criteria.reduce((sum, c) => sum + (c.state === 'matched' ? c.weight : 0), 0);
  // Sums of the same weights in another order can differ in the last bit; that must not decide a ranking.
  const desc = (x: number, y: number) => (Math.abs(x - y) < 1e-9 ? 0 : y - x);
  return out.toSorted(
    (a, b) =>
      desc(a.confidence, b.confidence) || desc(evidence(a), evidence(b)) || desc(a.coverage, b.coverage) || a.persona.id.localeCompare(b.persona.id),
  );
}
