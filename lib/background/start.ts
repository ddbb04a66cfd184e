import { browser } from 'wxt/browser';
import { ContactIdentity } from '../model';
import type { TabContact } from '../messaging/protocol';
import { createRouter } from '../messaging/router';
import { openLensDb, seedDemoDataset, type LensDatabase } from '../store';
import { createHandlers, type TabContacts } from './service';

/** The tab → contact map lives in `storage.session`: it survives the service worker stopping, not the browser closing. */
const sessionTabs: TabContacts = {
  async get(tabId) {
    const key = `tab:${tabId}`;
    const stored = (await browser.storage.session.get(key))[key];
    const parsed = ContactIdentity.safeParse((stored as { identity?: unknown } | undefined)?.identity);
    return parsed.success ? { ...(stored as TabContact), identity: parsed.data } : null;
  },
  async set(tabId, contact) {
    const key = `tab:${tabId}`;
    await (contact ? browser.storage.session.set({ [key]: contact }) : browser.storage.session.remove(key));
  },
};

async function loadDemoDataset(): Promise<unknown> {
  const response = await fetch(browser.runtime.getURL('/demo/marketing-demo.json'));
  if (!response.ok) throw new Error(`Demo dataset missing (${response.status})`);
  return response.json();
}

/** Opens the database once per service-worker life; the first run ever also loads the demo data. */
function databaseOpener(): () => Promise<LensDatabase> {
  let ready: Promise<LensDatabase> | undefined;
  return () =>
    (ready ??= openLensDb().then(async (db) => {
      await seedDemoDataset(db, loadDemoDataset);
      return db;
    })).catch((error) => {
      ready = undefined; // let the next request try again
      throw error;
    });
}

/** Everything the service worker does at start: register listeners synchronously, open nothing until asked. */
export function startBackground(): void {
  const db = databaseOpener();
  const route = createRouter(createHandlers({ db, tabs: sessionTabs }), {
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
    onError: (type, error) => console.error(`[Smarketing Lens] ${type} failed`, error),
  });
  browser.runtime.onMessage.addListener((message, sender) => route(message, sender));
  browser.runtime.onInstalled.addListener(() => void db().catch((e) => console.error('[Smarketing Lens] setup failed', e)));
  browser.tabs.onRemoved.addListener((tabId) => void sessionTabs.set(tabId, null));
}
