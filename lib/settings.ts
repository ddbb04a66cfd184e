import { storage } from 'wxt/utils/storage';

/**
 * Marketing's webhook: URL, signing secret, Slack text. In `storage.local`, read only by the background and the
 * options page; null until the user sets one, and with none set nothing leaves the browser.
 */
export const webhookSetting = storage.defineItem<unknown>('local:webhookDestination', { fallback: null, version: 1 });
