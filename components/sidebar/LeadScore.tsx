import { Disclosure } from './Disclosure';
import type { ImportedScoreView, LensView } from '../../lib/engine/lens';
import type { ScoreReason, ScoreResult } from '../../lib/engine/scoring';
import { formatHours } from '../../lib/format';

const SLA_TEXT = {
  on_track: (left: number) => `Follow up within ${formatHours(left)} (on track)`,
  due_soon: (left: number) => `Follow-up due in ${formatHours(left)}`,
  overdue: (left: number) => `Follow-up overdue by ${formatHours(left)}`,
} as const;

const signed = (points: number) => (points > 0 ? `+${points}` : points < 0 ? `−${-points}` : '0');

function Reasons({ reasons }: { reasons: readonly ScoreReason[] }) {
  if (reasons.length === 0) return <p class="muted">Nothing counted yet.</p>;
  return (
    <ul class="reasons-list">
      {reasons.map((r) => (
        <li key={`${r.group}:${r.label}`} class={r.kind === 'cap' ? 'cap' : undefined}>
          <span class={r.points < 0 ? 'neg' : 'pos'}>{signed(r.points)}</span> {r.label}
          {r.detail && <span class="muted"> ({r.detail})</span>}
        </li>
      ))}
    </ul>
  );
}

function mqlRule(score: ScoreResult): string {
  const { threshold, fromSla, minFitGrade } = score.mql;
  const fit = minFitGrade === 'D' ? '' : ` with fit grade ${minFitGrade} or better`;
  return `An MQL scores ${threshold} or more${fromSla ? ' (the SLA’s threshold)' : ''}${fit}.`;
}

/** CRM scores stand apart: a different model, shown for comparison, never added to Lens's score. */
function ImportedScores({ scores }: { scores: readonly ImportedScoreView[] }) {
  return (
    <div class="imported">
      <div class="muted">From your CRM, not part of this score:</div>
      <ul>
        {scores.map((s) => (
          <li key={`${s.system}:${s.label}`}>
            {s.systemName} · {s.label}: <strong>{s.value}</strong>
          </li>
        ))}
      </ul>
    </div>
  );
}

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
                <meter min={0} max={score.limits.fit} value={score.fit.points} /> {score.fit.points}/{score.limits.fit} · grade {score.fit.grade}
              </dd>
            </div>
            <div>
              <dt>Engagement</dt>
              <dd>
                <meter min={0} max={score.limits.engagement} value={score.engagement.points} /> {score.engagement.points}/{score.limits.engagement} ·
                level {score.engagement.level}
              </dd>
            </div>
          </dl>
          {sla && <p class={`sla sla-${sla.state}`}>{SLA_TEXT[sla.state](sla.hoursLeft)}</p>}
          {view.importedScores && view.importedScores.length > 0 && <ImportedScores scores={view.importedScores} />}
          <Disclosure class="why" summary="Why this score">
            {() => (
              <>
            <div class="why-group">
              Fit: {score.fit.points} (grade {score.fit.grade})
            </div>
            <Reasons reasons={score.reasons.filter((r) => r.group === 'fit')} />
            <div class="why-group">
              Engagement: {score.engagement.points} (level {score.engagement.level})
            </div>
            <Reasons reasons={score.reasons.filter((r) => r.group === 'engagement')} />
            {score.engagement.removedByDecay > 0 && (
              <p class="muted">
                Already taken off above: {score.engagement.removedByDecay} points faded with time ({score.engagement.decay}).
              </p>
            )}
            <p class="muted">
              {mqlRule(score)}
              {score.mql.heldBackByFit && ` This score is high enough, but fit grade ${score.fit.grade} is not.`}
            </p>
              </>
            )}
          </Disclosure>
        </>
      )}
    </section>
  );
}
