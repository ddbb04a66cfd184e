import { storage } from 'wxt/utils/storage';

/** Small per-browser preferences (not marketing data): kept in `storage.local`, versioned for later migrations. */
export const sidebarOpenSetting = storage.defineItem<boolean>('local:sidebarOpen', { fallback: true, version: 1 });

/**
 * Marketing's webhook: URL, signing secret, Slack text. In `storage.local`, read only by the background and the
 * options page; null until the user sets one, and with none set nothing leaves the browser.
 */
export const webhookSetting = storage.defineItem<unknown>('local:webhookDestination', { fallback: null, version: 1 });
