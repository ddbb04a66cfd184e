import type { BrowserContext, Page, Worker } from 'playwright-core';
export const EXTENSION_DIR: string;
export const RELIABILITY_EXTENSION_DIR: string;
export const CUSTOM_CRM_EXTENSION_DIR: string;
export function stopServiceWorker(context: BrowserContext, extensionPage: Page): Promise<void>;
export const GMAIL_APP_URL: string;
export const THREAD_URL: { inbox: string; dana: string; priya: string; unknown: string; internal: string };
export function launchLens(options: { userDataDir: string; headless?: boolean; extensionDir?: string }): Promise<{ context: BrowserContext; extensionId: string; worker: Worker }>;
export function routeGmail(context: BrowserContext): Promise<void>;
export function activeTabId(worker: Worker): Promise<number | undefined>;
export function routeSiteFixtures(context: BrowserContext): Promise<void>;
export interface SiteFixture {
  site: string;
  fixture: string;
  url: string;
  contact: { name?: string; email?: string; pageKind: string } | null;
}
export function siteFixtures(): Promise<SiteFixture[]>;
