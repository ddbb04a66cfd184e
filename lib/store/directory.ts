import { createDirectory, type Directory } from '../importers/map';
import type { Campaign, ContentAsset } from '../model';
import type { LensDatabase } from './schema';
import { keyShardFirstId, lookupKey, shardOf, SHARD_COUNT } from './shards';

/**
 * What the options page needs to attach events to stored people, campaigns and content (see directoryFrom): the key
 * index shards' texts as stored, so the thread that reads the file (a worker, for a large one) looks addresses up in
 * them, and the page only copies strings.
 */
export interface DirectoryData {
  /** Indexed by shard number ('' for a shard with no keys). */
  keyTexts: string[];
  campaigns: Array<Pick<Campaign, 'id' | 'name'>>;
  content: Array<Pick<ContentAsset, 'id' | 'url' | 'title'>>;
}

/** Read from the key index (one record per shard of it), not from every contact. */
export async function readDirectoryData(db: LensDatabase): Promise<DirectoryData> {
  const tx = db.transaction(['keys', 'campaigns', 'content'], 'readonly');
  const [keys, campaigns, content] = await Promise.all([tx.objectStore('keys').getAll(), tx.objectStore('campaigns').getAll(), tx.objectStore('content').getAll()]);
  await tx.done;
  const keyTexts = Array.from({ length: SHARD_COUNT }, () => '');
  for (const shard of keys) keyTexts[shard.shard] = shard.text;
  return {
    keyTexts,
    campaigns: campaigns.map((c) => ({ id: c.id, name: c.name })),
    content: content.map((a) => ({ id: a.id, url: a.url, title: a.title })),
  };
}

/**
 * The importer's Directory over what readDirectoryData read: an address or CRM id is looked up in its key shard's text
 * when a row names it. Building an address book of every key first cost a worker 0.2-0.3 s before its first row at
 * 100k contacts; the mapper asks once per distinct address (it keeps the answer), which costs a search in a ~3 KB text.
 */
export function directoryFrom(data: DirectoryData): Directory {
  const firstId = (key: string) => keyShardFirstId(data.keyTexts[shardOf(key)] ?? '', key);
  const listed = createDirectory({ campaigns: data.campaigns, content: data.content });
  return {
    ...listed,
    contactByEmail: (email) => firstId(lookupKey.email(email)),
    contactByCrmId: (crmId) => firstId(lookupKey.crmId(crmId)),
  };
}
