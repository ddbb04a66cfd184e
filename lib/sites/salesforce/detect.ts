import { isHiddenByMarkup, queryFirst } from '../../dom/query';
import { asEmail, emailFromLink, textOf } from '../../dom/text';
import type { DetectedContactInput } from '../contact';
import { SALESFORCE } from './selectors';
import { salesforceRecord } from './urls';

/**
 * The page host the user is looking at. Lightning keeps earlier pages (other records) in the DOM; the current one
 * carries `active`. If none does, take the only one not hidden by markup, and refuse to guess between several.
 */
export function findActiveView(doc: Document): Element | null {
  const active = doc.querySelector(SALESFORCE.activeView.css);
  if (active) return active;
  const visible = [...doc.querySelectorAll(SALESFORCE.anyView.css)].filter((view) => !isHiddenByMarkup(view));
  return visible.length === 1 ? visible[0]! : null;
}

/** The element holding a field's value: inside a details item, or right after a highlights label. */
function fieldValue(view: Element, spec: { css: readonly string[] }): Element | null {
  const hit = queryFirst(view, spec.css);
  if (!hit) return null;
  if (hit.tagName.toLowerCase() === 'records-record-layout-item') {
    return hit.querySelector(SALESFORCE.fieldOutput.css) ?? hit.querySelector(SALESFORCE.typedOutput.css);
  }
  return hit.nextElementSibling;
}

function emailIn(value: Element | null): string | undefined {
  if (!value) return undefined;
  return emailFromLink(value.querySelector('a[href^="mailto:"]')) ?? asEmail(textOf(value));
}

/** A lookup's text is its link's; other values are their text. */
function textIn(value: Element | null): string | undefined {
  return textOf(value?.querySelector(SALESFORCE.lookupLink.css) ?? value);
}

/** The Contact or Lead in the active tab: the record id from the URL, the rest from that tab only. */
export function detectSalesforceContact(doc: Document, url: URL, extraHosts: readonly string[] = []): DetectedContactInput | null {
  const ref = salesforceRecord(url, extraHosts);
  if (!ref) return null;
  const view = findActiveView(doc);
  const name = view ? textOf(queryFirst(view, SALESFORCE.recordName.css)) : undefined;
  if (!view || !name) return null; // still drawing
  const email = emailIn(fieldValue(view, SALESFORCE.email));
  const title = textIn(fieldValue(view, SALESFORCE.title));
  const company = textIn(fieldValue(view, ref.objectType === 'contact' ? SALESFORCE.accountName : SALESFORCE.company));
  return {
    site: 'salesforce',
    pageKind: 'crm-record',
    crm: { system: 'salesforce', objectType: ref.objectType, id: ref.id },
    ...(email ? { email } : {}),
    name,
    ...(title ? { title } : {}),
    ...(company ? { company } : {}),
  };
}

/** A record URL, but no active page host or record name Lens knows. */
export function salesforceLayoutUnrecognized(doc: Document, url: URL, extraHosts: readonly string[] = []): boolean {
  if (!salesforceRecord(url, extraHosts)) return false;
  const view = findActiveView(doc);
  return !view || queryFirst(view, SALESFORCE.recordName.css) === null;
}

/** The window manager outlives page changes; before Lightning draws it, the body. */
export function findSalesforceObservedRoot(doc: Document): Element | null {
  return doc.querySelector(SALESFORCE.windowManager.css) ?? doc.body;
}
