import type { SiteAdapter } from '../contact';
import { detectGmailContact, findGmailComposeRoots, findGmailObservedRoot, gmailLayoutUnrecognized } from './detect';

const STYLE_ID = 'smarketing-lens-reserve';

export const gmailSite: SiteAdapter = {
  id: 'gmail',
  findObservedRoot: findGmailObservedRoot,
  findExtraRoots: findGmailComposeRoots,
  watchedAttributes: ['email', 'data-hovercard-id'],
  layoutUnrecognized: gmailLayoutUnrecognized,
  detect: (doc, url) => detectGmailContact(doc, url),
  /** Gmail fills the viewport; narrowing its root element keeps every Gmail control clear of the sidebar. */
  reserveSpace(doc, widthPx) {
    let style = doc.getElementById(STYLE_ID);
    if (!style) {
      style = doc.createElement('style');
      style.id = STYLE_ID;
      doc.head.append(style);
    }
    style.textContent = widthPx > 0 ? `html > body { margin-right: ${widthPx}px !important; }` : '';
  },
};
