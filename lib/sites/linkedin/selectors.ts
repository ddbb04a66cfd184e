/**
 * Every piece of LinkedIn's markup Lens relies on, with the layout it was seen in and the fixture proving it.
 * Sources: ../shared/sites/linkedin.md (real captures from elalienx/scoutr; selectors used by Twenty, linkedin_scraper,
 * scoutr and a Sales Navigator selector reference). Fixtures: test/fixtures/linkedin/*.html.
 * Never LinkedIn's hashed class names (`qprYfSCHFUlw…`): they change with every build.
 */

const PROFILES = ['2024-07-12-profile-a.html', '2024-07-12-profile-b.html'];
const SALES_LEAD = ['2026-11-20-sales-lead.html'];
const COMPANY = ['2026-11-20-company.html'];

export const LINKEDIN = {
  /** The app's outlet (Ember); it stays across in-page navigation while the pages inside it are swapped. */
  appRoot: { css: 'div.application-outlet', seen: '2024-07', fixtures: [...PROFILES, ...COMPANY] },
  /** The fixed top navigation: narrowed so the sidebar does not cover its right end ("Me", "For Business"). */
  globalNav: { css: '#global-nav', seen: '2024-07', fixtures: [...PROFILES, ...COMPANY] },

  // Profile page `/in/<slug>/`: everything is read inside the top card, never from the nav's "Me" menu.
  /** The top card: the first card of the main column; `data-member-id` in the 2024 captures. */
  topCard: { css: ['main section[data-member-id]', 'main section.artdeco-card'], seen: '2024-07', fixtures: PROFILES },
  /** The person's name (every scraper in linkedin.md uses the top card's h1). */
  name: { css: 'h1', seen: '2024-07', fixtures: PROFILES },
  /** Headline under the name. */
  headline: { css: '.text-body-medium', seen: '2024-07', fixtures: PROFILES },
  /** "Current company: Novare Potential. Click to skip to experience card"; the button's class is hashed in later layouts. */
  currentCompany: { css: 'button[aria-label^="Current company: "]', seen: '2024-07', fixtures: PROFILES },
  /** Location line (linkedin_scraper's selector; artdeco utility classes, not hashed ones). */
  location: { css: '.text-body-small.inline.t-black--light.break-words', seen: '2024-07', fixtures: PROFILES },
  /** Links the top card draws to its own profile: they name the slug of the person shown. */
  ownProfileLink: {
    css: ['a[href*="/overlay/contact-info/"]', 'a[href*="/overlay/about-this-profile/"]'],
    seen: '2024-07',
    fixtures: PROFILES,
  },
  /** The experience card's anchor; its section holds one entity per employer. */
  experienceAnchor: { css: '#experience', seen: '2024-07', fixtures: PROFILES },
  /** One employer (with nested entities when the person had several roles there: the "type 2" layout of profile-b). */
  experienceEntity: { css: '[data-view-name="profile-component-entity"]', seen: '2024-07', fixtures: PROFILES },
  /** An entity's bold line: the role, or the employer in the grouped layout (scoutr, linkedin_scraper). */
  entityBold: { css: '.t-bold > span[aria-hidden="true"]', seen: '2024-07', fixtures: PROFILES },
  /** An entity's second line, "Novare Potential · Full-time"; the dates line also has t-black--light. */
  entitySubtitle: { css: 'span.t-14.t-normal:not(.t-black--light) > span[aria-hidden="true"]', seen: '2024-07', fixtures: PROFILES },
  /** Embedded API answers (HTML-escaped JSON), each paired with a `datalet-` element naming its request. */
  embeddedJson: { css: 'code[id^="bpr-guid-"]', seen: '2024-07', fixtures: PROFILES },
  embeddedRequest: { css: 'code[id^="datalet-bpr-guid-"]', seen: '2024-07', fixtures: PROFILES },

  // Sales Navigator lead page `/sales/lead/…`: stable `data-anonymize` attributes (Sales Navigator selector reference).
  leadName: { css: 'h1[data-anonymize="person-name"]', seen: '2025-11', fixtures: SALES_LEAD },
  /** The lead's header: the h1's closest section with "header" in its (module-generated) class, else its section. */
  leadHeader: { css: ['section[class*="header"]', 'section'], seen: '2025-11', fixtures: SALES_LEAD },
  leadHeadline: { css: '[data-anonymize="headline"]', seen: '2025-11', fixtures: SALES_LEAD },
  leadTitle: { css: '[data-anonymize="title"]', seen: '2025-11', fixtures: SALES_LEAD },
  leadCompany: { css: '[data-anonymize="company-name"]', seen: '2025-11', fixtures: SALES_LEAD },
  leadLocation: { css: '[data-anonymize="location"]', seen: '2025-11', fixtures: SALES_LEAD },
  /** The only public profile link on a lead page: "View LinkedIn profile" in the header's "…" menu. */
  leadProfileLink: { css: 'a[href^="https://www.linkedin.com/in/"]', seen: '2025-11', fixtures: SALES_LEAD },

  // Company page `/company/<slug>/`: Twenty's company extractor (spring 2024; reads the `title` attribute),
  // with the top card's h1 as the fallback when the class goes.
  companyName: { css: ['.org-top-card-summary__title', 'main section h1'], seen: '2024-04', fixtures: COMPANY },
} as const;

/** "Current company: Novare Potential. Click to skip to experience card" → "Novare Potential" (English UI). */
export const CURRENT_COMPANY_LABEL = /^Current company:\s*(.+?)\.\s+Click to skip/;
/** The plain prefix, for other wordings after the name. */
export const CURRENT_COMPANY_PREFIX = 'Current company: ';
/** The request of the signed-in viewer's own profile; its answer must never be taken for the person shown. */
export const VIEWER_REQUEST = '"request":"/voyager/api/me"';
