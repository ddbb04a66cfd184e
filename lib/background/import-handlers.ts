import { validatePack } from '../importers/pack';
import type { IncomingContact } from '../importers/types';
import type { Campaign, EngagementEvent } from '../model';
import type { Handlers } from '../messaging/router';
import { readBackup, readDirectoryData, restoreBackup, writeImport, writePack, type LensDatabase } from '../store';
import type { DataChanges } from './data-changes';

/**
 * Imports, packs and backups on the background's side. The options page parses files and sends validated objects in
 * batches; they are staged here, in memory, until the commit writes them in one transaction (lib/store/imports.ts).
 * Staging in memory is enough for this increment: the page keeps the service worker awake while it sends, and an
 * import whose worker was stopped meanwhile fails at commit with "unknown import" and writes nothing. The 100k/1M
 * store redesign moves staging into IndexedDB.
 */

export interface ImportHandlerDeps {
  db: () => Promise<LensDatabase>;
  changes?: DataChanges;
  now?: () => Date;
  newId?: () => string;
  /** Records staged over all open imports; a bigger file is refused with a clear message rather than exhausting memory. */
  maxStaged?: number;
}

export type ImportHandlers = Pick<
  Handlers,
  'import.directory' | 'import.begin' | 'import.batch' | 'import.commit' | 'import.abort' | 'import.pack' | 'backup.export' | 'backup.restore'
>;

interface Staging {
  file: string;
  nextSeq: number;
  startedAt: number;
  contacts: IncomingContact[];
  events: EngagementEvent[];
  campaigns: Campaign[];
}

const MAX_OPEN = 4;
const STALE_MS = 30 * 60_000;

export function createImportHandlers(deps: ImportHandlerDeps): ImportHandlers {
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const maxStaged = deps.maxStaged ?? 1_500_000;
  const open = new Map<string, Staging>();
  const size = (s: Staging) => s.contacts.length + s.events.length + s.campaigns.length;
  const staging = (importId: string) => {
    const s = open.get(importId);
    if (!s) throw new Error(`Unknown import "${importId}" (the background may have restarted): choose the file again. Nothing was written.`);
    return s;
  };
  const changed = () => deps.changes?.notify();

  return {
    async 'import.directory'() {
      return readDirectoryData(await deps.db());
    },
    'import.begin'({ file }) {
      // Imports a page abandoned without aborting (tab closed) must not hold memory for ever.
      for (const [id, s] of open) if (now().getTime() - s.startedAt > STALE_MS) open.delete(id);
      if (open.size >= MAX_OPEN) throw new Error(`${open.size} imports are already in progress; finish or cancel one first.`);
      const importId = `imp-${newId()}`;
      open.set(importId, { file, nextSeq: 0, startedAt: now().getTime(), contacts: [], events: [], campaigns: [] });
      return { importId };
    },
    'import.batch'({ importId, seq, contacts, events, campaigns }) {
      const s = staging(importId);
      if (seq !== s.nextSeq) {
        open.delete(importId);
        throw new Error(`Batch ${seq} of "${s.file}" arrived where batch ${s.nextSeq} was expected; the import was cancelled and nothing was written.`);
      }
      const total = [...open.values()].reduce((sum, x) => sum + size(x), 0) + contacts.length + events.length + campaigns.length;
      if (total > maxStaged) {
        open.delete(importId);
        throw new Error(`"${s.file}" holds more than ${maxStaged.toLocaleString('en-US')} records, more than Lens can import at once; split the file. Nothing was written.`);
      }
      s.nextSeq++;
      // A loop, not push(...): spreading a large array overflows the call stack.
      for (const c of contacts) s.contacts.push(c);
      for (const e of events) s.events.push(e);
      for (const c of campaigns) s.campaigns.push(c);
      return { staged: { contacts: s.contacts.length, events: s.events.length, campaigns: s.campaigns.length } };
    },
    async 'import.commit'({ importId, expected }) {
      const s = staging(importId);
      open.delete(importId);
      const got = { batches: s.nextSeq, contacts: s.contacts.length, events: s.events.length, campaigns: s.campaigns.length };
      if (got.batches !== expected.batches || got.contacts !== expected.contacts || got.events !== expected.events || got.campaigns !== expected.campaigns)
        throw new Error(`The background received ${JSON.stringify(got)} of "${s.file}" but the page sent ${JSON.stringify(expected)}; nothing was written.`);
      const started = performance.now();
      try {
        const outcome = await writeImport(await deps.db(), s, now());
        return { ...outcome, ms: Math.round(performance.now() - started) };
      } finally {
        // Even a failed write may have been preceded by a cache fill from a concurrent lookup: drop caches either way.
        changed();
      }
    },
    'import.abort'({ importId }) {
      return { aborted: open.delete(importId) };
    },
    async 'import.pack'({ pack }) {
      const checked = validatePack(pack);
      if (!checked.ok)
        throw new Error(
          `The marketing pack is invalid: ${checked.errors.slice(0, 5).map((e) => `${e.path || 'pack'} ${e.reason}`).join('; ')}${checked.errors.length > 5 ? ` (and ${checked.errors.length - 5} more)` : ''}. Nothing was changed.`,
        );
      try {
        return await writePack(await deps.db(), checked.pack, now());
      } finally {
        changed();
      }
    },
    async 'backup.export'() {
      return readBackup(await deps.db(), now());
    },
    async 'backup.restore'({ backup }) {
      try {
        return await restoreBackup(await deps.db(), backup);
      } finally {
        changed();
      }
    },
  };
}
