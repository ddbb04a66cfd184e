import { isHiddenByMarkup, queryAllFirstMatching, queryFirst } from '../../dom/query';
import type { DetectedContactInput, Participant } from '../contact';
import { GMAIL, LABEL_ACCOUNT, TITLE_ACCOUNT } from './selectors';
import { isGmailApp } from './urls';

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

function toParticipant(el: Element): Participant | null {
  const email = el.getAttribute('email')?.trim().toLowerCase();
  if (!email || !email.includes('@')) return null;
  const name = el.getAttribute('name')?.trim();
  return name && name.toLowerCase() !== email ? { email, name } : { email };
}

function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1);
}

/**
 * Who the rep is talking to in the open conversation: the latest external sender, else the first
 * external recipient. "External" means not the signed-in account and not on the team's own domains.
 */
export function detectGmailContact(doc: Document, url: URL, options: GmailDetectOptions = {}): DetectedContactInput | null {
  if (!isGmailApp(url)) return null;
  const view = findVisibleView(doc);
  if (!view) return null;
  const senders = queryAllFirstMatching(view, GMAIL.sender.css).map(toParticipant);
  const recipients = queryAllFirstMatching(view, GMAIL.recipients.css).map(toParticipant);
  if (senders.length === 0) return null; // no message headers: a list, settings, or a view still drawing

  const account = findSignedInAccount(doc);
  const ownDomains = new Set((options.ownDomains ?? []).map((d) => d.toLowerCase()));
  if (account && !FREE_MAIL.has(domainOf(account))) ownDomains.add(domainOf(account));
  const isExternal = (p: Participant) =>
    p.email !== account && !ownDomains.has(domainOf(p.email)) && !(account === null && p.name === 'me');

  const externalSenders = senders.filter((p): p is Participant => p !== null && isExternal(p));
  const externalRecipients = recipients.filter((p): p is Participant => p !== null && isExternal(p));
  const prospect = externalSenders[externalSenders.length - 1] ?? externalRecipients[0];
  if (!prospect) return null;

  const others = new Map<string, Participant>();
  for (const p of [...externalSenders, ...externalRecipients]) {
    if (p.email !== prospect.email && !others.has(p.email)) others.set(p.email, p);
  }
  // Every header repeats the sender; prefer a name wherever one was given.
  const named = [...externalSenders, ...externalRecipients].find((p) => p.email === prospect.email && p.name);
  const subject = queryFirst(view, GMAIL.subject.css)?.textContent?.trim().slice(0, 500);
  return {
    site: 'gmail',
    pageKind: 'conversation',
    email: prospect.email,
    ...(named?.name ? { name: named.name } : {}),
    others: [...others.values()],
    ...(subject ? { topicHint: subject } : {}),
  };
}

/** Gmail replaces the main view element on navigation; its parent stays and holds every view. */
export function findGmailObservedRoot(doc: Document): Element | null {
  return doc.querySelector(GMAIL.mainView.css)?.parentElement ?? null;
}
