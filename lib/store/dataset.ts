import { MarketingDataset, ScoringModel, type Sla } from '../model';
import { PEOPLE_STORES, writePeople } from './people';
import type { LensDatabase, LensDB } from './schema';

const DAY_MS = 86_400_000;

/** Moves every date in the dataset by the same amount, so demo data stays "recent" whenever it is installed. */
export function shiftDataset(data: MarketingDataset, now: Date): { data: MarketingDataset; shiftedByMs: number } {
  const anchor = Date.parse(`${data.anchorDate}T00:00:00Z`);
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const shift = today - anchor;
  const move = (iso: string) => new Date(Date.parse(iso) + shift).toISOString();
  const moveOpt = (iso: string | undefined) => (iso === undefined ? undefined : move(iso));
  return {
    shiftedByMs: shift,
    data: {
      ...data,
      campaigns: data.campaigns.map((c) => ({ ...c, startedAt: move(c.startedAt), endedAt: moveOpt(c.endedAt) })),
      contacts: data.contacts.map((c) => ({ ...c, becameMqlAt: moveOpt(c.becameMqlAt), becameSqlAt: moveOpt(c.becameSqlAt) })),
      events: data.events.map((e) => ({ ...e, at: move(e.at) })),
    },
  };
}

/**
 * Loads the bundled demo dataset once, on the first run with an empty database.
 * Validates the whole document first and writes it in one transaction: all of it or nothing.
 */
export async function seedDemoDataset(db: LensDatabase, loadJson: () => Promise<unknown>, now = new Date()): Promise<boolean> {
  if (await db.get('meta', 'dataset')) return false;
  const parsed = MarketingDataset.safeParse(await loadJson());
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`Demo dataset is invalid at ${first?.path.join('.') ?? '?'}: ${first?.message ?? 'unknown error'}`);
  }
  const { data, shiftedByMs } = shiftDataset(parsed.data, now);
  const tx = db.transaction([...PEOPLE_STORES, 'campaigns' as const, 'personas' as const, 'content' as const], 'readwrite');
  // Another context may have seeded meanwhile; check again inside the write transaction.
  if (await tx.objectStore('meta').get('dataset')) {
    tx.abort();
    await tx.done.catch(() => undefined);
    return false;
  }
  const writes: Promise<unknown>[] = [
    ...data.campaigns.map((c) => tx.objectStore('campaigns').put(c)),
    ...data.personas.map((p) => tx.objectStore('personas').put(p)),
    ...data.content.map((a) => tx.objectStore('content').put(a)),
    tx.objectStore('meta').put({ key: 'sla', value: data.sla }),
    ...(data.scoringModel ? [tx.objectStore('meta').put(scoringModelRecord(data.scoringModel))] : []),
    tx.objectStore('meta').put({ key: 'dataset', source: 'demo', loadedAt: now.toISOString(), shiftedByMs }),
    writePeople(tx, data.contacts, data.events),
  ];
  await Promise.all([...writes, tx.done]);
  return true;
}

export const DEFAULT_SLA: Sla = { mqlScoreThreshold: 60, followUpHours: 48, dueSoonHours: 12 };

export async function readSla(db: LensDatabase): Promise<Sla> {
  const record = await db.get('meta', 'sla');
  return record && record.key === 'sla' ? record.value : DEFAULT_SLA;
}

/** The pack's scoring model, kept in `meta` beside the SLA. */
export interface ScoringModelRecord {
  key: 'scoringModel';
  value: ScoringModel;
}

// The meta store's declared value type (schema.ts) does not list this record yet; this is the one place that widens it.
function scoringModelRecord(model: ScoringModel): LensDB['meta']['value'] {
  const record: ScoringModelRecord = { key: 'scoringModel', value: model };
  return record as unknown as LensDB['meta']['value'];
}

/**
 * The scoring model the pack carried, or undefined (the engine's default applies). Parsed again on the way out: a model
 * stored by an older version must not reach the engine half-valid.
 */
export async function readScoringModel(db: LensDatabase): Promise<ScoringModel | undefined> {
  const record: unknown = await db.get('meta', 'scoringModel');
  if (!record || typeof record !== 'object' || !('value' in record)) return undefined;
  const parsed = ScoringModel.safeParse(record.value);
  if (parsed.success) return parsed.data;
  console.warn(`Stored scoring model is invalid at ${parsed.error.issues[0]?.path.join('.') ?? '?'}; using the default.`);
  return undefined;
}

/** Replaces the scoring model in force (options page) with one already parsed by ScoringModel: one put, one transaction. */
export async function writeScoringModel(db: LensDatabase, model: ScoringModel): Promise<void> {
  await db.put('meta', scoringModelRecord(model));
}

/** Drops the stored scoring model, so the engine's default applies again. */
export async function clearScoringModel(db: LensDatabase): Promise<void> {
  await db.delete('meta', 'scoringModel');
}

