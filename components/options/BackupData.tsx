import type { BackupModel } from '../../lib/options/backup-model';

/** "Download backup" and "Restore backup", with a confirmation that says what the restore replaces. */
export function BackupData({ model, onFile }: { model: BackupModel; onFile: (file: Blob & { readonly name: string }) => void }) {
  const pending = model.pending.value;
  const notice = model.notice.value;
  return (
    <section aria-labelledby="backup-title">
      <h2 id="backup-title">Backup</h2>
      <p class="muted">
        Everything Lens keeps in this browser (contacts, events, campaigns, personas, content, feedback, content usage, recently seen contacts, SLA and
        scoring model) as one JSON file, to restore here or on another browser profile. Webhook settings and secrets are never in it.
      </p>
      <div class="row">
        <button type="button" disabled={model.busy.value} onClick={() => void model.download()}>
          Download backup
        </button>
        <label class="inline">
          Restore backup
          <input
            type="file"
            accept=".json,application/json"
            disabled={model.busy.value}
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file) onFile(file);
            }}
          />
        </label>
      </div>
      {pending && (
        <div role="alertdialog" aria-label="Restore backup">
          <p>
            {pending.file} holds {pending.summary}, saved {pending.backup.exportedAt.slice(0, 16).replace('T', ' ')} UTC. Restoring replaces all of Lens's data in
            this browser with it.
          </p>
          <div class="row">
            <button type="button" disabled={model.busy.value} onClick={() => void model.confirmRestore()}>
              Replace my data with this backup
            </button>
            <button type="button" class="quiet" onClick={() => model.cancelRestore()}>
              Keep my data
            </button>
          </div>
        </div>
      )}
      {model.errors.value.length > 0 && (
        <ul class="error" role="alert" aria-label="Backup problems">
          {model.errors.value.map((e, i) => (
            <li key={i}>
              {e.path || 'The file'} {e.reason}
            </li>
          ))}
        </ul>
      )}
      {notice && (
        <p class={notice.kind} role={notice.kind === 'ok' ? 'status' : 'alert'}>
          {notice.text}
        </p>
      )}
    </section>
  );
}
