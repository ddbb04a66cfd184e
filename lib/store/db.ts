import { openDB } from 'idb';
import { DB_NAME, type LensDatabase, type LensDB } from './schema';
import { DB_VERSION, MIGRATIONS } from './migrations';

/** Opens (and migrates) the extension's database. Only the background and extension pages may call this. */
export function openLensDb(name = DB_NAME, version = DB_VERSION): Promise<LensDatabase> {
  return openDB<LensDB>(name, version, {
    upgrade(db, oldVersion, newVersion, tx) {
      // Migrations run in order, synchronously (stores can only be created while the upgrade event is dispatched);
      // what they move with requests completes with the upgrade transaction. One that fails aborts the upgrade and
      // the database stays at its old version with its data.
      const moves: Array<void | Promise<void>> = [];
      for (let v = oldVersion; v < (newVersion ?? version); v++) moves.push(MIGRATIONS[v]?.(db, tx));
      Promise.all(moves).catch((error: unknown) => {
        console.error('Database upgrade failed', error);
        tx.abort();
      });
    },
    blocking(_current, _next, event) {
      // A newer version of the extension wants to upgrade: let it.
      (event.target as IDBDatabase).close();
    },
  });
}
