import { Disclosure } from './Disclosure';
import type { LensView, PersonaCriterionView } from '../../lib/engine/lens';

function strength(confidence: number): string {
  return confidence >= 0.75 ? 'Strong match' : confidence >= 0.5 ? 'Likely match' : 'Possible match';
}

const percent = (value: number) => `${Math.round(value * 100)}%`;

const MARK: Record<PersonaCriterionView['state'], string> = { matched: '✓', missed: '✗', unknown: '?' };
const STATE_TEXT: Record<PersonaCriterionView['state'], string> = { matched: 'matched', missed: 'missed', unknown: 'not known' };

function Criteria({ criteria, coverage }: { criteria: readonly PersonaCriterionView[]; coverage?: number }) {
  return (
    <Disclosure class="why" summary="How this persona matched">
      {() => (
        <>
      <ul class="criteria">
        {criteria.map((c) => (
          <li key={c.criterion} class={`criterion criterion-${c.state}`}>
            <span class="mark" aria-label={STATE_TEXT[c.state]}>
              {MARK[c.state]}
            </span>{' '}
            {c.label}
            {c.detail && <span class="muted"> {c.detail}</span>}
            <span class="muted"> · weight {percent(c.weight)}</span>
          </li>
        ))}
      </ul>
      {coverage !== undefined && coverage < 1 && <p class="muted">Checked {percent(coverage)} of the criteria; unknown ones count neither way.</p>}
        </>
      )}
    </Disclosure>
  );
}

export function PersonaPanel({ view }: { view: LensView }) {
  const persona = view.persona;
  return (
    <section class="section" aria-labelledby="lens-persona">
      <h2 id="lens-persona">Persona</h2>
      {!persona ? (
        <p class="muted">
          {view.contact.title
            ? `No persona matches "${view.contact.title}".`
            : 'No job title known yet, so no persona guess. Check their signature or LinkedIn.'}
        </p>
      ) : (
        <>
          <p class="persona-name">
            <strong>{persona.name}</strong>{' '}
            <span class="muted">
              {persona.guessed ? 'Guess from the title' : strength(persona.confidence)} · {percent(persona.confidence)}
            </span>
          </p>
          <p class="muted">Why: {persona.matched.join(', ')}{persona.missed.length > 0 && `; not: ${persona.missed.join(', ')}`}</p>
          {persona.criteria && persona.criteria.length > 0 && <Criteria criteria={persona.criteria} coverage={persona.coverage} />}
          {persona.alternatives && persona.alternatives.length > 0 && (
            <p class="muted">Also close: {persona.alternatives.map((a) => `${a.name} (${percent(a.confidence)})`).join(', ')}</p>
          )}
          {persona.talkingPoints.length > 0 && (
            <details open>
              <summary>Talking points</summary>
              <ul>
                {persona.talkingPoints.map((point, i) => (
                  <li key={i}>{point}</li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </section>
  );
}
