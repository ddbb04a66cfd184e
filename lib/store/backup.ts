import type { StoreNames } from 'idb';
import { BACKUP_FORMAT, BACKUP_META_KEYS, BACKUP_STORES, BACKUP_VERSION, type Backup, type BackupStoreName, type BackupStores } from './backup-schema';
import { writePeople } from './people';
import { flattenPeople } from './repositories';
import { DB_VERSION } from './migrations';
import { inOneTransaction } from './imports';
import type { LensDatabase, LensDB } from './schema';

/**
 * Backup and restore of the user's data. Reading is one readonly transaction (a consistent snapshot); restoring
 * clears and refills every backed-up store in one readwrite transaction, so a failure leaves the current data as it
 * was, and a restore on another profile yields the same records. The file lists contacts and events as flat lists
 * (sorted by id) whatever the store's layout; the shards, key index and track record are rebuilt from them.
 */

/** The stores a backup lists one to one; people come from (and go to) the shards. */
type PlainStore = Exclude<BackupStoreName, 'contacts' | 'events'>;
const PLAIN_STORES = BACKUP_STORES.filter((name): name is PlainStore => name !== 'contacts' && name !== 'events');

export async function readBackup(db: LensDatabase, now = new Date()): Promise<Backup> {
  const tx = db.transaction([...PLAIN_STORES, 'shards' as const, 'eventShards' as const], 'readonly');
  const [shards, eventShards, ...plain] = await Promise.all([
    tx.objectStore('shards').getAll(),
    tx.objectStore('eventShards').getAll(),
    ...PLAIN_STORES.map((name) => tx.objectStore(name).getAll()),
  ]);
  await tx.done;
  const stores = {
    ...Object.fromEntries(PLAIN_STORES.map((name, i) => [name, plain[i]])),
    ...flattenPeople(shards, eventShards),
  } as unknown as BackupStores;
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
  const cleared: StoreNames<LensDB>[] = [...PLAIN_STORES, 'shards', 'eventShards', 'shardSummaries', 'keys'];
  return inOneTransaction(db, cleared, async (tx) => {
    await Promise.all(cleared.map((name) => tx.objectStore(name).clear()));
    const writes: Promise<unknown>[] = [];
    for (const name of PLAIN_STORES) {
      const store = tx.objectStore(name);
      // Each list was parsed with its store's schema; the store's value type is that schema's output.
      for (const record of backup.stores[name]) writes.push(store.put(record as LensDB[typeof name]['value']));
    }
    // Without a dataset record the next start would seed the demo on top of the restored data.
    if (!backup.stores.meta.some((m) => m.key === 'dataset'))
      writes.push(tx.objectStore('meta').put({ key: 'dataset', source: 'restore', loadedAt: backup.exportedAt, shiftedByMs: 0 }));
    await Promise.all(writes);
    await writePeople(tx, backup.stores.contacts, backup.stores.events);
    return { counts: Object.fromEntries(BACKUP_STORES.map((name) => [name, backup.stores[name].length])) as RestoreOutcome['counts'] };
  });
}
