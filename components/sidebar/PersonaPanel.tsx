import type { LensView } from '../../lib/engine/lens';

function strength(confidence: number): string {
  return confidence >= 0.75 ? 'Strong match' : confidence >= 0.5 ? 'Likely match' : 'Possible match';
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
              {persona.guessed ? 'Guess from the title' : strength(persona.confidence)} · {Math.round(persona.confidence * 100)}%
            </span>
          </p>
          <p class="muted">Why: {persona.matched.join(', ')}{persona.missed.length > 0 && `; not: ${persona.missed.join(', ')}`}</p>
          {persona.talkingPoints.length > 0 && (
            <details open>
              <summary>Talking points</summary>
              <ul>
                {persona.talkingPoints.map((point) => (
                  <li key={point}>{point}</li>
                ))}
              </ul>
            </details>
          )}
        </>
      )}
    </section>
  );
}
