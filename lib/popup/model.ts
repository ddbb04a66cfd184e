import { signal } from '@preact/signals';
import type { Feedback, FeedbackReason, Verdict } from '../model/feedback';
import type { ContactIdentity } from '../model/identity';
import type { RequestFn } from '../messaging/client';
import type { RecentContact } from '../store/schema';
import type { DeliveryItemState } from '../messaging/protocol';

export interface PopupContact {
  identity: ContactIdentity;
  name?: string;
  /** Where it came from: the open tab, or the recently seen list. */
  from: 'tab' | 'recent';
}

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; feedback: Feedback }
  | { kind: 'undone'; verdict: Verdict }
  | { kind: 'changed'; verdict: Verdict }
  | { kind: 'error'; message: string };

/** The popup's state and actions; the component only renders it. */
export function createPopupModel(request: RequestFn) {
  const loading = signal(true);
  const contact = signal<PopupContact | null>(null);
  const recent = signal<RecentContact[]>([]);
  const history = signal<Feedback[]>([]);
  /** Where each feedback item is: kept locally, waiting, refused, or with marketing. */
  const delivery = signal<Record<string, DeliveryItemState>>({});
  const reason = signal<FeedbackReason | ''>('');
  const note = signal('');
  const save = signal<SaveState>({ kind: 'idle' });
  const loadError = signal<string | null>(null);

  const refreshHistory = async () => {
    history.value = contact.value ? await request('feedback.listForContact', { key: contact.value.identity.key }) : [];
    const ids = history.value.slice(0, 50).map((f) => f.id);
    delivery.value = ids.length > 0 ? (await request('delivery.status', { ids })).items : {};
  };

  return {
    loading,
    contact,
    recent,
    history,
    delivery,
    reason,
    note,
    save,
    loadError,

    async load(tabId: number | undefined) {
      try {
        const [tab, recents] = await Promise.all([
          tabId === undefined ? Promise.resolve({ contact: null }) : request('tab.getContact', { tabId }),
          request('contacts.listRecent', { limit: 8 }),
        ]);
        recent.value = recents;
        if (tab.contact) contact.value = { identity: tab.contact.identity, name: tab.contact.name, from: 'tab' };
        await refreshHistory();
      } catch (error) {
        loadError.value = error instanceof Error ? error.message : String(error);
      } finally {
        loading.value = false;
      }
    },

    async choose({ name, site: _site, seenAt: _seenAt, ...identity }: RecentContact) {
      contact.value = { identity, name, from: 'recent' };
      save.value = { kind: 'idle' };
      await refreshHistory();
    },

    async submit(verdict: Verdict) {
      const person = contact.value;
      if (!person) return;
      save.value = { kind: 'saving' };
      try {
        const feedback = await request('feedback.submit', {
          feedback: {
            contact: person.identity,
            contactName: person.name,
            verdict,
            reason: reason.value || undefined,
            note: note.value.trim() || undefined,
          },
        });
        save.value = { kind: 'saved', feedback };
        reason.value = '';
        note.value = '';
        await refreshHistory();
      } catch (error) {
        save.value = { kind: 'error', message: error instanceof Error ? error.message : String(error) };
      }
    },

    /** Changes an earlier verdict (reason and note are kept unless changed). */
    async edit(id: string, verdict: Verdict) {
      const item = history.value.find((f) => f.id === id);
      if (!item || item.verdict === verdict) return;
      try {
        await request('feedback.edit', { id, verdict, reason: item.reason ?? null, note: item.note ?? null });
        save.value = { kind: 'changed', verdict };
        await refreshHistory();
      } catch (error) {
        save.value = { kind: 'error', message: error instanceof Error ? error.message : String(error) };
      }
    },

    async undo() {
      const current = save.value;
      if (current.kind !== 'saved') return;
      try {
        await request('feedback.undo', { id: current.feedback.id });
        save.value = { kind: 'undone', verdict: current.feedback.verdict };
        await refreshHistory();
      } catch (error) {
        save.value = { kind: 'error', message: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}

export type PopupModel = ReturnType<typeof createPopupModel>;
