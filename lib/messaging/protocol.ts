import { z } from 'zod';
import { ContactIdentity as ContactIdentitySchema, FeedbackInput, FeedbackReason, Id, UsageAction, Verdict, WebhookUrl } from '../model';
import { Backup } from '../store/backup-schema';
import { DetectedContact } from '../sites/contact';
import { CustomCrmHostSchema, TeamDomains } from '../sites/settings-schema';
import type { CrmHostsView } from '../background/crm-hosts';
import { ScoringModel as ScoringModelSchema } from '../model/scoring';
import type { ScoringModel } from '../model/scoring';
import type { ContactIdentity, Feedback, WebhookDestination } from '../model';
import type { OutboxSummary } from '../store/outbox';
import type { PackOutcome } from '../store/imports';
import type { RestoreOutcome } from '../store/backup';
import type { RecentContact } from '../store/schema';
import type { LensView } from '../engine/lens';
import type { Insights } from '../insights/compute';

/**
 * The one message protocol between content scripts, extension pages and the background.
 * Each request is `{ type: '<domain>.<verb>', ...payload }`; each answer is `{ ok: true, data }` or `{ ok: false, error }`.
 * `from` says who may send it: a content script in a tab, one of this extension's own pages, or either.
 */

export const REQUESTS = {
  /** Content script: this tab now shows this contact; answer with the lens for the sidebar. */
  'lens.lookup': { from: 'content', payload: z.object({ contact: DetectedContact }) },
  /** Content script: this tab shows no contact any more. */
  'lens.clear': { from: 'content', payload: z.object({}) },
  /** Popup: the contact detected in a tab. */
  'tab.getContact': { from: 'page', payload: z.object({ tabId: z.number().int().nonnegative() }) },
  /** Popup: the contacts looked at most recently. */
  'contacts.listRecent': { from: 'page', payload: z.object({ limit: z.number().int().min(1).max(50).default(10) }) },
  /** Lead-quality feedback on a contact, from the popup or the sidebar. */
  'feedback.submit': { from: 'any', payload: z.object({ feedback: FeedbackInput }) },
  'feedback.undo': { from: 'any', payload: z.object({ id: z.string().min(1).max(100) }) },
  /** Change an earlier verdict: marketing gets the new one, marked as replacing the old. */
  'feedback.edit': {
    from: 'any',
    payload: z.object({
      id: z.string().min(1).max(100),
      verdict: Verdict,
      reason: FeedbackReason.nullable().default(null),
      note: z.string().max(2000, 'must be at most 2,000 characters').nullable().default(null),
    }),
  },
  'feedback.listForContact': { from: 'any', payload: z.object({ key: z.string().min(1).max(200) }) },
  'feedback.listAll': { from: 'page', payload: z.object({}) },
  /** A rep did something with a recommended asset. */
  'usage.record': {
    from: 'content',
    payload: z.object({
      contact: ContactIdentitySchema,
      action: UsageAction,
      /** One message for all the picks shown at once; one item for an action on a single pick. */
      items: z.array(z.object({ contentId: Id, rank: z.number().int().min(1).max(50) })).min(1).max(20),
      personaId: Id.optional(),
      stage: z.string().max(40).optional(),
    }),
  },
  /** Where events go: marketing's webhook (options page). */
  'destination.get': { from: 'page', payload: z.object({}) },
  'destination.save': {
    from: 'page',
    payload: z.object({
      url: WebhookUrl,
      /** Empty keeps the secret already saved. */
      secret: z.string().max(256, 'must be at most 256 characters'),
      slackText: z.boolean().default(false),
    }),
  },
  'destination.remove': { from: 'page', payload: z.object({}) },
  'destination.sendTest': { from: 'page', payload: z.object({}) },
  /** What waits in the outbox, and the delivery state of given feedback items. */
  'delivery.status': { from: 'any', payload: z.object({ ids: z.array(z.string().max(100)).max(200).default([]) }) },
  'delivery.retryFailed': { from: 'page', payload: z.object({}) },
  /** Marketing's view of what reps use and how good their leads are, over a date range. */
  'insights.get': { from: 'page', payload: z.object({ from: z.iso.datetime().optional(), to: z.iso.datetime().optional() }) },
  /**
   * The options page wrote to the store itself (a CSV import: it parses the file, stages its events and commits them in
   * one transaction, lib/store/imports.ts): the background drops what it cached from the store.
   */
  'data.changed': { from: 'page', payload: z.object({}) },
  /** A marketing pack; validated again in the background (lib/importers validatePack) before anything is replaced. */
  'import.pack': { from: 'page', payload: z.object({ pack: z.record(z.string(), z.unknown()) }) },
  /** Full backup of the user's data (never the webhook or its secret), and restoring one. */
  'backup.export': { from: 'page', payload: z.object({}) },
  'backup.restore': { from: 'page', payload: z.object({ backup: Backup }) },
  /** The team's own email domains (options page): never the prospect in Gmail. Gmail tabs read them from storage.local. */
  'team.getDomains': { from: 'page', payload: z.object({}) },
  'team.saveDomains': { from: 'page', payload: z.object({ domains: TeamDomains }) },
  /** Custom CRM hosts (options page): each served by its site's content script, registered once its origin is granted. */
  'crmHosts.list': { from: 'page', payload: z.object({}) },
  'crmHosts.add': { from: 'page', payload: CustomCrmHostSchema },
  'crmHosts.remove': { from: 'page', payload: z.object({ host: z.string().trim().toLowerCase().min(1).max(300) }) },
  /** The lead-scoring model in force (options page): read it, replace it (parsed with ScoringModel), back to the default. */
  'scoring.get': { from: 'page', payload: z.object({}) },
  'scoring.save': { from: 'page', payload: z.object({ model: ScoringModelSchema }) },
  'scoring.reset': { from: 'page', payload: z.object({}) },
} as const;

export type RequestType = keyof typeof REQUESTS;
export type RequestPayload<T extends RequestType> = z.input<(typeof REQUESTS)[T]['payload']>;
export type ParsedPayload<T extends RequestType> = z.output<(typeof REQUESTS)[T]['payload']>;

/** What each request answers with (produced by the background itself, so typed rather than parsed). */
export interface ResponseData {
  /** The lens, and the identity feedback and usage on this person are filed under. */
  'lens.lookup': LensView & { identity: ContactIdentity };
  'lens.clear': null;
  'tab.getContact': { contact: TabContact | null };
  'contacts.listRecent': RecentContact[];
  'feedback.submit': Feedback;
  'feedback.undo': { undone: boolean };
  'feedback.edit': Feedback;
  'feedback.listForContact': Feedback[];
  'feedback.listAll': Feedback[];
  'usage.record': null;
  'destination.get': DestinationView;
  'destination.save': DestinationView;
  'destination.remove': DestinationView;
  'destination.sendTest': { delivered: boolean; message: string };
  'delivery.status': OutboxSummary & { items: Record<string, DeliveryItemState> };
  'delivery.retryFailed': { requeued: number };
  'insights.get': Insights;
  'data.changed': null;
  'import.pack': PackOutcome;
  'backup.export': Backup;
  'backup.restore': RestoreOutcome;
  'team.getDomains': { domains: string[] };
  'team.saveDomains': { domains: string[] };
  'crmHosts.list': CrmHostsView;
  'crmHosts.add': CrmHostsView;
  'crmHosts.remove': CrmHostsView;
  'scoring.get': ScoringModelView;
  'scoring.save': ScoringModelView;
  'scoring.reset': ScoringModelView;
}

/** The scoring model the sidebar scores with; `isDefault` when none was saved or imported (the engine's default). */
export interface ScoringModelView {
  model: ScoringModel;
  isDefault: boolean;
}

/** Who a tab shows, as the background resolved it: the identity feedback is filed under. */
export interface TabContact {
  identity: ContactIdentity;
  name?: string;
  site: DetectedContact['site'];
  known: boolean;
}

/** The destination as pages see it: never the secret itself. */
export interface DestinationView {
  destination: (Omit<WebhookDestination, 'secret'> & { hasSecret: true }) | null;
  /** Whether the browser lets the extension reach the webhook's origin (asked at run time). */
  permission: 'granted' | 'not-granted' | 'none-needed';
}

/** Where one feedback item is: kept in the browser only, waiting, refused, or handed to marketing. */
export type DeliveryItemState = 'local' | 'queued' | 'failed' | 'sent';

export type Response<T extends RequestType> = { ok: true; data: ResponseData[T] } | { ok: false; error: string };

export const Envelope = z.object({ type: z.string().max(64) }).loose();
