import { queryFirst } from '../../dom/query';
import { cleanText, textOf } from '../../dom/text';
import type { DetectedContactInput } from '../contact';
import { CURRENT_COMPANY_LABEL, CURRENT_COMPANY_PREFIX, LINKEDIN, VIEWER_REQUEST } from './selectors';
import {
  isMemberIdSlug,
  linkedinCompanySlug,
  linkedinProfileSlug,
  normalizeSlug,
  salesNavigatorLeadId,
  slugFromProfileHref,
} from './urls';

// ---------------------------------------------------------------------------------------------------------------
// Profile page

/** The profile's top card: the first candidate holding a name or a link to its own profile. */
export function findTopCard(doc: Document): Element | null {
  const identifies = (card: Element) =>
    card.querySelector(LINKEDIN.name.css) !== null || queryFirst(card, LINKEDIN.ownProfileLink.css) !== null;
  for (const css of LINKEDIN.topCard.css) {
    for (const card of doc.querySelectorAll(css)) if (identifies(card)) return card;
  }
  return null;
}

/** The slug of the person the top card shows, from the links it draws to its own profile; null if it has none. */
function cardSlug(card: Element): string | null {
  for (const css of LINKEDIN.ownProfileLink.css) {
    const slug = slugFromProfileHref(card.querySelector(css)?.getAttribute('href') ?? null);
    if (slug) return slug;
  }
  return null;
}

function currentCompany(card: Element): string | undefined {
  const button = card.querySelector(LINKEDIN.currentCompany.css);
  if (!button) return undefined;
  const label = button.getAttribute('aria-label') ?? '';
  const named = CURRENT_COMPANY_LABEL.exec(label)?.[1];
  // Another wording after the name: the button's own text is the company's name.
  return cleanText(named) ?? textOf(button) ?? cleanText(label.slice(CURRENT_COMPANY_PREFIX.length));
}

const sameName = (a: string | undefined, b: string) => a !== undefined && a.toLowerCase() === b.toLowerCase();

/**
 * The current role's title from the experience card, when its first employer is the current company: one role
 * ("Tech Education Team Lead" / "Novare Potential · Full-time") or several grouped under the employer's name.
 */
function currentRole(doc: Document, company: string): string | undefined {
  const section = doc.querySelector(LINKEDIN.experienceAnchor.css)?.closest('section');
  const first = section?.querySelector(LINKEDIN.experienceEntity.css);
  if (!first) return undefined;
  const bold = textOf(first.querySelector(LINKEDIN.entityBold.css));
  const nested = first.querySelector(LINKEDIN.experienceEntity.css);
  if (nested) return sameName(bold, company) ? textOf(nested.querySelector(LINKEDIN.entityBold.css)) : undefined;
  const employer = textOf(first.querySelector(LINKEDIN.entitySubtitle.css))?.split(' · ')[0];
  return sameName(employer, company) ? bold : undefined;
}

type JsonRecord = Record<string, unknown>;
const isRecord = (v: unknown): v is JsonRecord => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? cleanText(v) : undefined);

interface EmbeddedProfile {
  name?: string;
  headline?: string;
  location?: string;
}

/** The profile object for `slug` among an API answer's `included` entities, with its location resolved. */
function profileFromAnswer(answer: unknown, slug: string): EmbeddedProfile | null {
  const included = isRecord(answer) && Array.isArray(answer.included) ? answer.included.filter(isRecord) : [];
  const profile = included.find((e) => typeof e.publicIdentifier === 'string' && normalizeSlug(e.publicIdentifier) === slug);
  if (!profile) return null;
  const name = cleanText([str(profile.firstName), str(profile.lastName)].filter(Boolean).join(' '));
  const geo = isRecord(profile.geoLocation) ? profile.geoLocation['*geo'] : undefined;
  const place = typeof geo === 'string' ? included.find((e) => e.entityUrn === geo) : undefined;
  const location = str(place?.defaultLocalizedName) ?? str(profile.locationName);
  const headline = str(profile.headline) ?? str(profile.occupation);
  return { ...(name ? { name } : {}), ...(headline ? { headline } : {}), ...(location ? { location } : {}) };
}

/**
 * One parse per page and profile: LinkedIn writes these blobs once, when the page first loads. The key includes
 * how many blobs there are, so blobs still streaming in are looked at again.
 */
const embeddedCache = new WeakMap<Document, { key: string; profile: EmbeddedProfile | null }>();

/**
 * The embedded API answer about `slug` (a fallback for fields the DOM lacks). Only a blob that names the slug
 * as a `publicIdentifier` is parsed; after an in-page navigation the blobs describe the first page loaded, so a
 * later profile simply has none.
 */
export function embeddedProfile(doc: Document, slug: string): EmbeddedProfile | null {
  const blobs = doc.querySelectorAll(LINKEDIN.embeddedJson.css);
  const key = `${slug}|${blobs.length}`;
  const cached = embeddedCache.get(doc);
  if (cached?.key === key) return cached.profile;
  let profile: EmbeddedProfile | null = null;
  // Slugs hold only letters, digits, `_`, `-` and `%` (checked by normalizeSlug): nothing to escape.
  const names = new RegExp(`"publicIdentifier":"${slug}"`, 'iu');
  for (const blob of blobs) {
    const text = blob.textContent ?? '';
    if (!names.test(text)) continue;
    try {
      profile = profileFromAnswer(JSON.parse(text), slug);
    } catch {
      continue; // A truncated or changed blob: the DOM has the last word anyway.
    }
    if (profile) break;
  }
  embeddedCache.set(doc, { key, profile });
  return profile;
}

/** The signed-in viewer's slug, from the `/voyager/api/me` answer embedded in the page (a small blob; no parse). */
export function findViewerSlug(doc: Document): string | null {
  for (const request of doc.querySelectorAll(LINKEDIN.embeddedRequest.css)) {
    if (!request.textContent?.includes(VIEWER_REQUEST)) continue;
    const answer = doc.getElementById(request.id.slice('datalet-'.length))?.textContent ?? '';
    const slug = /"publicIdentifier"\s*:\s*"([^"]+)"/.exec(answer)?.[1];
    return slug ? normalizeSlug(slug) : null;
  }
  return null;
}

function detectProfile(doc: Document, urlSlug: string): DetectedContactInput | null {
  const card = findTopCard(doc);
  let slug = urlSlug;
  const shown = card ? cardSlug(card) : null;
  if (shown && shown !== urlSlug) {
    // The URL changes before LinkedIn draws the next profile: a card about someone else is the previous page.
    if (!isMemberIdSlug(urlSlug)) return null;
    slug = shown;
  }
  if (isMemberIdSlug(slug)) return null; // not the public profile id yet; the card will name it
  // The rep's own profile: the viewer is never the prospect (as the signed-in account in Gmail).
  if (findViewerSlug(doc) === slug) return null;

  let name = textOf(card?.querySelector(LINKEDIN.name.css));
  const company = card ? currentCompany(card) : undefined;
  let title = (company ? currentRole(doc, company) : undefined) ?? textOf(card?.querySelector(LINKEDIN.headline.css));
  let location = textOf(card?.querySelector(LINKEDIN.location.css));

  let embedded: EmbeddedProfile | null = null;
  if (!name || !title || !location) {
    embedded = embeddedProfile(doc, slug);
    name ??= embedded?.name;
    title ??= embedded?.headline;
    location ??= embedded?.location;
  }
  if (!card && !embedded) return null; // still drawing

  return {
    site: 'linkedin',
    pageKind: 'profile',
    linkedinSlug: slug,
    ...(name ? { name } : {}),
    ...(title ? { title } : {}),
    ...(company ? { company } : {}),
    ...(location ? { location } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Sales Navigator lead page

function findLeadHeader(doc: Document): Element | null {
  const name = doc.querySelector(LINKEDIN.leadName.css);
  for (const css of LINKEDIN.leadHeader.css) {
    const header = name?.closest(css);
    if (header) return header;
  }
  return null;
}

/**
 * A lead page names the person by Sales Navigator's own id; the public profile (the identity Lens files people
 * under) is only in the header's "View LinkedIn profile" link. Without it there is no one to look up.
 */
function detectSalesLead(doc: Document): DetectedContactInput | null {
  const header = findLeadHeader(doc);
  if (!header) return null;
  const slug = slugFromProfileHref(header.querySelector(LINKEDIN.leadProfileLink.css)?.getAttribute('href') ?? null);
  if (!slug || isMemberIdSlug(slug)) return null;
  const name = textOf(header.querySelector(LINKEDIN.leadName.css));
  const title = textOf(header.querySelector(LINKEDIN.leadTitle.css)) ?? textOf(header.querySelector(LINKEDIN.leadHeadline.css));
  const company = textOf(header.querySelector(LINKEDIN.leadCompany.css));
  const location = textOf(header.querySelector(LINKEDIN.leadLocation.css));
  return {
    site: 'linkedin',
    pageKind: 'sales-lead',
    linkedinSlug: slug,
    ...(name ? { name } : {}),
    ...(title ? { title } : {}),
    ...(company ? { company } : {}),
    ...(location ? { location } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Company page

function companyName(doc: Document): string | undefined {
  const el = queryFirst(doc, LINKEDIN.companyName.css);
  return cleanText(el?.getAttribute('title')) ?? textOf(el);
}

/** A company page is about an account, not a person: Lens shows what it knows about that company. */
function detectCompany(doc: Document): DetectedContactInput | null {
  const company = companyName(doc);
  return company ? { site: 'linkedin', pageKind: 'company', company } : null;
}

// ---------------------------------------------------------------------------------------------------------------

/** Who (or which company) the LinkedIn page shows; read-only, from the DOM and, as a fallback, the page's own JSON. */
export function detectLinkedinContact(doc: Document, url: URL): DetectedContactInput | null {
  const slug = linkedinProfileSlug(url);
  if (slug) return detectProfile(doc, slug);
  if (salesNavigatorLeadId(url)) return detectSalesLead(doc);
  if (linkedinCompanySlug(url)) return detectCompany(doc);
  return null;
}

/** The URL promises someone but the page has none of the markup Lens knows (asked once the page has settled). */
export function linkedinLayoutUnrecognized(doc: Document, url: URL): boolean {
  const slug = linkedinProfileSlug(url);
  if (slug) return findTopCard(doc) === null && (isMemberIdSlug(slug) || embeddedProfile(doc, slug) === null);
  if (salesNavigatorLeadId(url)) {
    const header = findLeadHeader(doc);
    return !header || !header.querySelector(LINKEDIN.leadProfileLink.css);
  }
  if (linkedinCompanySlug(url)) return companyName(doc) === undefined;
  return false;
}

/** The app outlet stays while LinkedIn swaps pages inside it; Sales Navigator is a separate app without one. */
export function findLinkedinObservedRoot(doc: Document): Element | null {
  return doc.querySelector(LINKEDIN.appRoot.css) ?? doc.body;
}
