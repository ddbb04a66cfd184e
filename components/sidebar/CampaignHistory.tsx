import { Disclosure } from './Disclosure';
import type { CampaignTouch, LensView } from '../../lib/engine/lens';
import { formatDate } from '../../lib/format';

const SHOWN = 3;

function Touch({ touch }: { touch: CampaignTouch }) {
  return (
    <li>
      <time dateTime={touch.at}>{formatDate(touch.at)}</time>
      <div>
        <strong>{touch.action}</strong>
        {touch.contentTitle && <span> · {touch.contentTitle}</span>}
        {touch.details && <div class="detail">{touch.details}</div>}
        <div class="muted">{touch.campaignName}</div>
      </div>
    </li>
  );
}

export function CampaignHistory({ view }: { view: LensView }) {
  const touches = view.campaignTouches;
  const campaigns = new Set(touches.filter((t) => t.campaignType).map((t) => t.campaignName));
  return (
    <section class="section" aria-labelledby="lens-campaigns">
      <h2 id="lens-campaigns">Campaign history</h2>
      {touches.length === 0 ? (
        <p class="muted">{view.known ? 'No campaign touches recorded yet.' : 'No campaign touches: this person is not in your marketing data.'}</p>
      ) : (
        <>
          <p class="muted">
            {touches.length} touches across {campaigns.size} campaign{campaigns.size === 1 ? '' : 's'}, newest first
          </p>
          <ol class="timeline">
            {/* Keyed by position: the next person's touches patch these rows instead of replacing them. */}
            {touches.slice(0, SHOWN).map((t, i) => (
              <Touch key={i} touch={t} />
            ))}
          </ol>
          {touches.length > SHOWN && (
            <Disclosure summary={`${touches.length - SHOWN} earlier ${touches.length - SHOWN === 1 ? 'touch' : 'touches'}`}>
              {() => (
              <ol class="timeline" start={SHOWN + 1}>
                {touches.slice(SHOWN).map((t) => (
                  <Touch key={t.eventId} touch={t} />
                ))}
              </ol>
              )}
            </Disclosure>
          )}
        </>
      )}
    </section>
  );
}
