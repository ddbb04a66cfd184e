import { validatePack } from '../importers/pack';
import type { Handlers } from '../messaging/router';
import { readBackup, restoreBackup, writePack, type LensDatabase } from '../store';
import type { DataChanges } from './data-changes';

/**
 * Packs, backups and imports on the background's side. A CSV import is written by the options page itself (it parses
 * the file, stages the events in IndexedDB and commits them in one transaction: lib/store/imports.ts), so a 1M-row
 * file never crosses the message channel or sits in the service worker's memory; it then says `data.changed` and the
 * background drops its caches. Packs and backups are small and arrive whole.
 */

export interface ImportHandlerDeps {
  db: () => Promise<LensDatabase>;
  changes?: DataChanges;
  now?: () => Date;
}

export type ImportHandlers = Pick<Handlers, 'data.changed' | 'import.pack' | 'backup.export' | 'backup.restore'>;

export function createImportHandlers(deps: ImportHandlerDeps): ImportHandlers {
  const now = deps.now ?? (() => new Date());
  const changed = () => deps.changes?.notify();

  return {
    'data.changed'() {
      changed();
      return null;
    },
    async 'import.pack'({ pack }) {
      const checked = validatePack(pack);
      if (!checked.ok)
        throw new Error(
          `The marketing pack is invalid: ${checked.errors.slice(0, 5).map((e) => `${e.path || 'pack'} ${e.reason}`).join('; ')}${checked.errors.length > 5 ? ` (and ${checked.errors.length - 5} more)` : ''}. Nothing was changed.`,
        );
      try {
        return await writePack(await deps.db(), checked.pack, now());
      } finally {
        changed();
      }
    },
    async 'backup.export'() {
      return readBackup(await deps.db(), now());
    },
    async 'backup.restore'({ backup }) {
      try {
        return await restoreBackup(await deps.db(), backup);
      } finally {
        changed();
      }
    },
  };
}
