/** Title and topic normalisation shared by persona matching and recommendations. */

/** Abbreviations and non-English words reps meet in job titles, mapped to one spelling. */
const SYNONYM_TABLE: Record<string, string> = {
  vp: 'vice president',
  svp: 'senior vice president',
  evp: 'executive vice president',
  avp: 'assistant vice president',
  dir: 'director',
  sr: 'senior',
  snr: 'senior',
  jr: 'junior',
  mgr: 'manager',
  mngr: 'manager',
  exec: 'executive',
  ops: 'operations',
  op: 'operations',
  revops: 'revenue operations',
  salesops: 'sales operations',
  mops: 'marketing operations',
  demandgen: 'demand generation',
  gen: 'generation',
  mktg: 'marketing',
  mkt: 'marketing',
  fin: 'finance',
  acct: 'accounting',
  biz: 'business',
  bizdev: 'business development',
  dept: 'department',
  scm: 'supply chain',
  dc: 'distribution center',
  dcs: 'distribution centers',
  // French
  directeur: 'director',
  directrice: 'director',
  responsable: 'manager',
  commercial: 'sales',
  commerciale: 'sales',
  logistique: 'logistics',
  achats: 'procurement',
  pdg: 'ceo',
  // German (umlauts are already folded: "Geschäftsführer" arrives as "geschaftsfuhrer")
  leiter: 'head',
  leiterin: 'head',
  leitung: 'head',
  direktor: 'director',
  direktorin: 'director',
  geschaftsfuhrer: 'managing director',
  geschaftsfuhrerin: 'managing director',
  vertrieb: 'sales',
  einkauf: 'procurement',
  logistik: 'logistics',
  finanzen: 'finance',
  finances: 'finance',
  // Spanish, Dutch
  ventas: 'sales',
  operaciones: 'operations',
  finanzas: 'finance',
  gerente: 'manager',
  jefe: 'head',
  jefa: 'head',
  verkoop: 'sales',
  hoofd: 'head',
};

// A Map, not the object: a page's words reach this lookup, and "constructor" must not find Object's.
const SYNONYMS = new Map(Object.entries(SYNONYM_TABLE).map(([word, expansion]) => [word, expansion.split(' ')]));

/** German compounds name the area first and the role last: "Vertriebsleiterin" is "head of sales". */
const COMPOUND_ROLES = ['leiterin', 'leiter', 'direktorin', 'direktor'];
const SHORTEST_COMPOUND = 9;

function pushCompound(word: string, out: string[]): boolean {
  for (const role of COMPOUND_ROLES) {
    if (word.length <= role.length + 2 || !word.endsWith(role)) continue;
    let area = word.slice(0, -role.length);
    // The linking "s" ("Vertrieb-s-leiter") is not part of the word.
    if (!SYNONYMS.has(area) && area.endsWith('s')) area = area.slice(0, -1);
    pushWord(area, out);
    pushWord(role, out);
    return true;
  }
  return false;
}

function pushWord(word: string, out: string[]): void {
  const expansion = SYNONYMS.get(word);
  if (expansion) out.push(...expansion);
  else out.push(word);
}

const NON_ASCII = /[\u0080-\uffff]/;

/**
 * Lower-case words of a text with abbreviations expanded: "Sr. Dir. Demand Gen" → "senior director demand generation".
 * Runs over whole email threads, so it is one pass without intermediate arrays.
 */
export function normalizeWords(text: string): string[] {
  let lower = text.toLowerCase();
  // Folding accents is the slow part; plain ASCII (most mail) has none to fold.
  if (NON_ASCII.test(lower)) lower = lower.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const out: string[] = [];
  for (const word of lower.split(/[^a-z0-9&]+/)) {
    if (word.length === 0) continue;
    if (word.length >= SHORTEST_COMPOUND && pushCompound(word, out)) continue;
    pushWord(word, out);
  }
  return out;
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
