import { browser } from 'wxt/browser';
import { ContactIdentity, WebhookDestination } from '../model';
import type { TabContact } from '../messaging/protocol';
import { createRouter } from '../messaging/router';
import { webhookSetting } from '../settings';
import { openLensDb, seedDemoDataset, type LensDatabase } from '../store';
import { deliverDue } from '../sync/deliver';
import { DELIVERY_TUNING } from '../sync/tuning';
import type { DestinationStore } from './delivery-handlers';
import { createBackgroundHandlers } from './handlers';
import type { TabContacts } from './service';
import { createSiteSettings } from './site-settings';

const DELIVERY_ALARM = 'lens-delivery';

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

const destinations: DestinationStore = {
  async get() {
    const parsed = WebhookDestination.safeParse(await webhookSetting.getValue());
    return parsed.success ? parsed.data : null;
  },
  set: (value) => webhookSetting.setValue(value),
};

async function hasOriginPermission(url: string): Promise<boolean> {
  return browser.permissions.contains({ origins: [`${new URL(url).origin}/*`] });
}

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

/** One delivery run at a time; an alarm brings the worker back for retries even after it was stopped. */
function deliveryRunner(db: () => Promise<LensDatabase>) {
  let running: Promise<unknown> | undefined;
  let again = false;
  const schedule = async (at: Date | null) => {
    if (at) await browser.alarms.create(DELIVERY_ALARM, { when: Math.max(Date.now() + 1000, at.getTime()) });
    else await browser.alarms.clear(DELIVERY_ALARM);
  };
  const runOnce = async () => {
    // Without a destination there is nothing to do: do not even open the database.
    const destination = await destinations.get();
    if (!destination) return;
    await deliverDue({
      db: await db(),
      destination: async () => destination,
      fetch: (input, init) => fetch(input, init),
      now: () => new Date(),
      schedule,
      newBatchId: () => crypto.randomUUID(),
      ...DELIVERY_TUNING,
    });
  };
  const kick = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = runOnce()
      .catch((error) => console.error('[Smarketing Lens] delivery failed', error))
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          kick();
        }
      });
  };
  return kick;
}

/**
 * Team domains and custom CRM hosts. Custom hosts' content scripts are re-checked at every start and on every
 * permission change: registrations persist, but the user may withdraw a host's permission in chrome://extensions.
 */
function startSiteSettings() {
  const siteSettings = createSiteSettings({
    store: {
      get: async (key) => (await browser.storage.local.get(key))[key],
      set: (key, value) => browser.storage.local.set({ [key]: value }),
    },
    // Absent where the browser has no dynamic content scripts (the options page then says so).
    scripting: typeof browser.scripting?.registerContentScripts === 'function' ? browser.scripting : undefined,
    permissions: {
      contains: (pattern) => browser.permissions.contains({ origins: [pattern] }),
      remove: (pattern) => browser.permissions.remove({ origins: [pattern] }),
    },
    // The webhook may share the host: keep its permission.
    stillNeeded: async (pattern) => {
      const destination = await destinations.get();
      return !!destination && `${new URL(destination.url).origin}/*` === pattern;
    },
  });
  const sync = () => void siteSettings.sync().catch((error) => console.error('[Smarketing Lens] custom CRM hosts', error));
  browser.permissions.onAdded.addListener(sync);
  browser.permissions.onRemoved.addListener(sync);
  sync();
  return siteSettings;
}

/** Everything the service worker does at start: register listeners synchronously, open nothing until asked. */
export function startBackground(): void {
  const db = databaseOpener();
  const kick = deliveryRunner(db);
  const handlers = createBackgroundHandlers({
    db,
    tabs: sessionTabs,
    destinations,
    hasOriginPermission,
    kick,
    fetch: (input, init) => fetch(input, init),
    siteSettings: startSiteSettings().handlers,
  });
  const route = createRouter(handlers, {
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
    onError: (type, error) => console.error(`[Smarketing Lens] ${type} failed`, error),
  });
  browser.runtime.onMessage.addListener((message, sender) => route(message, sender));
  browser.runtime.onInstalled.addListener(() => void db().catch((e) => console.error('[Smarketing Lens] setup failed', e)));
  browser.runtime.onStartup.addListener(kick);
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === DELIVERY_ALARM) kick();
  });
  browser.tabs.onRemoved.addListener((tabId) => void sessionTabs.set(tabId, null));
  // Whatever woke the worker, pick up delivery where a stopped worker or a closed browser left it.
  kick();
}
