import { BACKUP_FORMAT, BACKUP_META_KEYS, BACKUP_STORES, BACKUP_VERSION, type Backup, type BackupStores } from './backup-schema';
import { DB_VERSION } from './migrations';
import { inOneTransaction } from './imports';
import type { LensDatabase, LensDB } from './schema';

/**
 * Backup and restore of the user's data. Reading is one readonly transaction (a consistent snapshot); restoring
 * clears and refills every backed-up store in one readwrite transaction, so a failure leaves the current data as it
 * was, and a restore on another profile yields the same records.
 */

export async function readBackup(db: LensDatabase, now = new Date()): Promise<Backup> {
  const tx = db.transaction(BACKUP_STORES, 'readonly');
  const all = await Promise.all(BACKUP_STORES.map((name) => tx.objectStore(name).getAll()));
  await tx.done;
  const stores = Object.fromEntries(BACKUP_STORES.map((name, i) => [name, all[i]])) as unknown as BackupStores;
  const keep = new Set<string>(BACKUP_META_KEYS);
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    schemaVersion: DB_VERSION,
    exportedAt: now.toISOString(),
    stores: { ...stores, meta: stores.meta.filter((m) => keep.has(m.key)) },
  };
}

export interface RestoreOutcome {
  counts: Record<keyof BackupStores, number>;
}

/** Replaces the data with a validated backup (see checkBackup), all or nothing. */
export function restoreBackup(db: LensDatabase, backup: Backup): Promise<RestoreOutcome> {
  if (backup.schemaVersion > DB_VERSION)
    return Promise.reject(new Error(`The backup was written by a newer Lens (database version ${backup.schemaVersion}); update the extension first.`));
  return inOneTransaction(db, BACKUP_STORES, async (tx) => {
    await Promise.all(BACKUP_STORES.map((name) => tx.objectStore(name).clear()));
    const writes: Promise<unknown>[] = [];
    for (const name of BACKUP_STORES) {
      const store = tx.objectStore(name);
      // Each list was parsed with its store's schema; the store's value type is that schema's output.
      for (const record of backup.stores[name]) writes.push(store.put(record as LensDB[typeof name]['value']));
    }
    // Without a dataset record the next start would seed the demo on top of the restored data.
    if (!backup.stores.meta.some((m) => m.key === 'dataset'))
      writes.push(tx.objectStore('meta').put({ key: 'dataset', source: 'restore', loadedAt: backup.exportedAt, shiftedByMs: 0 }));
    await Promise.all(writes);
    return { counts: Object.fromEntries(BACKUP_STORES.map((name) => [name, backup.stores[name].length])) as RestoreOutcome['counts'] };
  });
}
