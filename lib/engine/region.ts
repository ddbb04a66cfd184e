/**
 * Countries and the regions sales teams carve territories by. Small on purpose: the countries a B2B pack meets most,
 * by English name and ISO 3166 alpha-2 code. A country not listed still matches itself by name or code.
 */
const COUNTRIES: ReadonlyArray<[code: string, names: string[], regions: string[]]> = [
  ['US', ['united states', 'united states of america', 'usa', 'u s a', 'u s'], ['north america', 'americas', 'amer']],
  ['CA', ['canada'], ['north america', 'americas', 'amer']],
  ['MX', ['mexico'], ['latam', 'latin america', 'americas', 'amer']],
  ['BR', ['brazil', 'brasil'], ['latam', 'latin america', 'americas', 'amer']],
  ['AR', ['argentina'], ['latam', 'latin america', 'americas', 'amer']],
  ['CL', ['chile'], ['latam', 'latin america', 'americas', 'amer']],
  ['CO', ['colombia'], ['latam', 'latin america', 'americas', 'amer']],
  ['GB', ['united kingdom', 'uk', 'great britain', 'england', 'scotland', 'wales'], ['europe', 'emea', 'uki']],
  ['IE', ['ireland'], ['europe', 'emea', 'uki', 'eu']],
  ['DE', ['germany', 'deutschland'], ['europe', 'emea', 'dach', 'eu']],
  ['AT', ['austria', 'osterreich'], ['europe', 'emea', 'dach', 'eu']],
  ['CH', ['switzerland', 'schweiz', 'suisse'], ['europe', 'emea', 'dach']],
  ['FR', ['france'], ['europe', 'emea', 'eu']],
  ['NL', ['netherlands', 'the netherlands', 'holland', 'nederland'], ['europe', 'emea', 'benelux', 'eu']],
  ['BE', ['belgium', 'belgique', 'belgie'], ['europe', 'emea', 'benelux', 'eu']],
  ['LU', ['luxembourg'], ['europe', 'emea', 'benelux', 'eu']],
  ['ES', ['spain', 'espana'], ['europe', 'emea', 'eu']],
  ['PT', ['portugal'], ['europe', 'emea', 'eu']],
  ['IT', ['italy', 'italia'], ['europe', 'emea', 'eu']],
  ['SE', ['sweden', 'sverige'], ['europe', 'emea', 'nordics', 'eu']],
  ['NO', ['norway', 'norge'], ['europe', 'emea', 'nordics']],
  ['DK', ['denmark', 'danmark'], ['europe', 'emea', 'nordics', 'eu']],
  ['FI', ['finland', 'suomi'], ['europe', 'emea', 'nordics', 'eu']],
  ['PL', ['poland', 'polska'], ['europe', 'emea', 'eu']],
  ['CZ', ['czechia', 'czech republic'], ['europe', 'emea', 'eu']],
  ['AE', ['united arab emirates', 'uae'], ['middle east', 'emea']],
  ['SA', ['saudi arabia'], ['middle east', 'emea']],
  ['IL', ['israel'], ['middle east', 'emea']],
  ['ZA', ['south africa'], ['africa', 'emea']],
  ['NG', ['nigeria'], ['africa', 'emea']],
  ['IN', ['india'], ['apac', 'asia']],
  ['SG', ['singapore'], ['apac', 'asia']],
  ['JP', ['japan'], ['apac', 'asia']],
  ['CN', ['china'], ['apac', 'asia']],
  ['KR', ['south korea', 'korea'], ['apac', 'asia']],
  ['AU', ['australia'], ['apac', 'anz']],
  ['NZ', ['new zealand'], ['apac', 'anz']],
];

/** "United States", "U.S.A." and "Deutschland" alike become "united states", "u s a", "deutschland". */
function key(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const BY_NAME = new Map<string, { code: string; regions: ReadonlySet<string> }>();
for (const [code, names, regions] of COUNTRIES) {
  const entry = { code: code.toLowerCase(), regions: new Set(regions) };
  BY_NAME.set(code.toLowerCase(), entry);
  for (const name of names) BY_NAME.set(name, entry);
}

/** Region names (and aliases) people write in territories and personas. */
const REGION_ALIASES: Record<string, string> = {
  'north american': 'north america',
  na: 'north america',
  'latin american': 'latam',
  'uk&i': 'uki',
  'uk i': 'uki',
  'uk and ireland': 'uki',
  'european union': 'eu',
  'asia pacific': 'apac',
  'asia pac': 'apac',
  mena: 'middle east',
  nordic: 'nordics',
  scandinavia: 'nordics',
};

/**
 * Whether a contact's country lies in a place named by a territory or persona: the same country (by name or code),
 * or a region that holds it.
 */
export function countryIn(country: string, place: string): boolean {
  const c = key(country);
  const p = key(place);
  if (!c || !p) return false;
  if (c === p) return true;
  const entry = BY_NAME.get(c);
  if (!entry) return false;
  const asCountry = BY_NAME.get(p);
  if (asCountry) return asCountry === entry;
  return entry.regions.has(REGION_ALIASES[p] ?? p);
}
