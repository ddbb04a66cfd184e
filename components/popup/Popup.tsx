import { REASON_LABEL, VERDICT_LABEL, type FeedbackReason, type Verdict } from '../../lib/model/feedback';
import type { PopupModel } from '../../lib/popup/model';
import type { DeliveryItemState } from '../../lib/messaging/protocol';
import { contactLabel, formatDate } from '../../lib/format';

const VERDICTS = Object.keys(VERDICT_LABEL) as Verdict[];
const DELIVERY_TEXT: Record<DeliveryItemState, string> = {
  local: 'kept in this browser',
  queued: 'waiting to be sent',
  failed: 'not sent: see Settings',
  sent: 'sent to marketing',
};
const REASONS = Object.keys(REASON_LABEL) as FeedbackReason[];

function Status({ model }: { model: PopupModel }) {
  const save = model.save.value;
  const person = model.contact.value;
  const name = person ? contactLabel({ name: person.name, ...person.identity }) : '';
  return (
    <div class="status" role="status" aria-live="polite">
      {save.kind === 'saving' && 'Saving…'}
      {save.kind === 'saved' && (
        <>
          <span>
            ✓ Saved “{VERDICT_LABEL[save.feedback.verdict]}” for {name}
            {save.feedback.sourceCampaignName ? ` (source: ${save.feedback.sourceCampaignName})` : ''}.
          </span>{' '}
          <button type="button" class="link" onClick={() => void model.undo()}>
            Undo
          </button>
        </>
      )}
      {save.kind === 'undone' && `Removed “${VERDICT_LABEL[save.verdict]}”.`}
      {save.kind === 'changed' && `Changed to “${VERDICT_LABEL[save.verdict]}”.`}
      {save.kind === 'error' && <span class="error">Not saved: {save.message}</span>}
    </div>
  );
}

function FeedbackForm({ model }: { model: PopupModel }) {
  const busy = model.save.value.kind === 'saving';
  return (
    <section aria-labelledby="fb-title">
      <h2 id="fb-title">Lead quality</h2>
      <div class="verdicts">
        {VERDICTS.map((verdict) => (
          <button key={verdict} type="button" class={`verdict verdict-${verdict}`} disabled={busy} onClick={() => void model.submit(verdict)}>
            {VERDICT_LABEL[verdict]}
          </button>
        ))}
      </div>
      <label>
        Reason (optional)
        <select value={model.reason.value} onChange={(e) => (model.reason.value = e.currentTarget.value as FeedbackReason | '')}>
          <option value="">—</option>
          {REASONS.map((r) => (
            <option key={r} value={r}>
              {REASON_LABEL[r]}
            </option>
          ))}
        </select>
      </label>
      <label>
        Note (optional)
        <textarea rows={2} maxLength={2000} value={model.note.value} onInput={(e) => (model.note.value = e.currentTarget.value)} />
      </label>
      <Status model={model} />
    </section>
  );
}

function History({ model }: { model: PopupModel }) {
  const items = model.history.value;
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="hist-title">
      <h2 id="hist-title">Your feedback on this contact</h2>
      <ul class="history">
        {items.map((f) => (
          <li key={f.id}>
            <strong>{VERDICT_LABEL[f.verdict]}</strong>
            {f.reason && ` · ${REASON_LABEL[f.reason]}`} <span class="muted">{formatDate(f.createdAt)}</span>{' '}
            <span class={`delivery delivery-${model.delivery.value[f.id] ?? 'local'}`}>{DELIVERY_TEXT[model.delivery.value[f.id] ?? 'local']}</span>
            {f.note && <div class="muted">{f.note}</div>}
            <label class="change">
              Change to{' '}
              <select value={f.verdict} onChange={(e) => void model.edit(f.id, e.currentTarget.value as Verdict)}>
                {VERDICTS.map((v) => (
                  <option key={v} value={v}>
                    {VERDICT_LABEL[v]}
                  </option>
                ))}
              </select>
            </label>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Recent({ model }: { model: PopupModel }) {
  const items = model.recent.value;
  return (
    <section aria-labelledby="recent-title">
      <h2 id="recent-title">Recently seen</h2>
      {items.length === 0 ? (
        <p class="muted">No contacts yet. Open a conversation in Gmail.</p>
      ) : (
        <ul class="recent">
          {items.map((person) => (
            <li key={person.key}>
              <button type="button" class="link" onClick={() => void model.choose(person)}>
                {contactLabel(person)}
              </button>{' '}
              {person.email && <span class="muted">{person.email}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function Popup({ model }: { model: PopupModel }) {
  const contact = model.contact.value;
  return (
    <main>
      <h1>Smarketing Lens</h1>
      {model.loading.value ? (
        <p class="muted">Loading…</p>
      ) : model.loadError.value ? (
        <p class="error" role="alert">
          {model.loadError.value}
        </p>
      ) : (
        <>
          {contact ? (
            <div class="contact">
              <div class="contact-name">{contactLabel({ name: contact.name, ...contact.identity })}</div>
              {contact.identity.email && <div class="muted">{contact.identity.email}</div>}
              {contact.from === 'recent' && <div class="muted">Chosen from recently seen</div>}
            </div>
          ) : (
            <p class="notice">No contact detected in this tab.</p>
          )}
          {contact && <FeedbackForm model={model} />}
          {contact && <History model={model} />}
          {(!contact || contact.from === 'recent') && <Recent model={model} />}
        </>
      )}
    </main>
  );
}
