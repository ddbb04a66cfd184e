import type { IDBPDatabase } from 'idb';
import type { LensDB, UpgradeTransaction } from './schema';
import { eventShardsToColumns, keyShardsToText, migratePeopleToShards, peopleShardsToJson } from './people';

/**
 * Schema migrations, one per version, applied in order inside the upgrade transaction. A migration may return a
 * promise for work done with the upgrade transaction's requests (the upgrade completes after it; a failure aborts it).
 * Never edit a shipped migration: add the next one, and a test that opens a database written by the previous version.
 */
export const MIGRATIONS: ReadonlyArray<(db: IDBPDatabase<LensDB>, tx: UpgradeTransaction) => void | Promise<void>> = [
  // v1: the marketing data, feedback, recently seen contacts and small settings.
  (db) => {
    // v1's people stores are gone from the typed schema (v2 moved them into shards): created by name here.
    const raw = db as unknown as IDBPDatabase;
    const contacts = raw.createObjectStore('contacts', { keyPath: 'id' });
    contacts.createIndex('byEmail', 'emails', { multiEntry: true });
    contacts.createIndex('byLinkedinSlug', 'linkedinSlug');
    contacts.createIndex('byCrmId', 'crmIds', { multiEntry: true });
    raw.createObjectStore('events', { keyPath: 'id' }).createIndex('byContact', 'contactId');
    db.createObjectStore('campaigns', { keyPath: 'id' });
    db.createObjectStore('personas', { keyPath: 'id' });
    db.createObjectStore('content', { keyPath: 'id' });
    const feedback = db.createObjectStore('feedback', { keyPath: 'id' });
    feedback.createIndex('byContactKey', 'contactKey');
    feedback.createIndex('byCreatedAt', 'createdAt');
    db.createObjectStore('recentContacts', { keyPath: 'key' }).createIndex('bySeenAt', 'seenAt');
    db.createObjectStore('meta', { keyPath: 'key' });
    // Delivery to marketing: `seq` keeps creation order, which is delivery order.
    const outbox = db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
    outbox.createIndex('byId', 'id', { unique: true });
    const usage = db.createObjectStore('usage', { keyPath: 'id' });
    usage.createIndex('byAt', 'at');
    usage.createIndex('byContent', 'contentId');
  },
  // v2: people at scale — contacts and their events grouped in shards (apart), a sharded key index, staged imports, and the
  // track record kept on write (lib/store/shards.ts). v1's contacts and events are moved over, then dropped.
  (db, tx) => {
    db.createObjectStore('shards', { keyPath: 'shard' });
    db.createObjectStore('eventShards', { keyPath: 'shard' });
    db.createObjectStore('shardSummaries', { keyPath: 'shard' });
    db.createObjectStore('keys', { keyPath: 'shard' });
    // v2 staged an import's events here while the file was read; v3 keeps them in the page's memory instead.
    (db as unknown as IDBPDatabase).createObjectStore('staging');
    return migratePeopleToShards(db, tx);
  },
  // v3: events column by column (lib/importers/event-columns.ts). Imports hold them so in memory until the commit, so
  // the staging store goes, with whatever an interrupted import left in it; event shards are stored so too.
  (db, tx) => {
    (db as unknown as IDBPDatabase).deleteObjectStore('staging');
    return eventShardsToColumns(tx);
  },
  // v4: each key index shard one text instead of a Map (lib/store/shards.ts KeyShard): written and read whole.
  (_db, tx) => keyShardsToText(tx),
  // v5: each people shard's contacts one JSON text instead of a list of objects (shards.ts StoredPeopleShard).
  (_db, tx) => peopleShardsToJson(tx),
];

export const DB_VERSION = MIGRATIONS.length;
