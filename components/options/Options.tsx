import type { BackupModel } from '../../lib/options/backup-model';
import type { ImportModel } from '../../lib/options/import-model';
import type { OptionsModel } from '../../lib/options/model';
import { BackupData } from './BackupData';
import { ImportData } from './ImportData';
import { Insights } from './Insights';
import { CustomCrmHosts, TeamDomains } from './SiteSettings';
import type { SiteSettingsModel } from '../../lib/options/site-settings-model';
import { ScoringModelSection } from './ScoringModel';
import type { ScoringModelEditor } from '../../lib/options/scoring-model';

function Webhook({ model }: { model: OptionsModel }) {
  const view = model.destination.value;
  return (
    <section aria-labelledby="webhook-title">
      <h2 id="webhook-title">Send feedback to marketing</h2>
      <p class="muted">
        Lead-quality feedback and content usage are POSTed as signed JSON to marketing's webhook. With no webhook set,
        nothing leaves this browser.
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void model.save();
        }}
      >
        <label>
          Webhook URL
          <input type="url" required placeholder="https://hooks.example.com/lens" value={model.url.value} onInput={(e) => (model.url.value = e.currentTarget.value)} />
        </label>
        <label>
          Signing secret
          <input
            type="password"
            autoComplete="off"
            placeholder={view?.destination ? 'Saved (leave empty to keep it)' : 'At least 16 characters'}
            value={model.secret.value}
            onInput={(e) => (model.secret.value = e.currentTarget.value)}
          />
        </label>
        <label class="inline">
          <input type="checkbox" checked={model.slackText.value} onChange={(e) => (model.slackText.value = e.currentTarget.checked)} /> Add a
          Slack-compatible text field
        </label>
        <div class="row">
          <button type="submit" disabled={model.busy.value}>
            Save
          </button>
          <button type="button" disabled={model.busy.value || !view?.destination} onClick={() => void model.sendTest()}>
            Send test event
          </button>
          {view?.destination && (
            <button type="button" class="quiet" disabled={model.busy.value} onClick={() => void model.remove()}>
              Remove webhook
            </button>
          )}
        </div>
      </form>
      {view?.destination && (
        <p class="muted" data-permission={view.permission}>
          {view.permission === 'granted'
            ? `Lens may reach ${new URL(view.destination.url).host}.`
            : `Lens has no browser permission for ${new URL(view.destination.url).host}: delivery works only if the receiver answers CORS. Save again to be asked.`}
        </p>
      )}
      {model.notice.value && (
        <p class={model.notice.value.kind === 'ok' ? 'ok' : 'error'} role={model.notice.value.kind === 'ok' ? 'status' : 'alert'}>
          {model.notice.value.text}
        </p>
      )}
    </section>
  );
}

function Delivery({ model }: { model: OptionsModel }) {
  const status = model.status.value;
  return (
    <section aria-labelledby="delivery-title">
      <h2 id="delivery-title">Delivery</h2>
      {status && (
        <p>
          {status.queued} waiting · {status.failed} failed
          {status.lastError && <span class="muted"> · last problem: {status.lastError}</span>}
        </p>
      )}
      <div class="row">
        <button type="button" onClick={() => void model.refreshStatus()}>
          Refresh
        </button>
        {status && status.failed > 0 && (
          <button type="button" onClick={() => void model.retryFailed()}>
            Retry failed
          </button>
        )}
      </div>
    </section>
  );
}

export function Options({ model, imports, backup, scoring, siteSettings }: { model: OptionsModel; imports?: ImportModel; backup?: BackupModel; scoring?: ScoringModelEditor; siteSettings?: SiteSettingsModel }) {
  return (
    <main>
      <h1>Smarketing Lens settings</h1>
      {imports && <ImportData model={imports} onFile={(file) => void imports.choose(file)} />}
      <Webhook model={model} />
      <Delivery model={model} />
      {siteSettings && <TeamDomains model={siteSettings} />}
      {siteSettings && <CustomCrmHosts model={siteSettings} />}
      {scoring && <ScoringModelSection editor={scoring} />}
      <Insights
        data={model.insights.value}
        range={model.range.value}
        onRange={(value) => {
          model.range.value = value;
          void model.loadInsights();
        }}
        onExport={() => void model.exportUsage()}
      />
      <section aria-labelledby="export-title">
        <h2 id="export-title">Export</h2>
        <p class="muted">For teams without a webhook: every feedback item as CSV, safe to open in a spreadsheet.</p>
        <button type="button" onClick={() => void model.exportFeedback()}>
          Download feedback (CSV)
        </button>
      </section>
      {backup && <BackupData model={backup} onFile={(file) => void backup.choose(file)} />}
    </main>
  );
}
