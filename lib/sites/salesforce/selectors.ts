/**
 * Salesforce Lightning markup Lens relies on, with the layout it was seen in and the fixture proving it.
 * Sources: ../shared/sites/crm.md — Toggl's force.js (record title, fields by label, the window manager that keeps
 * hidden tabs in the DOM), QA page objects (the active page host `windowViewMode-normal oneContent active
 * lafPageHost`, `records-record-layout-item` → `[data-output-element-id='output-field']`) and public extension code
 * (`records-record-layout-item[field-label=…]`, `records-highlights2`, typed `lightning-formatted-*` outputs).
 * No public capture of a record page exists: test/fixtures/salesforce/ was written from these facts.
 * Field labels are the English UI's. `seen` is the newest dated source in crm.md for a Lightning record page
 * (Clockify, 2026-03); Toggl's force.js and the QA page objects carry no date.
 */

const CONTACT = ['2026-11-20-contact.html'];
const LEAD = ['2026-11-20-lead.html'];
const BOTH = [...CONTACT, ...LEAD];

/** A field either in the record's details (by `field-label`) or in the highlights panel (by its label's `title`). */
const field = (label: string, fixtures: readonly string[]) => ({
  css: [`records-record-layout-item[field-label="${label}"]`, `records-highlights-details-item [title="${label}"]`],
  seen: '2026-03',
  fixtures,
});

export const SALESFORCE = {
  /** The window manager holding one page host per visited page (Toggl's scope); observed for changes. */
  windowManager: { css: '.lafSinglePaneWindowManager', seen: '2026-03', fixtures: BOTH },
  /** The page host the user is looking at; the others stay in the DOM without `active`. */
  activeView: { css: '.lafSinglePaneWindowManager > .windowViewMode-normal.oneContent.active', seen: '2026-03', fixtures: BOTH },
  /** Every page host, for when none carries `active`: only one visible by markup may be chosen. */
  anyView: { css: '.lafSinglePaneWindowManager > .windowViewMode-normal', seen: '2026-03', fixtures: BOTH },
  /** The record's name in the highlights panel: the LWC panel, or the page header's title (Toggl). */
  recordName: {
    css: ['records-highlights2 lightning-formatted-name', '.slds-page-header__title lightning-formatted-name'],
    seen: '2026-03',
    fixtures: BOTH,
  },
  /** A details field's value container (QA page objects). */
  fieldOutput: { css: '[data-output-element-id="output-field"]', seen: '2026-03', fixtures: BOTH },
  /** Typed outputs inside a field, when the value container is missing. */
  typedOutput: {
    css: 'lightning-formatted-email, lightning-formatted-text, lightning-formatted-name, force-lookup',
    seen: '2026-03',
    fixtures: BOTH,
  },
  /** A lookup field's link (an account, an owner): its text is the value. */
  lookupLink: { css: 'force-lookup a', seen: '2026-03', fixtures: BOTH },
  email: field('Email', BOTH),
  title: field('Title', BOTH),
  /** A contact's company is its account (a lookup). */
  accountName: field('Account Name', CONTACT),
  /** A lead's company is a text field. */
  company: field('Company', LEAD),
} as const;
