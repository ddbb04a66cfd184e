/**
 * Pipedrive's person page markup Lens relies on. Sources: ../shared/sites/crm.md — Clockify's pipedrive.js and
 * selectors.json (2026-03): the contact view `.detailView .content .spacer`, the person's name in the document
 * title ("<name> - contact details"), `[data-testid="header-title"]` as the view title (Clockify reads it on deal
 * views; assumed to be shared by the person view). Email and organization are read from what they link to
 * (`mailto:`, `/organization/<id>`), not from Pipedrive's generated class names.
 * No public capture exists: test/fixtures/pipedrive/ was written from these facts.
 */

const PERSON = ['2026-11-20-person.html'];

export const PIPEDRIVE = {
  /** The detail view; the person's header and fields are drawn inside it, so it is also what Lens observes. */
  detailView: { css: '.detailView', seen: '2026-03', fixtures: PERSON },
  /** The view's header (Clockify's hanger for its button on contact views). */
  header: { css: '.detailView .content .spacer', seen: '2026-03', fixtures: PERSON },
  /** The person's name. */
  name: { css: '[data-testid="header-title"]', seen: '2026-03', fixtures: PERSON },
  /** The first address the view links to: the person's primary email in their details. */
  email: { css: 'a[href^="mailto:"]', seen: '2026-03', fixtures: PERSON },
  /** The person's organization, linked to its own page. */
  organization: { css: 'a[href*="/organization/"]', seen: '2026-03', fixtures: PERSON },
} as const;

/** "Grace Liu - contact details" (Clockify: `document.title.replace(' - contact details', '')`). */
export const TITLE_PERSON = /^(.+?) - contact details\b/;
