import { openDB } from 'idb';
import { DB_NAME, type LensDatabase, type LensDB } from './schema';
import { DB_VERSION, MIGRATIONS } from './migrations';

/** Opens (and migrates) the extension's database. Only the background and extension pages may call this. */
export function openLensDb(name = DB_NAME, version = DB_VERSION): Promise<LensDatabase> {
  return openDB<LensDB>(name, version, {
    upgrade(db, oldVersion, newVersion, tx) {
      for (let v = oldVersion; v < (newVersion ?? version); v++) MIGRATIONS[v]?.(db, tx);
    },
    blocking(_current, _next, event) {
      // A newer version of the extension wants to upgrade: let it.
      (event.target as IDBDatabase).close();
    },
  });
}
