import type { LensView } from '../../lib/engine/lens';
import { formatHours } from '../../lib/format';

const SLA_TEXT = {
  on_track: (left: number) => `Follow up within ${formatHours(left)} (on track)`,
  due_soon: (left: number) => `Follow-up due in ${formatHours(left)}`,
  overdue: (left: number) => `Follow-up overdue by ${formatHours(left)}`,
} as const;

export function LeadScore({ view }: { view: LensView }) {
  const { score, stage, sla } = view;
  return (
    <section class="section" aria-labelledby="lens-score">
      <h2 id="lens-score">Lead score</h2>
      {!score || !stage ? (
        <p class="muted">Not in your marketing data, so there is no score yet.</p>
      ) : (
        <>
          <div class="score-row">
            <div class="score" aria-label={`Score ${score.score} out of 100`}>
              <span class="score-value">{score.score}</span>
              <span class="score-max">/100</span>
            </div>
            <div class="stage">
              <span class={`badge stage-${stage.id}`}>{stage.label}</span>
              {stage.mqlReady && <span class="badge badge-hint">MQL-ready by score</span>}
            </div>
          </div>
          <dl class="meters">
            <div>
              <dt>Fit</dt>
              <dd>
                <meter min={0} max={50} value={score.fit.points} /> {score.fit.points}/50 · grade {score.fit.grade}
              </dd>
            </div>
            <div>
              <dt>Engagement</dt>
              <dd>
                <meter min={0} max={50} value={score.engagement.points} /> {score.engagement.points}/50 · level{' '}
                {score.engagement.level}
              </dd>
            </div>
          </dl>
          {sla && <p class={`sla sla-${sla.state}`}>{SLA_TEXT[sla.state](sla.hoursLeft)}</p>}
          <details class="why">
            <summary>Why this score</summary>
            <ul>
              {score.reasons.map((r) => (
                <li key={`${r.group}:${r.label}`}>
                  <span class={r.points < 0 ? 'neg' : 'pos'}>{r.points > 0 ? `+${r.points}` : r.points}</span> {r.label}
                </li>
              ))}
              {score.engagement.removedByDecay > 0 && (
                <li class="muted">−{score.engagement.removedByDecay} faded with time (30-day half-life)</li>
              )}
            </ul>
          </details>
        </>
      )}
    </section>
  );
}
