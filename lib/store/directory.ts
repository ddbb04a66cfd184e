import { createDirectory, type Directory } from '../importers/map';
import type { Campaign, ContentAsset } from '../model';
import type { LensDatabase } from './schema';
import { forEachFirstId } from './shards';

/**
 * What the options page needs to attach events to stored people, campaigns and content (see directoryFrom): the key
 * index shards' texts as stored, so the thread that reads the file (a worker, for a large one) builds its own address
 * book from them, and the page only copies strings.
 */
export interface DirectoryData {
  keyTexts: string[];
  campaigns: Array<Pick<Campaign, 'id' | 'name'>>;
  content: Array<Pick<ContentAsset, 'id' | 'url' | 'title'>>;
}

/** Read from the key index (one record per shard of it), not from every contact. */
export async function readDirectoryData(db: LensDatabase): Promise<DirectoryData> {
  const tx = db.transaction(['keys', 'campaigns', 'content'], 'readonly');
  const [keys, campaigns, content] = await Promise.all([tx.objectStore('keys').getAll(), tx.objectStore('campaigns').getAll(), tx.objectStore('content').getAll()]);
  await tx.done;
  return {
    keyTexts: keys.map((shard) => shard.text),
    campaigns: campaigns.map((c) => ({ id: c.id, name: c.name })),
    content: content.map((a) => ({ id: a.id, url: a.url, title: a.title })),
  };
}

/**
 * The importer's Directory over what readDirectoryData read: addresses and CRM ids from the key index's texts. A worker
 * builds it, so this module stays small.
 */
export function directoryFrom(data: DirectoryData): Directory {
  // Dictionaries without a prototype, as createDirectory keeps them (filled here without a Map in between).
  const emailIds = Object.create(null) as Record<string, string>;
  const crmIdIds = Object.create(null) as Record<string, string>;
  for (const text of data.keyTexts) {
    forEachFirstId(text, (key, id) => (emailIds[key.slice(2)] = id), 'e:');
    forEachFirstId(text, (key, id) => (crmIdIds[key.slice(2)] = id), 'c:');
  }
  return createDirectory({ emailIds, crmIdIds, campaigns: data.campaigns, content: data.content });
}
