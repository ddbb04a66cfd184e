/**
 * LinkedIn page types from the URL alone (see ../shared/sites/linkedin.md). Logged-in LinkedIn always runs on
 * www.linkedin.com; the bare host redirects there.
 */

function isLinkedinHost(url: URL): boolean {
  return url.protocol === 'https:' && (url.hostname === 'www.linkedin.com' || url.hostname === 'linkedin.com');
}

/** A path segment as LinkedIn writes it in links (percent-encoded) turned into the slug Lens stores: decoded, lower case. */
export function normalizeSlug(segment: string): string | null {
  let slug = segment;
  try {
    slug = decodeURIComponent(segment);
  } catch {
    // Malformed escapes: keep the segment as it is; the pattern below decides.
  }
  slug = slug.toLowerCase();
  return /^[\p{L}\p{N}_%-]{2,100}$/u.test(slug) ? slug : null;
}

/**
 * `/in/<slug>/`, also with an overlay open over the profile (`/in/<slug>/overlay/contact-info/`). Other pages under
 * a profile (`/details/experience/`, `/recent-activity/`) have no top card and are not the profile.
 */
const PROFILE_PATH = /^\/in\/([^/]+)\/?(?:overlay\/.*)?$/;

/** The slug of a profile page, or null when the URL is not a profile page. */
export function linkedinProfileSlug(url: URL): string | null {
  if (!isLinkedinHost(url)) return null;
  const segment = PROFILE_PATH.exec(url.pathname)?.[1];
  return segment ? normalizeSlug(segment) : null;
}

export function isLinkedinProfileUrl(url: URL): boolean {
  return linkedinProfileSlug(url) !== null;
}

/**
 * Profiles opened from search or a notification may carry the member's internal id (`/in/ACoAAB…`) instead of
 * the public slug; the page's own links then name the slug.
 */
export function isMemberIdSlug(slug: string): boolean {
  return /^acoa[a-z0-9_-]{20,}$/i.test(slug);
}

/** A profile slug inside a link LinkedIn draws on the page: `/in/<slug>/…` or `https://www.linkedin.com/in/<slug>/…`. */
export function slugFromProfileHref(href: string | null): string | null {
  const segment = /^(?:https:\/\/(?:www\.)?linkedin\.com)?\/in\/([^/?#]+)/.exec(href ?? '')?.[1];
  return segment ? normalizeSlug(segment) : null;
}

/** Sales Navigator lead page: `/sales/lead/<ACwAA… id>,<auth type>,<auth token>`. */
const SALES_LEAD_PATH = /^\/sales\/lead\/([A-Za-z0-9_-]{10,}),[^/]*\/?$/;

/** The Sales Navigator lead id (not a public profile slug), or null. */
export function salesNavigatorLeadId(url: URL): string | null {
  if (!isLinkedinHost(url)) return null;
  return SALES_LEAD_PATH.exec(url.pathname)?.[1] ?? null;
}

export function isSalesNavigatorLeadUrl(url: URL): boolean {
  return salesNavigatorLeadId(url) !== null;
}

/** Company page and its tabs: `/company/<slug>/`, `/company/<slug>/about/`, `/people/`, `/posts/`, `/jobs/`, `/life/`. */
const COMPANY_PATH = /^\/company\/([^/]+)\/?(?:(?:about|people|posts|jobs|life|insights)\/?)?$/;
/** Paths under /company/ that are LinkedIn's own tools, not a company. */
const NOT_A_COMPANY = new Set(['setup', 'admin']);

/** The company's slug (or numeric id) from a company page URL, or null. */
export function linkedinCompanySlug(url: URL): string | null {
  if (!isLinkedinHost(url)) return null;
  const segment = COMPANY_PATH.exec(url.pathname)?.[1];
  const slug = segment ? normalizeSlug(segment) : null;
  return slug && !NOT_A_COMPANY.has(slug) ? slug : null;
}

export function isLinkedinCompanyUrl(url: URL): boolean {
  return linkedinCompanySlug(url) !== null;
}
