import { readAllPeople, type LensDatabase } from '../../lib/store';

/** Every record of every store, as one string: "unchanged" means exactly this string again. */
export async function snapshot(db: LensDatabase): Promise<string> {
  const names = [...db.objectStoreNames].toSorted();
  const all = await Promise.all(names.map(async (name) => [name, await db.getAll(name)] as const));
  return JSON.stringify(all);
}

/** How many contacts and events the store holds (they live in shards; see lib/store/shards.ts). */
export async function countPeople(db: LensDatabase): Promise<{ contacts: number; events: number }> {
  const { contacts, events } = await readAllPeople(db);
  return { contacts: contacts.length, events: events.length };
}
