import type { IDBPDatabase } from 'idb';
import type { LensDB, UpgradeTransaction } from './schema';

/**
 * Schema migrations, one per version, applied in order inside the upgrade transaction.
 * Never edit a shipped migration: add the next one, and a test that opens a database written by the previous version.
 */
export const MIGRATIONS: ReadonlyArray<(db: IDBPDatabase<LensDB>, tx: UpgradeTransaction) => void> = [
  // v1: the marketing data, feedback, recently seen contacts and small settings.
  (db) => {
    const contacts = db.createObjectStore('contacts', { keyPath: 'id' });
    contacts.createIndex('byEmail', 'emails', { multiEntry: true });
    contacts.createIndex('byLinkedinSlug', 'linkedinSlug');
    contacts.createIndex('byCrmId', 'crmIds', { multiEntry: true });
    db.createObjectStore('events', { keyPath: 'id' }).createIndex('byContact', 'contactId');
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
];

export const DB_VERSION = MIGRATIONS.length;
