import type { BrowserContext, Page, Worker } from 'playwright-core';
export const EXTENSION_DIR: string;
export const RELIABILITY_EXTENSION_DIR: string;
export function stopServiceWorker(context: BrowserContext, extensionPage: Page): Promise<void>;
export const GMAIL_APP_URL: string;
export const THREAD_URL: { inbox: string; dana: string; priya: string; unknown: string; internal: string };
export function launchLens(options: { userDataDir: string; headless?: boolean; extensionDir?: string }): Promise<{ context: BrowserContext; extensionId: string; worker: Worker }>;
export function routeGmail(context: BrowserContext): Promise<void>;
export function activeTabId(worker: Worker): Promise<number | undefined>;
