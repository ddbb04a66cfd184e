import type { ScoringModelEditor } from '../../lib/options/scoring-model';
import { ScoringModelForm } from './ScoringModelForm';
import { ScoringModelJson } from './ScoringModelJson';

/** "Lead scoring model": the form or the JSON of the model the sidebar scores with, saved only when it has no problem. */
export function ScoringModelSection({ editor }: { editor: ScoringModelEditor }) {
  const notice = editor.notice.value;
  const view = editor.view.value;
  const problems = editor.problemCount.value;
  return (
    <section aria-labelledby="scoring-title" class="scoring-model">
      <h2 id="scoring-title">Lead scoring model</h2>
      <p class="muted">
        How the sidebar scores a lead: fit (who they are) and engagement (what they did), and when a lead counts as an MQL.{' '}
        {editor.loaded.value && (editor.isDefault.value ? 'In force: Lens’s default model.' : 'In force: a model saved here or carried by a marketing pack.')}
      </p>
      <div class="row" role="group" aria-label="Edit as">
        <button type="button" class="tab" aria-pressed={view === 'form'} onClick={() => editor.setView('form')}>
          Form
        </button>
        <button type="button" class="tab" aria-pressed={view === 'json'} onClick={() => editor.setView('json')}>
          JSON
        </button>
      </div>
      {editor.loaded.value && (view === 'form' ? <ScoringModelForm editor={editor} /> : <ScoringModelJson editor={editor} />)}
      <div class="row">
        <button type="button" class="primary" disabled={editor.busy.value || !editor.loaded.value} onClick={() => void editor.save()}>
          Save scoring model
        </button>
        <button type="button" class="quiet" disabled={editor.busy.value || !editor.loaded.value} onClick={() => void editor.reset()}>
          Reset to default
        </button>
        {problems > 0 && <span class="error">{problems === 1 ? '1 problem' : `${problems} problems`} to fix before saving</span>}
      </div>
      {notice && (
        <p class={notice.kind === 'ok' ? 'ok' : 'error'} role={notice.kind === 'ok' ? 'status' : 'alert'}>
          {notice.text}
        </p>
      )}
    </section>
  );
}
