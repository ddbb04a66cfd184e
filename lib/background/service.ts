import type { Feedback } from '../model';
import type { Handlers } from '../messaging/router';
import type { DetectedContact } from '../sites/contact';
import { buildLensView } from '../engine/lens';
import {
  addFeedback,
  deleteFeedback,
  findContactByEmail,
  listFeedbackForContact,
  listRecentContacts,
  readLibrary,
  readSla,
  rememberRecentContact,
  type Library,
  type LensDatabase,
} from '../store';

/** Where the background keeps which contact each tab shows; `storage.session` in the extension, a Map in tests. */
export interface TabContacts {
  get(tabId: number): Promise<DetectedContact | null>;
  set(tabId: number, contact: DetectedContact | null): Promise<void>;
}

export interface ServiceDeps {
  db: () => Promise<LensDatabase>;
  tabs: TabContacts;
  now?: () => Date;
  newId?: () => string;
}

/** The background's answers to every request; state lives in IndexedDB and the tab map, never in the pages. */
export function createHandlers(deps: ServiceDeps): Handlers {
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? (() => crypto.randomUUID());
  let library: Promise<Library> | undefined;
  const getLibrary = async () => (library ??= deps.db().then(readLibrary));

  return {
    async 'lens.lookup'({ contact }, { tabId }) {
      const db = await deps.db();
      const [record, lib, sla] = await Promise.all([findContactByEmail(db, contact.email), getLibrary(), readSla(db)]);
      await Promise.all([
        tabId === undefined ? undefined : deps.tabs.set(tabId, contact),
        rememberRecentContact(db, {
          email: contact.email,
          name: record ? `${record.contact.firstName} ${record.contact.lastName}` : contact.name,
          site: contact.site,
          seenAt: now().toISOString(),
        }),
      ]);
      return buildLensView({ detected: contact, record, ...lib, sla, now: now() });
    },
    async 'lens.clear'(_payload, { tabId }) {
      if (tabId !== undefined) await deps.tabs.set(tabId, null);
      return null;
    },
    async 'tab.getContact'({ tabId }) {
      return { contact: await deps.tabs.get(tabId) };
    },
    async 'contacts.listRecent'({ limit }) {
      return listRecentContacts(await deps.db(), limit);
    },
    async 'feedback.submit'({ feedback }) {
      const db = await deps.db();
      const [record, lib] = await Promise.all([findContactByEmail(db, feedback.contactEmail), getLibrary()]);
      const campaign = record?.contact.sourceCampaignId ? lib.campaigns.get(record.contact.sourceCampaignId) : undefined;
      const item: Feedback = {
        ...feedback,
        id: newId(),
        createdAt: now().toISOString(),
        ...(record ? { contactId: record.contact.id } : {}),
        ...(campaign ? { sourceCampaignId: campaign.id, sourceCampaignName: campaign.name } : {}),
      };
      await addFeedback(db, item);
      return item;
    },
    async 'feedback.undo'({ id }) {
      return { undone: await deleteFeedback(await deps.db(), id) };
    },
    async 'feedback.listForContact'({ email }) {
      return listFeedbackForContact(await deps.db(), email);
    },
  };
}
