import type { Campaign, Contact, ContentAsset, EngagementEvent, Feedback, Persona } from '../model';
import type { LensDatabase, RecentContact } from './schema';

export interface ContactRecord {
  contact: Contact;
  events: EngagementEvent[];
}

export interface ContactKeys {
  email?: string;
  linkedinSlug?: string;
  /** "hubspot:123" etc.; see crmKey(). */
  crmId?: string;
}

/**
 * A contact by the strongest key the page gave (CRM record, then email, then LinkedIn profile),
 * with its engagement events, read in one transaction.
 */
export async function findContact(db: LensDatabase, keys: ContactKeys): Promise<ContactRecord | null> {
  const tx = db.transaction(['contacts', 'events'], 'readonly');
  const contacts = tx.objectStore('contacts');
  const contact =
    (keys.crmId ? await contacts.index('byCrmId').get(keys.crmId) : undefined) ??
    (keys.email ? await contacts.index('byEmail').get(keys.email.toLowerCase()) : undefined) ??
    (keys.linkedinSlug ? await contacts.index('byLinkedinSlug').get(keys.linkedinSlug.toLowerCase()) : undefined);
  if (!contact) {
    await tx.done;
    return null;
  }
  const events = await tx.objectStore('events').index('byContact').getAll(contact.id);
  await tx.done;
  return { contact, events };
}

export function findContactByEmail(db: LensDatabase, email: string): Promise<ContactRecord | null> {
  return findContact(db, { email });
}

/**
 * Everyone at a company, with their events. Scans the contacts: fine for the demo and small teams; the at-scale
 * store (issue 3) needs a company index.
 */
export async function findContactsAtCompany(db: LensDatabase, matches: (contact: Contact) => boolean): Promise<ContactRecord[]> {
  const tx = db.transaction(['contacts', 'events'], 'readonly');
  const contacts = (await tx.objectStore('contacts').getAll()).filter(matches);
  const records = await Promise.all(
    contacts.map(async (contact) => ({ contact, events: await tx.objectStore('events').index('byContact').getAll(contact.id) })),
  );
  await tx.done;
  return records;
}

/** The small, slowly changing reference data every lookup needs; the background caches it. */
export interface Library {
  campaigns: Map<string, Campaign>;
  personas: Persona[];
  content: ContentAsset[];
}

export async function readLibrary(db: LensDatabase): Promise<Library> {
  const tx = db.transaction(['campaigns', 'personas', 'content'], 'readonly');
  const [campaigns, personas, content] = await Promise.all([
    tx.objectStore('campaigns').getAll(),
    tx.objectStore('personas').getAll(),
    tx.objectStore('content').getAll(),
  ]);
  await tx.done;
  return { campaigns: new Map(campaigns.map((c) => [c.id, c])), personas, content };
}

export async function addFeedback(db: LensDatabase, feedback: Feedback): Promise<void> {
  await db.add('feedback', feedback);
}

/** Removes a feedback item; false when it was not there (already undone). */
export async function deleteFeedback(db: LensDatabase, id: string): Promise<boolean> {
  const tx = db.transaction('feedback', 'readwrite');
  const existing = await tx.store.get(id);
  if (existing) await tx.store.delete(id);
  await tx.done;
  return existing !== undefined;
}

export async function listFeedbackForContact(db: LensDatabase, contactKey: string): Promise<Feedback[]> {
  const items = await db.getAllFromIndex('feedback', 'byContactKey', contactKey);
  return items.toSorted((a, b) => b.createdAt.localeCompare(a.createdAt));
}

const RECENT_LIMIT = 20;

/** Remembers a contact the rep looked at; keeps the newest few. */
export async function rememberRecentContact(db: LensDatabase, recent: RecentContact): Promise<void> {
  const tx = db.transaction('recentContacts', 'readwrite');
  await tx.store.put(recent);
  const count = await tx.store.count();
  if (count > RECENT_LIMIT) {
    let cursor = await tx.store.index('bySeenAt').openCursor();
    for (let extra = count - RECENT_LIMIT; cursor && extra > 0; extra--) {
      await cursor.delete();
      cursor = await cursor.continue();
    }
  }
  await tx.done;
}

export async function listRecentContacts(db: LensDatabase, limit = 10): Promise<RecentContact[]> {
  const out: RecentContact[] = [];
  let cursor = await db.transaction('recentContacts').store.index('bySeenAt').openCursor(null, 'prev');
  while (cursor && out.length < limit) {
    out.push(cursor.value);
    cursor = await cursor.continue();
  }
  return out;
}
