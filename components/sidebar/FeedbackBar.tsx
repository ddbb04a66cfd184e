import type { ReadonlySignal } from '@preact/signals';
import { Disclosure } from './Disclosure';
import type { FeedbackState } from '../../lib/content/feedback';
import type { FeedbackReason, Verdict } from '../../lib/model/feedback';

/** Labels repeated here (not imported from lib/model) so the content script does not pull in zod. */
const VERDICTS: ReadonlyArray<[Verdict, string]> = [
  ['good_fit', 'Good fit'],
  ['bad_fit', 'Bad fit'],
  ['not_ready', 'Not ready'],
  ['wrong_persona', 'Wrong persona'],
];
const REASONS: ReadonlyArray<[FeedbackReason, string]> = [
  ['no_budget', 'No budget'],
  ['not_decision_maker', 'Not a decision maker'],
  ['too_early', 'Too early'],
  ['bad_contact_data', 'Bad contact data'],
  ['competitor', 'Competitor'],
  ['student_or_job_seeker', 'Student / job seeker'],
  ['spam', 'Spam'],
];
export const VERDICT_TEXT = Object.fromEntries(VERDICTS) as Record<Verdict, string>;

export interface FeedbackBarProps {
  state: FeedbackState;
  reason?: FeedbackReason;
  note: string;
  onVerdict: (verdict: Verdict) => void;
  onReason: (reason: FeedbackReason | undefined) => void;
  onNote: (note: string) => void;
  onUndo: () => void;
  /**
   * While the next person's lens loads, verdicts would go to the wrong person; also while one is being saved. A signal
   * is bound to the buttons directly, without re-rendering the bar.
   */
  disabled?: boolean | ReadonlySignal<boolean>;
}

/** One-click lead-quality feedback to marketing; every control reachable by keyboard. */
export function FeedbackBar({ state, reason, note, onVerdict, onReason, onNote, onUndo, disabled = false }: FeedbackBarProps) {
  return (
    <footer class="feedback" aria-label="Feedback to marketing">
      <div class="feedback-title">Tell marketing about this lead</div>
      <div class="verdicts" role="group" aria-label="Lead quality">
        {VERDICTS.map(([verdict, label]) => (
          <button key={verdict} type="button" class={`verdict verdict-${verdict}`} disabled={disabled} onClick={() => onVerdict(verdict)}>
            {label}
          </button>
        ))}
      </div>
      <Disclosure class="why" summary="Add a reason or note">
        {() => (
          <>
        <div class="reasons" role="group" aria-label="Reason">
          {REASONS.map(([value, label]) => (
            <button key={value} type="button" class="chip" aria-pressed={reason === value} onClick={() => onReason(reason === value ? undefined : value)}>
              {label}
            </button>
          ))}
        </div>
        <label class="note">
          Note
          <textarea rows={2} maxLength={2000} value={note} onInput={(e) => onNote(e.currentTarget.value)} />
        </label>
          </>
        )}
      </Disclosure>
      <div class="feedback-status" role="status" aria-live="polite">
        {state.kind === 'saved' && (
          <>
            ✓ Saved “{VERDICT_TEXT[state.verdict]}”.{' '}
            {state.canUndo && (
              <button type="button" class="link" onClick={onUndo}>
                Undo
              </button>
            )}
          </>
        )}
        {state.kind === 'undone' && `Took back “${VERDICT_TEXT[state.verdict]}”.`}
        {state.kind === 'error' && <span class="error">Not saved: {state.message}</span>}
      </div>
    </footer>
  );
}
