import { z } from 'zod';
import { Email, Id, IsoDateTime, ShortText } from './common';
import { ContactIdentity } from './identity';

export const Verdict = z.enum(['good_fit', 'bad_fit', 'not_ready', 'wrong_persona']);
export type Verdict = z.infer<typeof Verdict>;

export const VERDICT_LABEL: Record<Verdict, string> = {
  good_fit: 'Good fit',
  bad_fit: 'Bad fit',
  not_ready: 'Not ready',
  wrong_persona: 'Wrong persona',
};

export const FeedbackReason = z.enum([
  'no_budget',
  'not_decision_maker',
  'too_early',
  'bad_contact_data',
  'competitor',
  'student_or_job_seeker',
  'spam',
]);
export type FeedbackReason = z.infer<typeof FeedbackReason>;

export const REASON_LABEL: Record<FeedbackReason, string> = {
  no_budget: 'No budget',
  not_decision_maker: 'Not a decision maker',
  too_early: 'Too early',
  bad_contact_data: 'Bad contact data',
  competitor: 'Competitor',
  student_or_job_seeker: 'Student / job seeker',
  spam: 'Spam',
};

export const FeedbackInput = z.object({
  contact: ContactIdentity,
  contactName: ShortText.optional(),
  verdict: Verdict,
  reason: FeedbackReason.optional(),
  note: z.string().max(2000, 'must be at most 2,000 characters').optional(),
});
export type FeedbackInput = z.infer<typeof FeedbackInput>;

export const Feedback = FeedbackInput.omit({ contact: true }).extend({
  id: Id,
  /** The contact's identity key (see contactKey): one per person whatever page the feedback was given on. */
  contactKey: z.string().min(1).max(200),
  contactEmail: Email.optional(),
  contactId: Id.optional(),
  sourceCampaignId: Id.optional(),
  sourceCampaignName: ShortText.optional(),
  createdAt: IsoDateTime,
  /** When the rep last changed it. */
  editedAt: IsoDateTime.optional(),
  /** When marketing's webhook accepted it; absent while kept locally or waiting. */
  deliveredAt: IsoDateTime.optional(),
});
export type Feedback = z.infer<typeof Feedback>;
