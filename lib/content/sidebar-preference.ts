import { browser } from 'wxt/browser';

/**
 * Whether the rep left the sidebar open. Read straight from `storage.local` rather than through WXT's
 * `storage.defineItem`: a boolean needs no migrations, and the content script stays within its size budget.
 */
const KEY = 'sidebarOpen';

export async function readSidebarOpen(): Promise<boolean> {
  const value = (await browser.storage.local.get(KEY))[KEY];
  return typeof value === 'boolean' ? value : true;
}

export async function saveSidebarOpen(open: boolean): Promise<void> {
  await browser.storage.local.set({ [KEY]: open });
}
