import { DEFAULT_SCORING_MODEL } from '../engine/scoring';
import type { Handlers } from '../messaging/router';
import type { ScoringModelView } from '../messaging/protocol';
import { clearScoringModel, readScoringModel, writeScoringModel, type LensDatabase } from '../store';
import type { DataChanges } from './data-changes';

/**
 * The lead-scoring model as the options page edits it. The router has already parsed a saved model with ScoringModel;
 * after a write the background's caches (which hold the model used for lookups) are dropped through DataChanges, so the
 * next sidebar lookup scores with the new model.
 */
export interface ScoringHandlerDeps {
  db: () => Promise<LensDatabase>;
  changes?: DataChanges;
}

export type ScoringHandlers = Pick<Handlers, 'scoring.get' | 'scoring.save' | 'scoring.reset'>;

async function inForce(db: LensDatabase): Promise<ScoringModelView> {
  const stored = await readScoringModel(db);
  return stored ? { model: stored, isDefault: false } : { model: DEFAULT_SCORING_MODEL, isDefault: true };
}

export function createScoringHandlers(deps: ScoringHandlerDeps): ScoringHandlers {
  const changed = () => deps.changes?.notify();
  return {
    async 'scoring.get'() {
      return inForce(await deps.db());
    },
    async 'scoring.save'({ model }) {
      const db = await deps.db();
      try {
        await writeScoringModel(db, model);
      } finally {
        // A lookup may have filled the cache meanwhile: drop it either way, as imports do.
        changed();
      }
      return inForce(db);
    },
    async 'scoring.reset'() {
      const db = await deps.db();
      try {
        await clearScoringModel(db);
      } finally {
        changed();
      }
      return inForce(db);
    },
  };
}
