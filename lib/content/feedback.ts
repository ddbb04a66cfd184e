import { signal } from '@preact/signals';
import type { FeedbackReason, Verdict } from '../model/feedback';
import type { ContactIdentity } from '../model/identity';
import type { RequestFn } from '../messaging/client';

/** How long the rep can take a verdict back with one click. */
export const UNDO_WINDOW_MS = 10_000;

export type FeedbackState =
  | { kind: 'idle' }
  | { kind: 'saving'; verdict: Verdict }
  | { kind: 'saved'; id: string; verdict: Verdict; canUndo: boolean }
  | { kind: 'undone'; verdict: Verdict }
  | { kind: 'error'; message: string };

/** One object, so resetting an idle form notifies no one and re-renders nothing. */
const IDLE: FeedbackState = { kind: 'idle' };

/** The sidebar's one-click feedback: verdict, optional reason and note, undo within ten seconds. */
export function createFeedbackModel(request: RequestFn, setTimer: (fn: () => void, ms: number) => unknown = setTimeout) {
  const state = signal<FeedbackState>(IDLE);
  const reason = signal<FeedbackReason | undefined>(undefined);
  const note = signal('');
  let saves = 0;

  return {
    state,
    reason,
    note,
    /** A new person on the page starts a fresh form. */
    reset() {
      saves++;
      state.value = IDLE;
      reason.value = undefined;
      note.value = '';
    },
    async submit(contact: ContactIdentity, contactName: string | undefined, verdict: Verdict) {
      const mine = ++saves;
      state.value = { kind: 'saving', verdict };
      try {
        const saved = await request('feedback.submit', {
          feedback: { contact, contactName, verdict, reason: reason.value, note: note.value.trim() || undefined },
        });
        if (mine !== saves) return;
        state.value = { kind: 'saved', id: saved.id, verdict, canUndo: true };
        reason.value = undefined;
        note.value = '';
        setTimer(() => {
          const current = state.value;
          if (current.kind === 'saved' && current.id === saved.id) state.value = { ...current, canUndo: false };
        }, UNDO_WINDOW_MS);
      } catch (error) {
        if (mine === saves) state.value = { kind: 'error', message: error instanceof Error ? error.message : String(error) };
      }
    },
    async undo() {
      const current = state.value;
      if (current.kind !== 'saved' || !current.canUndo) return;
      try {
        await request('feedback.undo', { id: current.id });
        state.value = { kind: 'undone', verdict: current.verdict };
      } catch (error) {
        state.value = { kind: 'error', message: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}

export type FeedbackModel = ReturnType<typeof createFeedbackModel>;
