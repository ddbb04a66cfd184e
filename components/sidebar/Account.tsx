import type { AccountView } from '../../lib/engine/account';
import { formatDate } from '../../lib/format';

const CAMPAIGNS_SHOWN = 5;

/** A company page: the people marketing knows there, best leads first, and the campaigns that reached them. */
export function Account({ account }: { account: AccountView }) {
  return (
    <>
      <section class="section" aria-labelledby="lens-people">
        <h2 id="lens-people">Known contacts</h2>
        {account.people.length === 0 ? (
          <p class="muted">No one at {account.company} is in your marketing data yet.</p>
        ) : (
          <ul class="people">
            {account.people.map((p, i) => (
              <li key={i}>
                <div>
                  <strong>{p.name}</strong> <span class={`badge stage-${p.stage.id}`}>{p.stage.label}</span>
                </div>
                <div class="muted">
                  {[p.title, `score ${p.score}`, `fit ${p.fitGrade}`, p.lastTouchAt ? `last touch ${formatDate(p.lastTouchAt)}` : undefined]
                    .filter(Boolean)
                    .join(' · ')}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="section" aria-labelledby="lens-account-campaigns">
        <h2 id="lens-account-campaigns">Campaign history</h2>
        {account.campaigns.length === 0 ? (
          <p class="muted">No campaign has reached {account.company} yet.</p>
        ) : (
          <ol class="timeline">
            {account.campaigns.slice(0, CAMPAIGNS_SHOWN).map((c, i) => (
              <li key={i}>
                <time dateTime={c.lastAt}>{formatDate(c.lastAt)}</time>
                <div>
                  <strong>{c.name}</strong>
                  <div class="muted">
                    {c.touches} {c.touches === 1 ? 'touch' : 'touches'} · {c.people} {c.people === 1 ? 'person' : 'people'}
                  </div>
                </div>
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
