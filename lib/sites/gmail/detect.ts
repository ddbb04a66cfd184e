import { isHiddenByMarkup, queryAllFirstMatching, queryFirst } from '../../dom/query';
import type { DetectedContactInput, Participant } from '../contact';
import { GMAIL, LABEL_ACCOUNT, TITLE_ACCOUNT } from './selectors';
import { isGmailApp, isGmailConversationUrl } from './urls';

/** Personal mailbox domains: sharing one with the rep says nothing about being a colleague. */
const FREE_MAIL = new Set(['gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'yahoo.com', 'icloud.com', 'proton.me']);

export interface GmailDetectOptions {
  /** The team's own domains, never the prospect (the signed-in account's domain is added automatically). */
  ownDomains?: readonly string[];
}

/** The signed-in account's address, from the document title or the account button. */
export function findSignedInAccount(doc: Document): string | null {
  const fromTitle = TITLE_ACCOUNT.exec(doc.title)?.[1];
  if (fromTitle) return fromTitle.toLowerCase();
  const label = doc.querySelector(GMAIL.accountButton.css)?.getAttribute('aria-label') ?? '';
  return LABEL_ACCOUNT.exec(label)?.[1]?.toLowerCase() ?? null;
}

/** The view the rep is looking at: Gmail keeps other views (the inbox list) hidden in the page. */
export function findVisibleView(doc: Document): Element | null {
  for (const view of doc.querySelectorAll(GMAIL.mainView.css)) if (!isHiddenByMarkup(view)) return view;
  return null;
}

function toParticipant(el: Element, emailAttr: string, nameAttr: string): Participant | null {
  const email = el.getAttribute(emailAttr)?.trim().toLowerCase();
  if (!email || !email.includes('@')) return null;
  const name = el.getAttribute(nameAttr)?.trim();
  return name && name.toLowerCase() !== email ? { email, name } : { email };
}

function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1);
}

function participantsFrom(root: ParentNode, selectors: readonly string[], emailAttr: string, nameAttr: string): Participant[] {
  const out: Participant[] = [];
  for (const el of queryAllFirstMatching(root, selectors)) {
    const p = toParticipant(el, emailAttr, nameAttr);
    if (p) out.push(p);
  }
  return out;
}

/** The external people, the prospect first, deduplicated; a name is kept from wherever one was given. */
function rank(prospect: Participant, everyone: readonly Participant[]): { prospect: Participant; others: Participant[] } {
  const named = everyone.find((p) => p.email === prospect.email && p.name);
  const others = new Map<string, Participant>();
  for (const p of everyone) if (p.email !== prospect.email && !others.has(p.email)) others.set(p.email, p);
  return { prospect: named ?? prospect, others: [...others.values()] };
}

/**
 * Who the rep is talking to. In an open conversation: the latest external sender, else the first external
 * recipient. Otherwise, in a compose or reply window: its first external recipient, as chips are added.
 * "External" means not the signed-in account and not on the team's own domains.
 */
export function detectGmailContact(doc: Document, url: URL, options: GmailDetectOptions = {}): DetectedContactInput | null {
  if (!isGmailApp(url)) return null;
  const account = findSignedInAccount(doc);
  const ownDomains = new Set((options.ownDomains ?? []).map((d) => d.toLowerCase()));
  if (account && !FREE_MAIL.has(domainOf(account))) ownDomains.add(domainOf(account));
  const isExternal = (p: Participant) =>
    p.email !== account && !ownDomains.has(domainOf(p.email)) && !(account === null && p.name === 'me');

  const view = findVisibleView(doc);
  if (view) {
    const senders = participantsFrom(view, GMAIL.sender.css, 'email', 'name').filter(isExternal);
    const recipients = participantsFrom(view, GMAIL.recipients.css, 'email', 'name').filter(isExternal);
    const prospect = senders[senders.length - 1] ?? recipients[0];
    if (prospect) {
      const { prospect: who, others } = rank(prospect, [...senders, ...recipients]);
      const subject = queryFirst(view, GMAIL.subject.css)?.textContent?.trim().slice(0, 500);
      return {
        site: 'gmail',
        pageKind: 'conversation',
        email: who.email,
        ...(who.name ? { name: who.name } : {}),
        others,
        ...(subject ? { topicHint: subject } : {}),
      };
    }
  }

  // Compose windows and inline replies; the newest window is last in the page.
  const windows = [...doc.querySelectorAll(GMAIL.composeContainer.css), ...(view ? [view] : [])];
  for (const win of windows.toReversed()) {
    const recipients = participantsFrom(win, GMAIL.composeRecipients.css, 'data-hovercard-id', 'data-name').filter(isExternal);
    const [first] = recipients;
    if (!first) continue;
    const { prospect: who, others } = rank(first, recipients);
    const subject = (win.querySelector<HTMLInputElement>(GMAIL.composeSubject.css)?.value ?? '').trim().slice(0, 500);
    return {
      site: 'gmail',
      pageKind: 'compose',
      email: who.email,
      ...(who.name ? { name: who.name } : {}),
      others,
      ...(subject ? { topicHint: subject } : {}),
    };
  }
  return null;
}

/** Gmail replaces the main view element on navigation; its parent stays and holds every view. */
export function findGmailObservedRoot(doc: Document): Element | null {
  return doc.querySelector(GMAIL.mainView.css)?.parentElement ?? null;
}

/** A conversation URL, but no message header Lens knows in the visible view. */
export function gmailLayoutUnrecognized(doc: Document, url: URL): boolean {
  if (!isGmailConversationUrl(url)) return false;
  const view = findVisibleView(doc);
  return !view || queryAllFirstMatching(view, GMAIL.sender.css).length === 0;
}

/** Where compose windows are drawn, when Gmail has drawn that area. */
export function findGmailComposeRoots(doc: Document): Element[] {
  return [...doc.querySelectorAll(GMAIL.composeContainer.css)];
}
