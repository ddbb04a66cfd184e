import { z } from 'zod';
import { Email, ShortText } from '../model/common';

export const SiteId = z.enum(['gmail']);
export type SiteId = z.infer<typeof SiteId>;

export const Participant = z.object({ email: Email, name: ShortText.optional() });
export type Participant = z.infer<typeof Participant>;

/**
 * The person a site adapter found on the page. Content scripts build it without zod (to stay small);
 * the background parses it with this schema when it arrives.
 */
export const DetectedContact = z.object({
  site: SiteId,
  pageKind: z.enum(['conversation']),
  email: Email,
  name: ShortText.optional(),
  title: ShortText.optional(),
  company: ShortText.optional(),
  /** Other external people on the same page, for choosing between them. */
  others: z.array(Participant).max(50).default([]),
  /** Words from the page (a thread's subject) used in memory to rank content; never stored. */
  topicHint: z.string().max(500).optional(),
});
export type DetectedContact = z.infer<typeof DetectedContact>;
/** What a detector returns before the background has parsed it. */
export type DetectedContactInput = z.input<typeof DetectedContact>;

/** What the rest of the content script needs to know about a site. */
export interface SiteAdapter {
  id: SiteId;
  /** The element whose subtree holds everything detection reads; observed for changes. */
  findObservedRoot(doc: Document): Element | null;
  detect(doc: Document, url: URL): DetectedContactInput | null;
  /** Makes room for the sidebar so it covers none of the site's own controls. */
  reserveSpace(doc: Document, widthPx: number): void;
}
