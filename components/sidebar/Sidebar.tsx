import { useComputed, type Signal } from '@preact/signals';
import type { LensState } from '../../lib/content/session';
import type { Participant } from '../../lib/sites/contact';
import type { FeedbackState } from '../../lib/content/feedback';
import type { FeedbackReason, Verdict } from '../../lib/model/feedback';
import { FeedbackBar } from './FeedbackBar';
import type { RecommendationView } from '../../lib/engine/lens';
import { contactLabel } from '../../lib/format';
import { Account } from './Account';
import { CampaignHistory } from './CampaignHistory';
import { LeadScore } from './LeadScore';
import { PersonaPanel } from './PersonaPanel';
import { RecommendedContent } from './RecommendedContent';

export interface SidebarProps {
  state: Signal<LensState>;
  /** The next person's lens is on its way: the current one is dimmed and takes no action. */
  stale: Signal<boolean>;
  open: Signal<boolean>;
  copiedId: Signal<string | undefined>;
  onToggle: (open: boolean) => void;
  onCopyLink: (item: RecommendationView) => void;
  onOpen: (item: RecommendationView) => void;
  /** Present where the site has a message to write into (Gmail). */
  onInsert?: (item: RecommendationView) => void;
  notice: Signal<{ id: string; text: string } | undefined>;
  onChoose: (person: Participant) => void;
  onCopyReport: (report: string) => void;
  feedback: SidebarFeedback;
}

/** The feedback form's signals and events. */
export interface SidebarFeedback {
  state: Signal<FeedbackState>;
  reason: Signal<FeedbackReason | undefined>;
  note: Signal<string>;
  onVerdict: (verdict: Verdict) => void;
  onUndo: () => void;
}

/** Several external people on one page: the rep picks who the sidebar is about. */
function Chooser({ others, onChoose }: { others: readonly Participant[]; onChoose: (p: Participant) => void }) {
  if (others.length === 0) return null;
  return (
    <div class="chooser">
      <span class="muted">Also here:</span>{' '}
      {others.map((p) => (
        <button key={p.email} type="button" class="chip" onClick={() => onChoose(p)} title={p.email}>
          {p.name ?? p.email}
        </button>
      ))}
    </div>
  );
}

function ContactHeader({ name, email, linkedinSlug, detail }: { name?: string; email?: string; linkedinSlug?: string; detail?: string }) {
  return (
    <div class="contact">
      <div class="contact-name">{contactLabel({ name, email, linkedinSlug })}</div>
      {email && <div class="contact-email">{email}</div>}
      {detail && <div class="muted">{detail}</div>}
    </div>
  );
}

/** Reads the lens state itself: only a new state (or a copied link, a notice) re-renders the body. */
function Body({ state: lens, copiedId, onCopyLink, onOpen, onInsert, notice, onChoose, onCopyReport }: Omit<SidebarProps, 'stale' | 'open' | 'onToggle' | 'feedback'>) {
  const state = lens.value;
  switch (state.kind) {
    case 'none':
      return <p class="empty">Open a conversation to see what marketing knows about the person you're writing to.</p>;
    case 'unrecognized':
      return (
        <div class="health" role="status">
          <p>Lens can't find the person on this page: the site may have changed its layout.</p>
          <button type="button" class="button" onClick={() => onCopyReport(state.report)}>
            Copy report for support
          </button>
          <p class="muted">The report holds the page's structure only: no text, names or addresses.</p>
        </div>
      );
    case 'loading':
      return (
        <>
          <ContactHeader {...state.contact} />
          <p class="loading" role="status">
            Loading…
          </p>
        </>
      );
    case 'error':
      return (
        <>
          <ContactHeader {...state.contact} />
          <p class="error" role="alert">
            Couldn't load marketing data: {state.message}
          </p>
        </>
      );
    case 'ready': {
      const { view } = state;
      const detail = view.account
        ? `Account · ${view.account.people.length} known ${view.account.people.length === 1 ? 'contact' : 'contacts'}`
        : [view.contact.title, view.contact.company, view.contact.location].filter(Boolean).join(' · ');
      return (
        <>
          <ContactHeader {...view.contact} detail={detail || undefined} />
          <Chooser others={state.contact.others ?? []} onChoose={onChoose} />
          {view.account ? (
            <Account account={view.account} />
          ) : (
            <>
              {!view.known && <p class="notice">Not in your marketing data</p>}
              <LeadScore view={view} />
              <CampaignHistory view={view} />
              <PersonaPanel view={view} />
            </>
          )}
          <RecommendedContent
            view={view}
            copiedId={copiedId.value}
            onCopyLink={onCopyLink}
            onOpen={onOpen}
            onInsert={onInsert}
            notice={notice.value}
          />
        </>
      );
    }
  }
}

/** The feedback form, with its own subscriptions: a new person on the page does not re-render it. */
function Feedback({ feedback, stale }: { feedback: SidebarFeedback; stale: Signal<boolean> }) {
  // Bound to the buttons' `disabled` directly: dimming while the next person loads re-renders nothing.
  const locked = useComputed(() => stale.value || feedback.state.value.kind === 'saving');
  return (
    <FeedbackBar
      state={feedback.state.value}
      reason={feedback.reason.value}
      note={feedback.note.value}
      onVerdict={feedback.onVerdict}
      onReason={(value) => (feedback.reason.value = value)}
      onNote={(value) => (feedback.note.value = value)}
      onUndo={feedback.onUndo}
      disabled={locked}
    />
  );
}

/**
 * The sidebar: open, an `aside` landmark; collapsed, a slim tab that is one button. It subscribes to `open` only:
 * the body and the feedback form subscribe to what they show, and the dimming while the next person loads (`stale`)
 * is bound to DOM attributes, so a navigation costs the host page one render of the body and nothing else.
 */
export function Sidebar({ state, stale, open, onToggle, feedback, ...actions }: SidebarProps) {
  const scrollClass = useComputed(() => (stale.value ? 'scroll stale' : 'scroll'));
  const showFeedback = useComputed(() => state.value.kind === 'ready' && !state.value.view.account);
  if (!open.value) {
    return (
      <button type="button" class="tab" aria-expanded="false" onClick={() => onToggle(true)}>
        Smarketing Lens
      </button>
    );
  }
  return (
    <aside class="sidebar" aria-label="Smarketing Lens">
      <header class="bar">
        <span class="brand">Smarketing Lens</span>
        <button type="button" class="icon" aria-label="Collapse sidebar" aria-expanded="true" onClick={() => onToggle(false)}>
          ›
        </button>
      </header>
      <div class={scrollClass} aria-busy={stale}>
        <Body state={state} {...actions} />
      </div>
      {showFeedback.value && <Feedback feedback={feedback} stale={stale} />}
    </aside>
  );
}
