import { inferSeniority } from './seniority';

/**
 * A LinkedIn headline is a role, a company and often a slogan: "Helping 3PLs cut costs | Head of Ops at Northwind |
 * ex-DHL". Persona matching wants the current role; this picks it out.
 */
export interface HeadlineRole {
  title: string;
  company?: string;
}

const SEGMENTS = /\s*[|•·]\s*|\s+[-–—]\s+|\s*;\s*/;
const AT = /\s+(?:at|@|chez|bei|bij|en)\s+|\s*@\s*/i;
/** Past roles are not who they are now. */
const PAST = /^(?:ex[-\s]|former(?:ly)?\b|previously\b|retired\b|alumn)/i;

export function roleFromHeadline(headline: string): HeadlineRole {
  const candidates = headline
    .split(SEGMENTS)
    .map((s) => s.trim())
    .filter((s) => s.length > 0 && !PAST.test(s))
    .map((segment) => {
      const [role = segment, ...rest] = segment.split(AT);
      const company = rest.join(' ').trim();
      const seniority = inferSeniority(role);
      // A segment naming a rank ("Head of", "VP") is the role; "… at Company" is the next best sign.
      const rank = (seniority && seniority !== 'individual' ? 2 : 0) + (company ? 1 : 0);
      return { title: role.trim(), company, rank };
    });
  const best = candidates.reduce<(typeof candidates)[number] | undefined>((a, b) => (a === undefined || b.rank > a.rank ? b : a), undefined);
  if (!best) return { title: headline.trim() };
  return best.company ? { title: best.title, company: best.company } : { title: best.title };
}
