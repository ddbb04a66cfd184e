import { cleanText, emailFromLink, textOf } from '../../dom/text';
import type { DetectedContactInput } from '../contact';
import { PIPEDRIVE, TITLE_PERSON } from './selectors';
import { pipedrivePersonId } from './urls';

/** The person on a Pipedrive person page: the id from the URL; name, email and organization from the detail view. */
export function detectPipedriveContact(doc: Document, url: URL, extraHosts: readonly string[] = []): DetectedContactInput | null {
  const id = pipedrivePersonId(url, extraHosts);
  if (!id) return null;
  const view = doc.querySelector(PIPEDRIVE.detailView.css);
  if (!view) return null; // still drawing
  // The header first: the history further down quotes other people's addresses and organizations.
  const header = view.querySelector(PIPEDRIVE.header.css);
  const name = textOf(view.querySelector(PIPEDRIVE.name.css)) ?? cleanText(TITLE_PERSON.exec(doc.title)?.[1]);
  if (!name) return null; // the view is there but the person is not drawn yet
  const email = emailFromLink(view.querySelector(PIPEDRIVE.email.css));
  const company = textOf(header?.querySelector(PIPEDRIVE.organization.css) ?? view.querySelector(PIPEDRIVE.organization.css));
  return {
    site: 'pipedrive',
    pageKind: 'crm-record',
    crm: { system: 'pipedrive', objectType: 'person', id },
    ...(email ? { email } : {}),
    name,
    ...(company ? { company } : {}),
  };
}

/** A person URL, but no detail view Lens knows. */
export function pipedriveLayoutUnrecognized(doc: Document, url: URL, extraHosts: readonly string[] = []): boolean {
  return pipedrivePersonId(url, extraHosts) !== null && doc.querySelector(PIPEDRIVE.detailView.css) === null;
}

/**
 * Everything detection reads from the page is inside the detail view (the title fallback is not page content): observe
 * it rather than the whole body, where Pipedrive's own menus, toasts and dialogs churn. Until it is drawn (or on pages
 * without one), the body.
 */
export function findPipedriveObservedRoot(doc: Document): Element | null {
  return doc.querySelector(PIPEDRIVE.detailView.css) ?? doc.body;
}
