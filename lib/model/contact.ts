import { z } from 'zod';
import { Email, Id, IsoDateTime, ShortText } from './common';

/** Where a contact is in the shared funnel; the MQL/SQL definitions are what sales and marketing agreed on. */
export const LifecycleStage = z.enum(['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer', 'other']);
export type LifecycleStage = z.infer<typeof LifecycleStage>;

export const LIFECYCLE_LABEL: Record<LifecycleStage, string> = {
  subscriber: 'Subscriber',
  lead: 'Lead',
  mql: 'MQL',
  sql: 'SQL',
  opportunity: 'Opportunity',
  customer: 'Customer',
  other: 'Other',
};

export const Seniority = z.enum(['individual', 'manager', 'director', 'vp', 'c_level', 'owner']);
export type Seniority = z.infer<typeof Seniority>;

export const ContactProperties = z.object({
  industry: ShortText.optional(),
  companySize: z.number().int().nonnegative().optional(),
  country: ShortText.optional(),
  seniority: Seniority.optional(),
  department: ShortText.optional(),
});

/**
 * A score a CRM computed (HubSpot score, Mautic points, Account Engagement score or grade). Shown beside Lens's own
 * score, never mixed into it: the two models weigh different things.
 */
export const ImportedScore = z.object({
  system: z.enum(['hubspot', 'mautic', 'salesforce']),
  label: ShortText.min(1),
  value: z.union([z.number().finite(), ShortText.min(1).max(20)]),
});
export type ImportedScore = z.infer<typeof ImportedScore>;

export const Contact = z.object({
  id: Id,
  emails: z.array(Email).min(1, 'needs at least one email'),
  firstName: ShortText,
  lastName: ShortText,
  title: ShortText.optional(),
  company: ShortText.optional(),
  companyDomain: ShortText.optional(),
  /** The `<slug>` of the person's linkedin.com/in/<slug>/ profile, lower-case. */
  linkedinSlug: z.string().trim().toLowerCase().max(100).optional(),
  /** Their records in CRMs, as "hubspot:<id>", "salesforce:<id>", "pipedrive:<id>". */
  crmIds: z.array(z.string().regex(/^(hubspot|salesforce|pipedrive):[A-Za-z0-9]{1,40}$/, 'must look like "hubspot:123"')).default([]),
  lifecycleStage: LifecycleStage,
  owner: ShortText.optional(),
  sourceCampaignId: Id.optional(),
  originalSource: ShortText.optional(),
  properties: ContactProperties.default({}),
  becameMqlAt: IsoDateTime.optional(),
  becameSqlAt: IsoDateTime.optional(),
  importedScores: z.array(ImportedScore).max(20).optional(),
});
export type Contact = z.infer<typeof Contact>;
