import type { Handlers } from '../messaging/router';
import type { LensDatabase } from '../store';
import { createDataChanges } from './data-changes';
import { createDeliveryHandlers, type DeliveryHandlerDeps } from './delivery-handlers';
import { createImportHandlers, type ImportHandlers } from './import-handlers';
import { createScoringHandlers, type ScoringHandlers } from './scoring-handlers';
import { createHandlers, type CoreHandlers, type TabContacts } from './service';
import { detachedSiteSettings, type SiteSettingsHandlers } from './site-settings';

export interface BackgroundDeps extends Omit<DeliveryHandlerDeps, 'now' | 'newId'> {
  tabs: TabContacts;
  /** Team domains and custom CRM hosts; without them those requests answer that they are not available. */
  siteSettings?: SiteSettingsHandlers;
  now?: () => Date;
  newId?: () => string;
}

/**
 * Every request's handler, wired the one way the service worker and the tests share: the parts that write data
 * (imports, packs, restores, the scoring model) announce it on one DataChanges, so the lookups drop their caches.
 */
export function createBackgroundHandlers(deps: BackgroundDeps): Handlers {
  const { db, tabs, now, newId } = deps;
  const clock = { ...(now ? { now } : {}), ...(newId ? { newId } : {}) };
  const changes = createDataChanges();
  return composeHandlers(
    createHandlers({ db, tabs, changes, ...clock }),
    createDeliveryHandlers({ ...deps, ...clock }),
    db,
    createImportHandlers({ db, changes, ...clock }),
    createScoringHandlers({ db, changes }),
    deps.siteSettings ?? detachedSiteSettings(),
  );
}

/**
 * The pieces put together: feedback is also handed to delivery once it is saved, changed or undone. Exported for
 * tests that must wire a piece differently (e.g. without shared DataChanges, to prove the caches need them).
 */
export function composeHandlers(
  core: CoreHandlers,
  delivery: ReturnType<typeof createDeliveryHandlers>,
  db: () => Promise<LensDatabase>,
  imports: ImportHandlers,
  scoring: ScoringHandlers,
  siteSettings: SiteSettingsHandlers,
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
    async 'feedback.edit'(payload, context) {
      const before = await (await db()).get('feedback', payload.id);
      const after = await core['feedback.edit'](payload, context);
      if (before) await delivery.onFeedbackEdited(before, after);
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
