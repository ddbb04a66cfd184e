import { z } from 'zod';
import { FeedbackInput, Id } from '../model';
import { DetectedContact } from '../sites/contact';
import type { ContactIdentity, Feedback } from '../model';
import type { RecentContact } from '../store/schema';
import type { LensView } from '../engine/lens';

/**
 * The one message protocol between content scripts, extension pages and the background.
 * Each request is `{ type: '<domain>.<verb>', ...payload }`; each answer is `{ ok: true, data }` or `{ ok: false, error }`.
 * `from` says who may send it: a content script in a tab, or one of this extension's own pages.
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
  /** Lead-quality feedback on a contact. */
  'feedback.submit': { from: 'page', payload: z.object({ feedback: FeedbackInput }) },
  'feedback.undo': { from: 'page', payload: z.object({ id: Id }) },
  'feedback.listForContact': { from: 'page', payload: z.object({ key: z.string().min(1).max(200) }) },
} as const;

export type RequestType = keyof typeof REQUESTS;
export type RequestPayload<T extends RequestType> = z.input<(typeof REQUESTS)[T]['payload']>;
export type ParsedPayload<T extends RequestType> = z.output<(typeof REQUESTS)[T]['payload']>;

/** What each request answers with (produced by the background itself, so typed rather than parsed). */
export interface ResponseData {
  'lens.lookup': LensView;
  'lens.clear': null;
  'tab.getContact': { contact: TabContact | null };
  'contacts.listRecent': RecentContact[];
  'feedback.submit': Feedback;
  'feedback.undo': { undone: boolean };
  'feedback.listForContact': Feedback[];
}

/** Who a tab shows, as the background resolved it: the identity feedback is filed under. */
export interface TabContact {
  identity: ContactIdentity;
  name?: string;
  site: DetectedContact['site'];
  known: boolean;
}

export type Response<T extends RequestType> = { ok: true; data: ResponseData[T] } | { ok: false; error: string };

export const Envelope = z.object({ type: z.string().max(64) }).loose();
