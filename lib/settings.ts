import { storage } from 'wxt/utils/storage';

/** Small per-browser preferences (not marketing data): kept in `storage.local`, versioned for later migrations. */
export const sidebarOpenSetting = storage.defineItem<boolean>('local:sidebarOpen', { fallback: true, version: 1 });
