import { z } from 'zod';
import { Email } from './common';

/**
 * How Lens names a person across pages: an email where one is known, else a CRM record or a LinkedIn profile.
 * `key` is the one string stored and indexed for them (see contactKey).
 */
export const ContactIdentity = z
  .object({
    key: z.string().min(1).max(200),
    email: Email.optional(),
    linkedinSlug: z.string().max(100).optional(),
    crmId: z.string().max(60).optional(),
  })
  .refine((c) => c.key === contactKey(c), { message: 'key does not match the identity', path: ['key'] });
export type ContactIdentity = z.infer<typeof ContactIdentity>;

/** The identity key: the email when there is one, otherwise the CRM record, otherwise the LinkedIn profile. */
export function contactKey(c: { email?: string; crmId?: string; linkedinSlug?: string }): string {
  if (c.email) return c.email.toLowerCase();
  if (c.crmId) return c.crmId;
  if (c.linkedinSlug) return `linkedin:${c.linkedinSlug.toLowerCase()}`;
  return '';
}
