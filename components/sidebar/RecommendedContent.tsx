import type { LensView, RecommendationView } from '../../lib/engine/lens';
import { CONTENT_TYPE_LABEL, safeHref } from '../../lib/format';

export interface RecommendedContentProps {
  view: LensView;
  copiedId?: string;
  onCopyLink: (item: RecommendationView) => void;
}

export function RecommendedContent({ view, copiedId, onCopyLink }: RecommendedContentProps) {
  return (
    <section class="section" aria-labelledby="lens-content">
      <h2 id="lens-content">Recommended content</h2>
      {!view.known && <p class="muted">General picks: not in your marketing data yet.</p>}
      <ul class="content-list">
        {view.recommendations.map((item) => {
          const href = safeHref(item.url);
          return (
            <li key={item.id}>
              <div class="content-title">{item.title}</div>
              <div class="muted">
                {CONTENT_TYPE_LABEL[item.type]} · {item.why}
              </div>
              <div class="actions">
                {href && (
                  <a class="button" href={href} target="_blank" rel="noopener noreferrer">
                    Open
                  </a>
                )}
                {href && (
                  <button type="button" class="button" onClick={() => onCopyLink(item)}>
                    {copiedId === item.id ? 'Copied' : 'Copy link'}
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
