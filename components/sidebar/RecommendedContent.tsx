import { Disclosure } from './Disclosure';
import type { LensView, RecommendationView } from '../../lib/engine/lens';
import { CONTENT_TYPE_LABEL, safeHref } from '../../lib/format';

export interface RecommendedContentProps {
  view: LensView;
  copiedId?: string;
  onCopyLink: (item: RecommendationView) => void;
  /** The rep opened the asset (the link itself opens it). */
  onOpen?: (item: RecommendationView) => void;
  /** Puts the link into the message being written; only where the site supports it. */
  onInsert?: (item: RecommendationView) => void;
  /** A short word on the last action for an item ("Inserted", "Open a reply first"). */
  notice?: { id: string; text: string };
}

/** What counted for a pick, with its weight: the long form of the one-line "why". */
function Factors({ item }: { item: RecommendationView }) {
  if (!item.factors || item.factors.length === 0) return null;
  return (
    <Disclosure class="why why-pick" summary="Why this pick">
      {() =>
        item.factors!.map((f) => (
          <div key={f.kind} class="factor">
            <span class="pos">+{f.points.toFixed(1)}</span> {f.label}
          </div>
        ))
      }
    </Disclosure>
  );
}

export function RecommendedContent({ view, copiedId, onCopyLink, onOpen, onInsert, notice }: RecommendedContentProps) {
  const stage = view.recommendationStage;
  return (
    <section class="section" aria-labelledby="lens-content">
      <h2 id="lens-content">Recommended content</h2>
      {!view.known && <p class="muted">General picks: not in your marketing data yet.</p>}
      {stage && (
        <p class="muted">
          For the {stage.label}: {stage.because}. Already received content is left out.
        </p>
      )}
      <ul class="content-list">
        {/* Keyed by rank: a new person's picks patch these rows rather than rebuilding them. */}
        {view.recommendations.map((item, rank) => {
          const href = safeHref(item.url);
          return (
            <li key={rank}>
              <div class="content-title">{item.title}</div>
              <div class="muted">
                {CONTENT_TYPE_LABEL[item.type]} · {item.why}
              </div>
              <div class="actions">
                {href && (
                  <a class="button" href={href} target="_blank" rel="noopener noreferrer" onClick={() => onOpen?.(item)}>
                    Open
                  </a>
                )}
                {href && (
                  <button type="button" class="button" onClick={() => onCopyLink(item)}>
                    {copiedId === item.id ? 'Copied' : 'Copy link'}
                  </button>
                )}
                {href && onInsert && (
                  <button type="button" class="button" onClick={() => onInsert(item)}>
                    Insert in email
                  </button>
                )}
                {notice?.id === item.id && (
                  <span class="muted" role="status">
                    {notice.text}
                  </span>
                )}
              </div>
              <Factors item={item} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
