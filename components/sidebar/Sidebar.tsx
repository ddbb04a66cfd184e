import type { Signal } from '@preact/signals';
import type { LensState } from '../../lib/content/session';
import type { RecommendationView } from '../../lib/engine/lens';
import { contactLabel } from '../../lib/format';
import { CampaignHistory } from './CampaignHistory';
import { LeadScore } from './LeadScore';
import { PersonaPanel } from './PersonaPanel';
import { RecommendedContent } from './RecommendedContent';

export interface SidebarProps {
  state: Signal<LensState>;
  open: Signal<boolean>;
  copiedId: Signal<string | undefined>;
  onToggle: (open: boolean) => void;
  onCopyLink: (item: RecommendationView) => void;
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

function Body({ state, copiedId, onCopyLink }: Pick<SidebarProps, 'copiedId' | 'onCopyLink'> & { state: LensState }) {
  switch (state.kind) {
    case 'none':
      return <p class="empty">Open a conversation to see what marketing knows about the person you're writing to.</p>;
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
      const detail = [view.contact.title, view.contact.company, view.contact.location].filter(Boolean).join(' · ');
      return (
        <>
          <ContactHeader {...view.contact} detail={detail || undefined} />
          {!view.known && <p class="notice">Not in your marketing data</p>}
          <LeadScore view={view} />
          <CampaignHistory view={view} />
          <PersonaPanel view={view} />
          <RecommendedContent view={view} copiedId={copiedId.value} onCopyLink={onCopyLink} />
        </>
      );
    }
  }
}

/** The sidebar: open, an `aside` landmark; collapsed, a slim tab that is one button. */
export function Sidebar({ state, open, copiedId, onToggle, onCopyLink }: SidebarProps) {
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
      <div class="scroll">
        <Body state={state.value} copiedId={copiedId} onCopyLink={onCopyLink} />
      </div>
    </aside>
  );
}
