/**
 * HubSpot's record page markup Lens relies on, with the layout it was seen in and the fixture proving it.
 * Sources: ../shared/sites/crm.md — Clockify's hubspot.js (2026-03) and Toggl's hubspot.js (2026-04). No public
 * capture of a record page exists: the fixtures in test/fixtures/hubspot/ were written from these selectors.
 * HubSpot's own test hooks (`data-selenium-test`, `data-test-id`) are what both extensions rely on.
 */

const RECORD = ['2026-11-20-contact-record.html'];
const CARD = ['2026-11-20-contact-record-eu1.html'];

export const HUBSPOT = {
  /** The record's name in its highlight card (both extensions). */
  name: { css: '[data-selenium-test="highlightTitle"]', seen: '2026-04', fixtures: [...RECORD, ...CARD] },
  /** The highlight that holds the record's name: the left sidebar's main content (Clockify) or the OBJECT_HIGHLIGHT card (Toggl). */
  highlight: {
    css: ['[data-scroll-trackable-container="left-sidebar"] [data-test-id="record-highlight-main-content"]', '[data-card-type="OBJECT_HIGHLIGHT"]'],
    seen: '2026-04',
    fixtures: [...RECORD, ...CARD],
  },
  /**
   * The email property. `property-input-<internal name>` is the hook Clockify reads for `company`; `email` is the
   * contact's internal property name. Fallback: the address linked in the highlight card.
   */
  email: {
    css: ['[data-selenium-test="property-input-email"]', '[data-card-type="OBJECT_HIGHLIGHT"] a[href^="mailto:"]'],
    seen: '2026-03',
    fixtures: [...RECORD, ...CARD],
  },
  /** The job title property (internal name `jobtitle`), same hook. */
  jobTitle: { css: '[data-selenium-test="property-input-jobtitle"]', seen: '2026-03', fixtures: RECORD },
  /** The associated company's chicklet, else the contact's own "Company name" property (Clockify). */
  company: {
    css: ['[data-selenium-test="company-chicklet-title-link"]', '[data-selenium-test="property-input-company"]'],
    seen: '2026-03',
    fixtures: [...RECORD, ...CARD],
  },
  /**
   * The landmark around the record's columns. Not from a source (neither extension needs it): the fixtures assume
   * HubSpot draws the record in a <main>, so Lens observes the one holding the record's name, and the body when the
   * name is in none.
   */
  recordMain: { css: 'main', seen: '2026-11', fixtures: [...RECORD, ...CARD] },
  /** Preview panels show another record beside the open one (Clockify): nothing inside them is the contact shown. */
  previewPanel: {
    css: '[data-selenium-test="sidebar-preview-panel"], [data-test-id="IndexPageInlineSidebar"]',
    seen: '2026-03',
    fixtures: RECORD,
  },
} as const;
