import { z } from 'zod';
import { Email, ShortText } from '../model/common';

export const SiteId = z.enum(['gmail', 'linkedin', 'hubspot', 'salesforce', 'pipedrive']);
export type SiteId = z.infer<typeof SiteId>;

export const PageKind = z.enum(['conversation', 'compose', 'profile', 'sales-lead', 'company', 'crm-record']);
export type PageKind = z.infer<typeof PageKind>;

/** A record in a CRM, from the page's URL. */
export const CrmRef = z.object({
  system: z.enum(['hubspot', 'salesforce', 'pipedrive']),
  objectType: z.enum(['contact', 'lead', 'person']),
  id: z.string().regex(/^[A-Za-z0-9]{1,40}$/, 'is not a CRM record id'),
  portalId: z.string().regex(/^\d{1,20}$/, 'is not a HubSpot portal id').optional(),
});
export type CrmRef = z.infer<typeof CrmRef>;

/** The key a CRM record is stored under in Lens's data: "hubspot:123", "salesforce:003…", "pipedrive:42". */
export const crmKey = (ref: Pick<CrmRef, 'system' | 'id'>) => `${ref.system}:${ref.id}`;

/** A LinkedIn public profile id, the `<slug>` of linkedin.com/in/<slug>/. */
export const LinkedinSlug = z
  .string()
  .regex(/^[\p{L}\p{N}_%-]{2,100}$/u, 'is not a LinkedIn profile id')
  .transform((slug) => slug.toLowerCase());

export const Participant = z.object({ email: Email, name: ShortText.optional() });
export type Participant = z.infer<typeof Participant>;

/**
 * The person a site adapter found on the page. Content scripts build it without zod (to stay small);
 * the background parses it with this schema when it arrives.
 */
export const DetectedContact = z
  .object({
    site: SiteId,
    pageKind: PageKind,
    email: Email.optional(),
    name: ShortText.optional(),
    title: ShortText.optional(),
    company: ShortText.optional(),
    location: ShortText.optional(),
    linkedinSlug: LinkedinSlug.optional(),
    crm: CrmRef.optional(),
    /** Other external people on the same page, for choosing between them. */
    others: z.array(Participant).max(50).default([]),
    /** Words from the page (a thread's subject and text) used in memory to rank content; never stored. */
    topicHint: z.string().max(4000).optional(),
  })
  .refine((c) => c.email || c.linkedinSlug || c.crm || (c.pageKind === 'company' && c.company), {
    message: 'needs an email, a LinkedIn profile, a CRM record or (on a company page) a company',
  });
export type DetectedContact = z.infer<typeof DetectedContact>;
/** What a detector returns before the background has parsed it. */
export type DetectedContactInput = z.input<typeof DetectedContact>;

/** What the rest of the content script needs to know about a site. */
export interface SiteAdapter {
  id: SiteId;
  /** The element whose subtree holds everything detection reads; observed for changes. */
  findObservedRoot(doc: Document): Element | null;
  /** Further areas to observe when present, such as Gmail's compose windows outside the main view. */
  findExtraRoots?(doc: Document): Element[];
  /** Attributes that carry a person (Gmail's `email`), watched so in-place rewrites are seen. */
  watchedAttributes?: readonly string[];
  /**
   * The URL promises a person (a conversation, a profile, a record) but the page has none of the markup Lens
   * knows for it: the site probably changed its layout. Only asked after the page has settled.
   */
  layoutUnrecognized?(doc: Document, url: URL): boolean;
  detect(doc: Document, url: URL): DetectedContactInput | null;
  /** Detection also depends on settings (Gmail: the team's domains): calls `listener` when they change, until abort. */
  onSettingsChange?(listener: () => void, signal: AbortSignal): void;
  /**
   * Puts a link to a piece of content into the message the rep is writing, at the caret (or at the end of the
   * body last written in). False when no message is being written.
   */
  insertLink?(doc: Document, link: { url: string; title: string }): boolean;
  /** Makes room for the sidebar so it covers none of the site's own controls. */
  reserveSpace(doc: Document, widthPx: number): void;
}
