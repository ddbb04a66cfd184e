import { queryFirstOutside, selectorList } from '../../dom/query';
import { asEmail, emailFromLink, textOf, valueOf } from '../../dom/text';
import type { DetectedContactInput } from '../contact';
import { HUBSPOT } from './selectors';
import { hubspotContactRecord } from './urls';

/** First match outside preview panels, which show other records. */
const find = (root: ParentNode, css: string | readonly string[]) => queryFirstOutside(root, selectorList(css), HUBSPOT.previewPanel.css);

/** The record's name, in its highlight when there is one. */
function findName(doc: Document): Element | null {
  const highlight = find(doc, HUBSPOT.highlight.css);
  return (highlight && find(highlight, HUBSPOT.name.css)) ?? find(doc, HUBSPOT.name.css);
}

function emailIn(el: Element | null): string | undefined {
  if (!el) return undefined;
  const link = el.matches('a[href^="mailto:"]') ? el : el.querySelector('a[href^="mailto:"]');
  return (link ? emailFromLink(link) : undefined) ?? asEmail(valueOf(el));
}

/** The contact on a HubSpot record page: the record id from the URL, name, email, title and company from the page. */
export function detectHubspotContact(doc: Document, url: URL, extraHosts: readonly string[] = []): DetectedContactInput | null {
  const ref = hubspotContactRecord(url, extraHosts);
  if (!ref) return null;
  const name = textOf(findName(doc));
  if (!name) return null; // the record is still drawing: wait for it rather than send a half-read contact
  const email = emailIn(find(doc, HUBSPOT.email.css));
  const title = valueOf(find(doc, HUBSPOT.jobTitle.css));
  const companyEl = find(doc, HUBSPOT.company.css);
  const company = companyEl?.matches('a, button') ? textOf(companyEl) : valueOf(companyEl);
  return {
    site: 'hubspot',
    pageKind: 'crm-record',
    crm: { system: 'hubspot', objectType: 'contact', id: ref.id, portalId: ref.portalId },
    ...(email ? { email } : {}),
    name,
    ...(title ? { title } : {}),
    ...(company ? { company } : {}),
  };
}

/** A contact record URL, but no record name Lens knows. */
export function hubspotLayoutUnrecognized(doc: Document, url: URL, extraHosts: readonly string[] = []): boolean {
  return hubspotContactRecord(url, extraHosts) !== null && findName(doc) === null;
}

/**
 * The record's landmark when its name is inside one, else the body: HubSpot's navigation bar, chat and preview panels
 * (drawn outside the record, and never read) then do not wake detection up.
 */
export function findHubspotObservedRoot(doc: Document): Element | null {
  return findName(doc)?.closest(HUBSPOT.recordMain.css) ?? doc.body;
}
