import type { DataChanges } from './data-changes';
import { contactKey, type ContactIdentity, type Feedback, type ScoringModel, type Sla } from '../model';
import type { Handlers } from '../messaging/router';
import type { TabContact } from '../messaging/protocol';
import { crmKey, type DetectedContact } from '../sites/contact';
import { buildContentIndex, type ContentIndex } from '../engine/content-index';
import { buildAccountView } from '../engine/account';
import { buildLensView } from '../engine/lens';
import type { ContentOutcome } from '../engine/outcomes';
import {
  findContactsAtCompany,
  addFeedback,
  deleteFeedback,
  editFeedback,
  findContact,
  listFeedbackForContact,
  listRecentContacts,
  readLibrary,
  readOutcomes,
  readScoringModel,
  readSla,
  rememberRecentContact,
  type ContactRecord,
  type Library,
  type LensDatabase,
} from '../store';

/** Where the background keeps which contact each tab shows; `storage.session` in the extension, a Map in tests. */
export interface TabContacts {
  get(tabId: number): Promise<TabContact | null>;
  set(tabId: number, contact: TabContact | null): Promise<void>;
}

export interface ServiceDeps {
  db: () => Promise<LensDatabase>;
  tabs: TabContacts;
  /** Imports, packs and restores announce themselves here: the cached library, index and outcomes are dropped. */
  changes?: DataChanges;
  now?: () => Date;
  newId?: () => string;
}

/** The handlers of looking people up and recording feedback; delivery has its own (delivery-handlers.ts). */
export type CoreHandlers = Pick<
  Handlers,
  'lens.lookup' | 'lens.clear' | 'tab.getContact' | 'contacts.listRecent' | 'feedback.submit' | 'feedback.edit' | 'feedback.undo' | 'feedback.listForContact'
>;

/** One identity per person: a known contact is filed under their primary email whatever page they were seen on. */
function identityOf(detected: DetectedContact, record: ContactRecord | null): ContactIdentity {
  const parts = {
    email: record?.contact.emails[0] ?? detected.email,
    linkedinSlug: record?.contact.linkedinSlug ?? detected.linkedinSlug,
    crmId: detected.crm ? crmKey(detected.crm) : undefined,
  };
  const defined = Object.fromEntries(Object.entries(parts).filter(([, v]) => v !== undefined));
  return { key: contactKey(parts), ...defined };
}

const fullName = (record: ContactRecord) => `${record.contact.firstName} ${record.contact.lastName}`.trim();

/** The background's answers to every request; state lives in IndexedDB and the tab map, never in the pages. */
export function createHandlers(deps: ServiceDeps): CoreHandlers {
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? (() => crypto.randomUUID());
  let library: Promise<Library> | undefined;
  const getLibrary = async () => (library ??= deps.db().then(readLibrary));
  // The SLA comes with the library (packs, restores): cached and dropped with it.
  let slaCache: Promise<Sla> | undefined;
  const getSla = async () => (slaCache ??= deps.db().then(readSla));
  // Built once per library load, like the library: the BM25 index and the pack's scoring model.
  let engine: Promise<{ contentIndex: ContentIndex; scoringModel?: ScoringModel }> | undefined;
  const getEngine = async () =>
    (engine ??= Promise.all([getLibrary(), deps.db().then(readScoringModel)]).then(([lib, scoringModel]) => ({
      contentIndex: buildContentIndex(lib.content),
      ...(scoringModel ? { scoringModel } : {}),
    })).catch((error: unknown) => {
      engine = undefined; // a failed read is tried again on the next lookup, not cached
      throw error;
    }));
  // What followed each asset for other contacts; feedback changes it, so feedback drops it.
  let outcomes: Promise<Map<string, ContentOutcome>> | undefined;
  const getOutcomes = async () =>
    (outcomes ??= deps.db().then(readOutcomes).catch((error: unknown) => {
      outcomes = undefined;
      throw error;
    }));
  deps.changes?.subscribe(() => {
    library = undefined;
    slaCache = undefined;
    engine = undefined;
    outcomes = undefined;
  });

  /** A company page: the people marketing knows there and the campaigns that reached them; no person, no feedback. */
  const accountLens = async (db: LensDatabase, contact: DetectedContact, company: string, tabId: number | undefined) => {
    const [records, lib, sla, engineData] = await Promise.all([
      findContactsAtCompany(db, { name: company }),
      getLibrary(),
      getSla(),
      getEngine(),
    ]);
    if (tabId !== undefined) await deps.tabs.set(tabId, null);
    const account = buildAccountView({ company, records, campaigns: lib.campaigns, sla, now: now(), scoringModel: engineData.scoringModel });
    const view = buildLensView({ detected: contact, record: null, ...lib, ...engineData, sla, now: now() });
    return { ...view, contact: { name: company }, known: records.length > 0, account, identity: { key: `company:${company.toLowerCase()}` } };
  };

  return {
    async 'lens.lookup'({ contact }, { tabId }) {
      const db = await deps.db();
      if (contact.pageKind === 'company' && contact.company) return accountLens(db, contact, contact.company, tabId);
      const keys = { email: contact.email, linkedinSlug: contact.linkedinSlug, crmId: contact.crm ? crmKey(contact.crm) : undefined };
      const [record, lib, sla, engineData, outcomeMap] = await Promise.all([findContact(db, keys), getLibrary(), getSla(), getEngine(), getOutcomes()]);
      const identity = identityOf(contact, record);
      const name = record ? fullName(record) : contact.name;
      // Bookkeeping for the popup, not for this answer: both writes are issued now (a later read is ordered after them:
      // IndexedDB by transaction order, storage by call order) but the sidebar does not wait for them.
      Promise.all([
        tabId === undefined ? undefined : deps.tabs.set(tabId, { identity, name, site: contact.site, known: record !== null }),
        rememberRecentContact(db, { ...identity, name, site: contact.site, seenAt: now().toISOString() }),
      ]).catch((error: unknown) => console.warn('Lens could not remember the contact for the popup', error));
      return { ...buildLensView({ detected: contact, record, ...lib, ...engineData, outcomes: outcomeMap, sla, now: now() }), identity };
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
      const { contact, ...rest } = feedback;
      const [record, lib] = await Promise.all([findContact(db, contact), getLibrary()]);
      const campaign = record?.contact.sourceCampaignId ? lib.campaigns.get(record.contact.sourceCampaignId) : undefined;
      const item: Feedback = {
        ...rest,
        id: newId(),
        contactKey: contact.key,
        ...(contact.email ? { contactEmail: contact.email } : {}),
        createdAt: now().toISOString(),
        ...(record ? { contactId: record.contact.id } : {}),
        ...(campaign ? { sourceCampaignId: campaign.id, sourceCampaignName: campaign.name } : {}),
      };
      await addFeedback(db, item);
      outcomes = undefined;
      return item;
    },
    async 'feedback.edit'({ id, verdict, reason, note }) {
      const after = await editFeedback(await deps.db(), id, (before) => {
        const { reason: _reason, note: _note, ...rest } = before;
        return { ...rest, verdict, ...(reason ? { reason } : {}), ...(note?.trim() ? { note: note.trim() } : {}), editedAt: now().toISOString() };
      });
      outcomes = undefined;
      return after;
    },
    async 'feedback.undo'({ id }) {
      const undone = await deleteFeedback(await deps.db(), id);
      outcomes = undefined;
      return { undone };
    },
    async 'feedback.listForContact'({ key }) {
      return listFeedbackForContact(await deps.db(), key);
    },
  };
}
