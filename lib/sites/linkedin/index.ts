import { reserveRightEdge } from '../../dom/reserve';
import type { SiteAdapter } from '../contact';
import { detectLinkedinContact, findLinkedinObservedRoot, linkedinLayoutUnrecognized } from './detect';
import { LINKEDIN } from './selectors';

/** LinkedIn profiles, Sales Navigator leads and company pages. Read-only: no requests, no clicks. */
export const linkedinSite: SiteAdapter = {
  id: 'linkedin',
  findObservedRoot: findLinkedinObservedRoot,
  layoutUnrecognized: linkedinLayoutUnrecognized,
  detect: detectLinkedinContact,
  /** Same body margin as Gmail, plus the fixed top bar, which a body margin does not move. */
  reserveSpace: (doc, widthPx) => reserveRightEdge(doc, widthPx, { fixedBars: [LINKEDIN.globalNav.css] }),
};
