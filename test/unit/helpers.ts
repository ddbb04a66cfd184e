import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EventColumns, importCsv, type CsvImportOptions, type CsvImportResult, type CsvInput } from '../../lib/importers';
import { MarketingDataset } from '../../lib/model';
import type { RequestFn } from '../../lib/messaging/client';
import { createRouter, type Handlers } from '../../lib/messaging/router';
import { ContactRows, openLensDb, seedDemoDataset, type LensDatabase, type ReadImport } from '../../lib/store';

export const ROOT = join(import.meta.dirname, '..', '..');
export const GMAIL_FIXTURES = join(ROOT, 'test', 'fixtures', 'gmail');

export function readDemoJson(): unknown {
  return JSON.parse(readFileSync(join(ROOT, 'public', 'demo', 'marketing-demo.json'), 'utf8'));
}

export function demoDataset(): MarketingDataset {
  return MarketingDataset.parse(readDemoJson());
}

/** The demo "today": the dataset's anchor day at noon UTC, so tests see the dates the data was written for. */
export const DEMO_NOW = new Date('2026-11-20T12:00:00Z');

let dbCounter = 0;
/** A fresh, seeded database per test (fake-indexeddb). */
export async function seededDb(): Promise<LensDatabase> {
  const db = await openLensDb(`test-${++dbCounter}-${Math.random()}`);
  await seedDemoDataset(db, async () => readDemoJson(), DEMO_NOW);
  return db;
}

export function loadFixture(name: string): Document {
  const html = readFileSync(join(GMAIL_FIXTURES, name), 'utf8');
  return new DOMParser().parseFromString(html, 'text/html');
}

export function fixtureNames(dir = GMAIL_FIXTURES): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.html'));
}

const PAGE_EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
const PAGE_ORIGIN = `chrome-extension://${PAGE_EXTENSION_ID}/`;

/**
 * The options page's request(): `handlers` answering through the real router, as to a message from options.html.
 * Each request's type is pushed to `sent` when given.
 */
export function pageRequest(handlers: Partial<Handlers>, sent?: string[]): RequestFn {
  const route = createRouter(handlers as Handlers, { extensionId: PAGE_EXTENSION_ID, extensionOrigin: PAGE_ORIGIN });
  return (async (type: string, payload: object) => {
    sent?.push(type);
    const answer = await route({ type, ...payload }, { id: PAGE_EXTENSION_ID, url: `${PAGE_ORIGIN}options.html` });
    if (!answer.ok) throw new Error(answer.error);
    return answer.data;
  }) as RequestFn;
}

/** What the options page reads before it commits (lib/options/import-part.ts): importCsv, events kept as columns. */
export async function readForCommit(input: CsvInput, options: Omit<CsvImportOptions, 'onBatch'>): Promise<{ parsed: CsvImportResult; read: ReadImport }> {
  const events = new EventColumns();
  const read = { contacts: ContactRows.empty(), campaigns: [] as ReadImport['campaigns'][number][], events: [events] };
  const parsed = await importCsv(input, {
    ...options,
    events,
    onBatch: (batch) => {
      for (const c of batch.contacts) read.contacts.add(c);
      read.campaigns.push(...batch.campaigns);
    },
  });
  return { parsed, read };
}
