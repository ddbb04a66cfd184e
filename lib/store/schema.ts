import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { Campaign, ContactIdentity, ContentAsset, EngagementEvent, Feedback, OutboxItem, Persona, Sla, UsageRecord } from '../model';
import type { EventShard, KeyShard, OutcomeTally, PeopleShard, ShardSummary } from './shards';

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

/**
 * Events of an import in progress, written while the file is read and merged into `shards` by its commit. Keyed
 * [importId, group, seq]: `group` collects the events of 1/STAGING_GROUPS of the shards, so the commit can merge them a
 * group at a time without holding the whole file in memory.
 */
export interface StagedEvents {
  events: EngagementEvent[];
  /** When the import started (ms): leftovers of an import whose page was closed are cleared after a while. */
  startedAt: number;
}

export interface LensDB extends DBSchema {
  shards: { key: number; value: PeopleShard };
  eventShards: { key: number; value: EventShard };
  shardSummaries: { key: number; value: ShardSummary };
  keys: { key: number; value: KeyShard };
  staging: { key: [string, number, number]; value: StagedEvents };
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
