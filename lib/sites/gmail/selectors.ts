/**
 * Every piece of Gmail's markup Lens relies on, with the layout it was seen in and the fixture proving it.
 * Sources: ../shared/sites/gmail.md (InboxSDK, gmail.js, FlowCrypt, Clockify at the commits named there).
 * Fixtures: test/fixtures/gmail/*.html. Contacts come from attributes (`email`, `name`), never from visible text.
 */
export const GMAIL = {
  /** The current view; Gmail swaps this element on navigation (InboxSDK getCurrentMainContentElement). */
  mainView: { css: 'div[role="main"]', seen: '2023-11', fixtures: ['2026-11-20-conversation.html', '2014-12-inbox-list.html'] },
  /** Message headers: sender. Structural path first, flat class fallback second. */
  sender: { css: ['td.gF span[email]', 'span.gD[email]'], seen: '2025-08', fixtures: ['2026-11-20-conversation.html'] },
  /** Message headers: to/cc recipients. */
  recipients: { css: ['.hb span[email]', 'span.g2[email]'], seen: '2025-08', fixtures: ['2026-11-20-conversation.html'] },
  /** Thread subject; gmail.js and FlowCrypt use h2.hP, InboxSDK `.ha h2`. */
  subject: { css: ['h2.hP', '.ha h2'], seen: '2025-08', fixtures: ['2026-11-20-conversation.html'] },
  /** The dock along the bottom that holds compose windows; fixed, so the sidebar's room must be made for it too. */
  composeDock: { css: '.dw', seen: '2023-11', fixtures: ['2026-11-20-compose.html'] },
  /** Compose windows (new message, pop-out) live outside the main view (InboxSDK getComposeWindowContainer). */
  composeContainer: { css: '.dw .nH > .nH > .no', seen: '2023-11', fixtures: ['2026-11-20-compose.html'] },
  /** Recipient chips of the 2021+ compose ("peoplekit"); address in data-hovercard-id, name in data-name. */
  composeRecipients: {
    css: ['.anm[name="to"] [role="option"][data-hovercard-id], .anm[name="cc"] [role="option"][data-hovercard-id]', 'div[name="to"] [data-hovercard-id], div[name="cc"] [data-hovercard-id]'],
    seen: '2021-10',
    fixtures: ['2026-11-20-compose.html'],
  },
  /** The message body of a compose window or inline reply: an editable textbox. */
  composeBody: { css: 'div[role="textbox"][contenteditable="true"]', seen: '2025-08', fixtures: ['2026-11-20-compose.html'] },
  /** The compose window's subject field (InboxSDK getSubjectInput). */
  composeSubject: { css: 'input[name="subjectbox"]', seen: '2023-11', fixtures: ['2026-11-20-compose.html'] },
  /** Signed-in account: the Google Account button's label ends with "(address)". */
  accountButton: { css: 'a[aria-label^="Google Account"]', seen: '2024-01', fixtures: ['2026-11-20-conversation.html'] },
} as const;

/** Gmail's document title: "Inbox (3) - rep@company.com - Gmail" or "Subject - rep@company.com - Gmail". */
export const TITLE_ACCOUNT = /\s-\s([^\s@]+@[^\s@]+\.[^\s@]+)\s-\s[^-]*$/;
/** The account button's label: "Google Account: Name  (rep@company.com)". */
export const LABEL_ACCOUNT = /\(([^\s()@]+@[^\s()@]+\.[^\s()@]+)\)\s*$/;
