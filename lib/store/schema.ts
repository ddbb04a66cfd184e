import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { Campaign, ContactIdentity, ContentAsset, Feedback, OutboxItem, Persona, Sla, UsageRecord } from '../model';
import type { EventShard, KeyShard, OutcomeTally, ShardSummary, StoredPeopleShard } from './shards';

export const DB_NAME = 'smarketing-lens';

/** A contact the rep looked at recently, for the popup's "recently seen" list. Local only. */
export interface RecentContact extends ContactIdentity {
  name?: string;
  site: string;
  seenAt: string;
}

export interface DatasetInfo {
  key: 'dataset';
  /** 'demo': the bundled dataset; 'import' / 'restore': the first data came from an import or a backup instead. */
  source: 'demo' | 'import' | 'restore';
  loadedAt: string;
  shiftedByMs: number;
}

export interface SlaRecord {
  key: 'sla';
  value: Sla;
}

/** The recommendation track record of everyone stored: the sum of the shards' tallies (see shards.ts). */
export interface OutcomesRecord {
  key: 'outcomes';
  value: OutcomeTally;
}

export interface LensDB extends DBSchema {
  shards: { key: number; value: StoredPeopleShard };
  eventShards: { key: number; value: EventShard };
  shardSummaries: { key: number; value: ShardSummary };
  keys: { key: number; value: KeyShard };
  campaigns: { key: string; value: Campaign };
  personas: { key: string; value: Persona };
  content: { key: string; value: ContentAsset };
  feedback: { key: string; value: Feedback; indexes: { byContactKey: string; byCreatedAt: string } };
  recentContacts: { key: string; value: RecentContact; indexes: { bySeenAt: string } };
  meta: { key: string; value: DatasetInfo | SlaRecord | OutcomesRecord };
  outbox: { key: number; value: OutboxItem; indexes: { byId: string } };
  usage: { key: string; value: UsageRecord; indexes: { byAt: string; byContent: string } };
}

export type LensDatabase = IDBPDatabase<LensDB>;
export type UpgradeTransaction = IDBPTransaction<LensDB, StoreNames<LensDB>[], 'versionchange'>;
