import type { SiteSettingsModel } from '../../lib/options/site-settings-model';
import { CRM_SITES, CRM_SITE_NAMES, type CrmSiteId } from '../../lib/sites/settings';

function Notice({ notice }: { notice: { kind: 'ok' | 'error'; text: string } | null }) {
  if (!notice) return null;
  return (
    <p class={notice.kind === 'ok' ? 'ok' : 'error'} role={notice.kind === 'ok' ? 'status' : 'alert'}>
      {notice.text}
    </p>
  );
}

/** "Your team's email domains": people on them are colleagues, never the prospect (Gmail). */
export function TeamDomains({ model }: { model: SiteSettingsModel }) {
  const error = model.domainError.value;
  return (
    <section aria-labelledby="team-domains-title" class="site-settings">
      <h2 id="team-domains-title">Your team's email domains</h2>
      <p class="muted">
        People writing from these domains are your team, never the prospect, in Gmail: for example a partner agency or a second company domain. Your own
        address's domain is always included.
      </p>
      {model.domains.value.length > 0 ? (
        <ul class="setting-list" aria-label="Team email domains">
          {model.domains.value.map((domain) => (
            <li key={domain}>
              <span>{domain}</span>
              <button type="button" class="quiet" disabled={model.busy.value} aria-label={`Remove ${domain}`} onClick={() => void model.removeDomain(domain)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">No extra domains yet.</p>
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void model.addDomain();
        }}
      >
        <label>
          Add a team domain
          <input
            type="text"
            inputMode="url"
            autoComplete="off"
            spellcheck={false}
            placeholder="partner-agency.com"
            value={model.domainDraft.value}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'team-domain-error' : undefined}
            onInput={(e) => {
              model.domainDraft.value = e.currentTarget.value;
              model.domainError.value = null;
            }}
          />
        </label>
        {error && (
          <p id="team-domain-error" class="error" role="alert">
            {error}
          </p>
        )}
        <div class="row">
          <button type="submit" disabled={model.busy.value}>
            Add domain
          </button>
        </div>
      </form>
      <Notice notice={model.domainNotice.value} />
    </section>
  );
}

/** "Custom CRM domains": a self-hosted or vanity host serving HubSpot, Salesforce or Pipedrive pages. */
export function CustomCrmHosts({ model }: { model: SiteSettingsModel }) {
  const view = model.crm.value;
  const error = model.hostError.value;
  return (
    <section aria-labelledby="crm-hosts-title" class="site-settings">
      <h2 id="crm-hosts-title">Custom CRM domains</h2>
      <p class="muted">
        If your HubSpot, Salesforce or Pipedrive pages open on a domain of your own (a Salesforce My Domain, a vanity or self-hosted address), add it here.
        The browser asks you to let Lens read that one host; removing it takes the permission back.
      </p>
      {view && !view.supported && <p class="error">This browser cannot add content scripts at run time: custom domains are kept but not read.</p>}
      {view && view.hosts.length > 0 && (
        <ul class="setting-list" aria-label="Custom CRM domains">
          {view.hosts.map(({ host, site, active, permission }) => (
            <li key={host} data-state={active ? 'active' : permission}>
              <span>
                {host} <span class="muted">· {CRM_SITE_NAMES[site]} · </span>
                {active ? (
                  <span class="ok">active</span>
                ) : model.asking.value.has(host) ? (
                  <span class="muted">waiting for your answer in the browser's prompt</span>
                ) : (
                  <span class="error">no permission yet</span>
                )}
              </span>
              <span class="row-actions">
                {permission === 'not-granted' && !model.asking.value.has(host) && (
                  <button type="button" class="quiet" onClick={() => model.askAgain(host)}>
                    Allow access
                  </button>
                )}
                <button type="button" class="quiet" disabled={model.busy.value} aria-label={`Remove ${host}`} onClick={() => void model.removeHost(host)}>
                  Remove
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void model.addHost();
        }}
      >
        <div class="row">
          <label class="inline">
            CRM
            <select value={model.hostSite.value} onChange={(e) => (model.hostSite.value = e.currentTarget.value as CrmSiteId)}>
              {CRM_SITES.map((site) => (
                <option key={site} value={site}>
                  {CRM_SITE_NAMES[site]}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label>
          CRM host
          <input
            type="text"
            inputMode="url"
            autoComplete="off"
            spellcheck={false}
            placeholder="crm.example.com"
            value={model.hostDraft.value}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'crm-host-error' : undefined}
            onInput={(e) => {
              model.hostDraft.value = e.currentTarget.value;
              model.hostError.value = null;
            }}
          />
        </label>
        {error && (
          <p id="crm-host-error" class="error" role="alert">
            {error}
          </p>
        )}
        <div class="row">
          <button type="submit" disabled={model.busy.value}>
            Add CRM domain
          </button>
        </div>
      </form>
      <Notice notice={model.hostNotice.value} />
    </section>
  );
}
