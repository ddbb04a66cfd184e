import type { Feedback, UsageRecord, WebhookDestination, WireEvent } from '../model';
import type { DeliveryItemState, DestinationView } from '../messaging/protocol';
import type { Handlers } from '../messaging/router';
import { enqueue, findOutboxItem, replaceUnsentEvent, requeueFailed, summarizeOutbox, withdrawUnsent, type LensDatabase } from '../store';
import { sendBatch } from '../sync/webhook';
import { computeInsights } from '../insights/compute';

/** Where the webhook settings live: `storage.local` in the extension (the secret never reaches a page). */
export interface DestinationStore {
  get(): Promise<WebhookDestination | null>;
  set(value: WebhookDestination | null): Promise<void>;
}

export interface DeliveryHandlerDeps {
  db: () => Promise<LensDatabase>;
  destinations: DestinationStore;
  /** Whether the browser lets the extension reach this origin; receivers that answer CORS work without it. */
  hasOriginPermission: (url: string) => Promise<boolean>;
  /** Starts a delivery run now (and leaves an alarm so it survives the service worker stopping). */
  kick: () => void;
  fetch: typeof fetch;
  now?: () => Date;
  newId?: () => string;
}

export type DeliveryHandlers = Pick<
  Handlers,
  | 'feedback.listAll'
  | 'usage.record'
  | 'destination.get'
  | 'destination.save'
  | 'destination.remove'
  | 'destination.sendTest'
  | 'delivery.status'
  | 'delivery.retryFailed'
  | 'insights.get'
>;

/** The feedback item as marketing's receiver gets it. */
export function feedbackWireEvent(item: Feedback): Extract<WireEvent, { type: 'feedback' }> {
  return {
    id: item.id,
    type: 'feedback',
    time: item.createdAt,
    contact: {
      key: item.contactKey,
      ...(item.contactEmail ? { email: item.contactEmail } : {}),
      ...(item.contactName ? { name: item.contactName } : {}),
      ...(item.sourceCampaignId && item.sourceCampaignName ? { sourceCampaign: { id: item.sourceCampaignId, name: item.sourceCampaignName } } : {}),
    },
    verdict: item.verdict,
    ...(item.reason ? { reason: item.reason } : {}),
    ...(item.note ? { note: item.note } : {}),
  };
}

export function createDeliveryHandlers(deps: DeliveryHandlerDeps) {
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? (() => crypto.randomUUID());

  const view = async (): Promise<DestinationView> => {
    const destination = await deps.destinations.get();
    if (!destination) return { destination: null, permission: 'none-needed' };
    const { secret: _secret, ...shown } = destination;
    return { destination: { ...shown, hasSecret: true }, permission: (await deps.hasOriginPermission(destination.url)) ? 'granted' : 'not-granted' };
  };

  /** Queues an event only when a destination is set: with none, nothing is ever meant to leave the browser. */
  const queue = async (event: WireEvent) => {
    if (!(await deps.destinations.get())) return false;
    await enqueue(await deps.db(), event, now());
    deps.kick();
    return true;
  };

  const handlers: DeliveryHandlers = {
    async 'feedback.listAll'() {
      const items = await (await deps.db()).getAllFromIndex('feedback', 'byCreatedAt');
      return items.toReversed();
    },
    async 'usage.record'({ contact, action, items, personaId, stage }) {
      const db = await deps.db();
      for (const { contentId, rank } of items) {
        const asset = await db.get('content', contentId);
        if (!asset) throw new Error(`unknown content "${contentId}"`);
        const record: UsageRecord = {
          id: newId(),
          at: now().toISOString(),
          contactKey: contact.key,
          contentId,
          action,
          rank,
          ...(personaId ? { personaId } : {}),
          ...(stage ? { stage } : {}),
        };
        await db.put('usage', record);
        await queue({
          id: record.id,
          type: 'usage',
          time: record.at,
          contact: { key: contact.key, ...(contact.email ? { email: contact.email } : {}) },
          action,
          content: { id: asset.id, title: asset.title, url: asset.url },
          rank,
        });
      }
      return null;
    },
    'destination.get': view,
    async 'destination.save'({ url, secret, slackText }) {
      const existing = await deps.destinations.get();
      const kept = secret || existing?.secret;
      if (!kept) throw new Error('Signing secret is required (at least 16 characters).');
      if (secret && secret.length < 16) throw new Error('Signing secret must be at least 16 characters.');
      await deps.destinations.set({ url, secret: kept, slackText });
      deps.kick();
      return view();
    },
    async 'destination.remove'() {
      await deps.destinations.set(null);
      return view();
    },
    async 'destination.sendTest'() {
      const destination = await deps.destinations.get();
      if (!destination) return { delivered: false, message: 'Set a webhook URL and signing secret first.' };
      // An empty, signed batch marked as a test: receivers can check the signature without recording anything.
      const result = await sendBatch(destination, `test-${newId()}`, [], { fetch: deps.fetch, now: now() });
      if (result.kind === 'delivered') return { delivered: true, message: `The receiver accepted the test event (HTTP ${result.status}).` };
      return { delivered: false, message: `Not delivered: ${result.reason}.` };
    },
    async 'delivery.status'({ ids }) {
      const db = await deps.db();
      const items: Record<string, DeliveryItemState> = {};
      for (const id of ids) {
        const waiting = await findOutboxItem(db, id);
        if (waiting) items[id] = waiting.state === 'failed' ? 'failed' : 'queued';
        else items[id] = (await db.get('feedback', id))?.deliveredAt ? 'sent' : 'local';
      }
      return { ...(await summarizeOutbox(db)), items };
    },
    async 'insights.get'({ from, to }) {
      const db = await deps.db();
      const range = from || to ? IDBKeyRange.bound(from ?? '', to ?? '\uffff', false, true) : undefined;
      const [content, personas, usage, feedback] = await Promise.all([
        db.getAll('content'),
        db.getAll('personas'),
        db.getAllFromIndex('usage', 'byAt', range),
        db.getAllFromIndex('feedback', 'byCreatedAt', range),
      ]);
      const insights = computeInsights(content, usage, feedback);
      const names = new Map(personas.map((p) => [p.id, p.name]));
      return { ...insights, byPersona: insights.byPersona.map((row) => ({ ...row, key: names.get(row.key) ?? row.key })) };
    },
    async 'delivery.retryFailed'() {
      const requeued = await requeueFailed(await deps.db(), now());
      deps.kick();
      return { requeued };
    },
  };

  return {
    handlers,
    /** After feedback was saved: send it to marketing when a destination is set. */
    onFeedbackSaved: (item: Feedback) => queue(feedbackWireEvent(item)),
    /** After a verdict was changed: still waiting, it is sent as changed; already sent, the change follows it. */
    async onFeedbackEdited(before: Feedback, after: Feedback) {
      const db = await deps.db();
      if (await replaceUnsentEvent(db, before.id, feedbackWireEvent(after))) return;
      if (before.deliveredAt || (await findOutboxItem(db, before.id)))
        await queue({ ...feedbackWireEvent(after), id: `${after.id}:${after.editedAt ?? now().toISOString()}`, time: after.editedAt ?? now().toISOString(), replaces: after.id });
    },
    /** After feedback was undone: never send it if still waiting; otherwise tell marketing it was withdrawn. */
    async onFeedbackUndone(item: Feedback) {
      if (await withdrawUnsent(await deps.db(), item.id)) return;
      if (item.deliveredAt || (await findOutboxItem(await deps.db(), item.id)))
        await queue({ ...feedbackWireEvent(item), id: `${item.id}:withdrawn`, time: now().toISOString(), withdrawn: true, replaces: item.id });
    },
  };
}
