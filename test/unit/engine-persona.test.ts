import { roleFromHeadline } from '../../lib/engine/headline';
import { buildLensView } from '../../lib/engine/lens';
import { PERSONA_WEIGHTS, matchPersonas, type PersonaCriteria } from '../../lib/engine/persona';
import { countryIn } from '../../lib/engine/region';
import { inferSeniority } from '../../lib/engine/seniority';
import { normalizeWords } from '../../lib/engine/text';
import type { Persona } from '../../lib/model';
import { DEMO_NOW, demoDataset } from './helpers';

const data = demoDataset();
const persona = (id: string, p: Partial<Persona> & Pick<Persona, 'titleKeywords'>): Persona => ({
  id,
  name: id,
  summary: '',
  seniorities: [],
  departments: [],
  industries: [],
  talkingPoints: [],
  ...p,
});
// Two personas the demo pack does not have, so the non-English and founder titles have somewhere to land.
const salesLeader = persona('persona-sales-leader', {
  titleKeywords: ['sales', 'business development', 'chief revenue officer'],
  seniorities: ['director', 'vp', 'c_level'],
  departments: ['Sales'],
});
const techBuyer = persona('persona-tech-buyer', {
  titleKeywords: ['cto', 'chief technology officer', 'it', 'engineering', 'technology'],
  seniorities: ['director', 'vp', 'c_level', 'owner'],
});
const wider = [...data.personas, salesLeader, techBuyer];
const first = (title: string, personas: readonly Persona[] = wider) => matchPersonas({ title }, personas)[0];

describe('titles reps meet', () => {
  it.each([
    ['VP, Ops', 'persona-ops-leader', 'operations', 'vp'],
    ['Head of Revenue Operations', 'persona-revops', 'revenue operations', 'vp'],
    ['CTO & co-founder', 'persona-tech-buyer', 'cto', 'c_level'],
    ['Sr. Dir. Demand Gen', 'persona-revops', 'demand generation', 'director'],
    ['Directeur commercial', 'persona-sales-leader', 'sales', 'director'],
    ['Leiterin Vertrieb', 'persona-sales-leader', 'sales', 'vp'],
    ['Vertriebsleiterin DACH', 'persona-sales-leader', 'sales', 'vp'],
    ['Directeur des Opérations', 'persona-ops-leader', 'operations', 'director'],
    ['Director of Sales Operations', 'persona-revops', 'sales operations', 'director'],
    ['Geschäftsführer', undefined, undefined, 'c_level'],
  ])('"%s" → %s (keyword %s, seniority %s)', (title, id, keyword, seniority) => {
    const best = first(title);
    expect(best?.persona.id).toBe(id);
    expect(best?.matched[0]).toBe(keyword === undefined ? undefined : `title mentions "${keyword}"`);
    expect(inferSeniority(title)).toBe(seniority);
  });

  it('leaves titles the demo personas do not speak to without a persona, rather than guessing', () => {
    for (const title of ['CTO & co-founder', 'Directeur commercial', 'Leiterin Vertrieb']) expect(first(title, data.personas)).toBeUndefined();
  });

  it('expands German compounds and folds accents', () => {
    expect(normalizeWords('Vertriebsleiterin')).toEqual(['sales', 'head']);
    expect(normalizeWords('Logistikleiter')).toEqual(['logistics', 'head']);
    expect(normalizeWords('Directrice Logistique')).toEqual(['director', 'logistics']);
    expect(normalizeWords('constructor toString')).toEqual(['constructor', 'tostring']);
  });
});

describe('weighted criteria', () => {
  const ops = data.personas.find((p) => p.id === 'persona-ops-leader')!;

  it('weighs matched criteria over the criteria that could be checked, and says how much could be', () => {
    const [m] = matchPersonas({ title: 'VP Operations', seniority: 'vp', department: 'Operations', industry: 'Healthcare', companySize: 300 }, [ops]);
    expect(m?.matched).toEqual(['title mentions "operations"', 'seniority', 'department']);
    expect(m?.missed).toEqual(['industry', 'company size']);
    const { title, seniority, department, industry, companySize } = PERSONA_WEIGHTS;
    expect(m?.confidence).toBeCloseTo((title + seniority + department) / (title + seniority + department + industry + companySize));
    expect(m?.coverage).toBe(1);
    expect(m?.criteria.find((c) => c.criterion === 'industry')).toEqual({
      criterion: 'industry',
      weight: industry,
      state: 'missed',
      detail: 'Healthcare (wants Logistics, Manufacturing, Retail)',
    });
  });

  it('counts unknowns neither for nor against, and lowers coverage instead', () => {
    const [m] = matchPersonas({ title: 'VP Operations' }, [ops]);
    expect(m?.confidence).toBe(1);
    expect(m?.coverage).toBeCloseTo((PERSONA_WEIGHTS.title + PERSONA_WEIGHTS.seniority) / 1);
    expect(m?.criteria.filter((c) => c.state === 'unknown').map((c) => c.criterion)).toEqual(['department', 'industry', 'companySize']);
  });

  it('matches departments that contain the persona’s ("Store Operations" is Operations)', () => {
    expect(matchPersonas({ title: 'Director of Store Operations', department: 'Store Operations' }, [ops])[0]?.matched).toContain('department');
  });

  it('checks regions when a persona names them', () => {
    const emea: PersonaCriteria = { ...ops, regions: ['Europe'] };
    expect(matchPersonas({ title: 'COO', country: 'Germany' }, [emea])[0]?.matched).toContain('region');
    expect(matchPersonas({ title: 'COO', country: 'United States' }, [emea])[0]?.missed).toContain('region');
    expect(matchPersonas({ title: 'COO' }, [emea])[0]?.criteria.at(-1)).toMatchObject({ criterion: 'region', state: 'unknown' });
  });

  it('ranks by confidence, then by how much is known, then by id', () => {
    const a = persona('a', { titleKeywords: ['operations'], seniorities: ['vp'] });
    const b = persona('b', { titleKeywords: ['operations'], seniorities: ['vp'], industries: ['Retail'] });
    const c = persona('c', { titleKeywords: ['operations'], seniorities: ['manager'] });
    expect(matchPersonas({ title: 'VP Operations', industry: 'Retail' }, [c, a, b]).map((m) => m.persona.id)).toEqual(['b', 'a', 'c']);
    expect(matchPersonas({ title: 'VP Operations' }, [c, b, a]).map((m) => m.persona.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('regions', () => {
  it.each([
    ['Germany', 'DACH', true],
    ['DE', 'Europe', true],
    ['Deutschland', 'Germany', true],
    ['United Kingdom', 'EU', false],
    ['United Kingdom', 'UK&I', true],
    ['U.S.A.', 'North America', true],
    ['Canada', 'Europe', false],
    ['Atlantis', 'Atlantis', true],
    ['Atlantis', 'Europe', false],
  ])('%s in %s: %s', (country, place, inside) => expect(countryIn(country, place)).toBe(inside));
});

describe('LinkedIn headlines', () => {
  it.each([
    ['Head of Ops at Northwind Logistics | Supply chain nerd | ex-DHL', 'Head of Ops', 'Northwind Logistics'],
    ['Helping 3PLs cut warehouse costs | VP Operations @ Tailspin Retail', 'VP Operations', 'Tailspin Retail'],
    ['Directeur commercial chez Fabrikam', 'Directeur commercial', 'Fabrikam'],
    ['Leiterin Vertrieb bei Woodgrove GmbH', 'Leiterin Vertrieb', 'Woodgrove GmbH'],
    ['CTO & co-founder', 'CTO & co-founder', undefined],
    ['Former CFO · Board advisor · Angel investor', 'Board advisor', undefined],
  ])('"%s" → %s at %s', (headline, title, company) => {
    expect(roleFromHeadline(headline)).toEqual(company ? { title, company } : { title });
  });

  it('is enough to guess a persona for someone not in the data', () => {
    const view = buildLensView({
      detected: { site: 'linkedin', pageKind: 'profile', linkedinSlug: 'sam-lee', name: 'Sam Lee', title: 'Obsessed with on-time delivery | Director of Supply Chain at Brightfield', others: [] },
      record: null,
      campaigns: new Map(),
      personas: data.personas,
      content: data.content,
      sla: data.sla,
      now: DEMO_NOW,
    });
    expect(view.persona).toMatchObject({ id: 'persona-ops-leader', guessed: true, matched: ['title mentions "supply chain"', 'seniority'] });
    expect(view.contact.company).toBe('Brightfield');
  });
});
