import { z } from 'zod';
import { HttpUrl, Id, IsoDateTime, ShortText } from './common';
import { Seniority } from './contact';

export const CampaignType = z.enum(['email_nurture', 'webinar', 'paid_social', 'event', 'content_syndication', 'other']);
export type CampaignType = z.infer<typeof CampaignType>;

export const Campaign = z.object({
  id: Id,
  name: ShortText.min(1),
  type: CampaignType,
  startedAt: IsoDateTime,
  endedAt: IsoDateTime.optional(),
});
export type Campaign = z.infer<typeof Campaign>;

export const EventType = z.enum([
  'email_open',
  'email_click',
  'page_view',
  'content_download',
  'form_submit',
  'ad_click',
  'webinar_registered',
  'webinar_attended',
  'event_visited',
  'meeting_booked',
  'unsubscribe',
  'email_bounce',
  'spam_complaint',
]);
export type EventType = z.infer<typeof EventType>;

export const EngagementEvent = z.object({
  id: Id,
  contactId: Id,
  type: EventType,
  campaignId: Id.optional(),
  contentId: Id.optional(),
  at: IsoDateTime,
  details: ShortText.optional(),
});
export type EngagementEvent = z.infer<typeof EngagementEvent>;

export const Persona = z.object({
  id: Id,
  name: ShortText.min(1),
  summary: ShortText,
  /** Lower-case words or phrases looked for in a job title. */
  titleKeywords: z.array(ShortText).min(1),
  seniorities: z.array(Seniority).default([]),
  departments: z.array(ShortText).default([]),
  industries: z.array(ShortText).default([]),
  companySize: z.object({ min: z.number().int().nonnegative(), max: z.number().int().positive() }).optional(),
  talkingPoints: z.array(ShortText).default([]),
});
export type Persona = z.infer<typeof Persona>;

export const FunnelStage = z.enum(['awareness', 'consideration', 'decision']);
export type FunnelStage = z.infer<typeof FunnelStage>;

export const ContentType = z.enum([
  'case_study',
  'one_pager',
  'pricing_sheet',
  'webinar_recording',
  'whitepaper',
  'ebook',
  'datasheet',
  'demo_video',
  'roi_calculator',
  'blog_post',
]);
export type ContentType = z.infer<typeof ContentType>;

export const ContentAsset = z.object({
  id: Id,
  title: ShortText.min(1),
  url: HttpUrl,
  type: ContentType,
  funnelStage: FunnelStage,
  personaIds: z.array(Id).default([]),
  topics: z.array(ShortText).default([]),
  summary: ShortText,
});
export type ContentAsset = z.infer<typeof ContentAsset>;

/** The hand-off agreement: when a lead becomes an MQL and how fast sales follows up. */
export const Sla = z.object({
  mqlScoreThreshold: z.number().int().min(1).max(100),
  followUpHours: z.number().positive(),
  dueSoonHours: z.number().positive(),
});
export type Sla = z.infer<typeof Sla>;
