import type { Handlers } from '../messaging/router';
import type { LensDatabase } from '../store';
import type { createDeliveryHandlers } from './delivery-handlers';
import { createImportHandlers, type ImportHandlers } from './import-handlers';
import { createScoringHandlers, type ScoringHandlers } from './scoring-handlers';
import type { CoreHandlers } from './service';
import { detachedSiteSettings, type SiteSettingsHandlers } from './site-settings';

/**
 * Every request's handler: the core ones, with feedback also handed to delivery once it is saved or undone, and the
 * import/backup ones (pass them built with the same DataChanges as `core`, so imports drop core's caches).
 */
export function composeHandlers(
  core: CoreHandlers,
  delivery: ReturnType<typeof createDeliveryHandlers>,
  db: () => Promise<LensDatabase>,
  imports: ImportHandlers = createImportHandlers({ db }),
  scoring: ScoringHandlers = createScoringHandlers({ db }),
  siteSettings: SiteSettingsHandlers = detachedSiteSettings(),
): Handlers {
  return {
    ...core,
    ...delivery.handlers,
    ...imports,
    ...scoring,
    ...siteSettings,
    async 'feedback.submit'(payload, context) {
      const item = await core['feedback.submit'](payload, context);
      await delivery.onFeedbackSaved(item);
      return item;
    },
    async 'feedback.edit'({ id, verdict, reason, note }) {
      const database = await db();
      const before = await database.get('feedback', id);
      if (!before) throw new Error('that feedback is no longer there (undone?)');
      const { reason: _reason, note: _note, ...rest } = before;
      const after = {
        ...rest,
        verdict,
        ...(reason ? { reason } : {}),
        ...(note?.trim() ? { note: note.trim() } : {}),
        editedAt: new Date().toISOString(),
      };
      await database.put('feedback', after);
      await delivery.onFeedbackEdited(before, after);
      return after;
    },
    async 'feedback.undo'(payload, context) {
      const item = await (await db()).get('feedback', payload.id);
      const result = await core['feedback.undo'](payload, context);
      if (item && result.undone) await delivery.onFeedbackUndone(item);
      return result;
    },
  };
}
