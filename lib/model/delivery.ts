import { z } from 'zod';
import { Email, Id, IsoDateTime, ShortText } from './common';
import { FeedbackReason, Verdict } from './feedback';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Only https, except plain http to this machine for testing a receiver locally. */
export const WebhookUrl = z
  .string()
  .trim()
  .min(1, 'is required')
  .superRefine((value, ctx) => {
    if (!URL.canParse(value)) return void ctx.addIssue({ code: 'custom', message: 'is not a URL' });
    const url = new URL(value);
    if (!(url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname))))
      ctx.addIssue({ code: 'custom', message: 'must start with https:// (http:// only for localhost or 127.0.0.1)' });
    else if (url.username || url.password) ctx.addIssue({ code: 'custom', message: 'must not contain a user name or password' });
  });

export const WebhookDestination = z.object({
  url: WebhookUrl,
  /** Shared with the receiver to sign each body (HMAC-SHA256). */
  secret: z.string().min(16, 'must be at least 16 characters').max(256, 'must be at most 256 characters'),
  /** Adds a Slack-compatible `text` field, so a Slack incoming webhook can be the receiver. */
  slackText: z.boolean().default(false),
});
export type WebhookDestination = z.infer<typeof WebhookDestination>;

export const UsageAction = z.enum(['shown', 'opened', 'link_copied', 'inserted']);
export type UsageAction = z.infer<typeof UsageAction>;

/** The contact as marketing's receiver sees it. */
export const WireContact = z.object({
  key: z.string(),
  email: Email.optional(),
  name: ShortText.optional(),
  sourceCampaign: z.object({ id: Id, name: ShortText }).optional(),
});

/** One event as it leaves the browser (the receiver's contract; see README "Webhook"). */
export const WireEvent = z.discriminatedUnion('type', [
  z.object({
    id: z.string(),
    type: z.literal('feedback'),
    time: IsoDateTime,
    contact: WireContact,
    verdict: Verdict,
    reason: FeedbackReason.optional(),
    note: z.string().optional(),
    /** Set when the rep changed or withdrew an earlier verdict. */
    replaces: z.string().optional(),
    withdrawn: z.boolean().optional(),
  }),
  z.object({
    id: z.string(),
    type: z.literal('usage'),
    time: IsoDateTime,
    contact: WireContact,
    action: UsageAction,
    content: z.object({ id: Id, title: ShortText, url: z.string() }),
    rank: z.number().int().min(1),
  }),
]);
export type WireEvent = z.infer<typeof WireEvent>;

export type DeliveryState = 'queued' | 'sent' | 'failed';

/** An event waiting in (or delivered from) the outbox. `seq` keeps creation order. */
export interface OutboxItem {
  seq?: number;
  id: string;
  event: WireEvent;
  state: DeliveryState;
  attempts: number;
  /** ISO time of the next try while queued. */
  nextAttemptAt: string;
  /** The batch this item was last sent in: a retry resends the same batch with the same idempotency key. */
  batchId?: string;
  lastError?: string;
  sentAt?: string;
}

/** Content usage, kept locally for Insights. */
export const UsageRecord = z.object({
  id: z.string(),
  at: IsoDateTime,
  contactKey: z.string(),
  contentId: Id,
  action: UsageAction,
  rank: z.number().int().min(1),
  personaId: Id.optional(),
  stage: ShortText.optional(),
});
export type UsageRecord = z.infer<typeof UsageRecord>;
