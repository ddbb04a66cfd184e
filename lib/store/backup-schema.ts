import { z } from 'zod';
import { Campaign, Contact, ContentAsset, Email, EngagementEvent, Feedback, IsoDateTime, Persona, ScoringModel, Sla, UsageRecord } from '../model';

/**
 * The full backup (JSON): every store that holds the user's data, each record as the store keeps it, validated with the
 * model's schemas on restore. Left out on purpose: the outbox (delivery state, rebuilt from feedback when needed) and
 * everything in `storage.local` — the webhook and its signing secret never enter a backup file.
 * No idb import here: the message protocol uses this schema.
 */
export const BACKUP_FORMAT = 'smarketing-lens-backup';
export const BACKUP_VERSION = 1;

const RecentContactRecord = z.object({
  key: z.string().min(1).max(200),
  email: Email.optional(),
  linkedinSlug: z.string().max(100).optional(),
  crmId: z.string().max(60).optional(),
  name: z.string().max(300).optional(),
  site: z.string().min(1).max(40),
  seenAt: IsoDateTime,
});

/** The small records of `meta` a backup keeps; caches (none yet) are rebuilt, never backed up. */
const MetaRecord = z.discriminatedUnion('key', [
  z.object({
    key: z.literal('dataset'),
    source: z.enum(['demo', 'import', 'restore']),
    loadedAt: IsoDateTime,
    shiftedByMs: z.number().finite(),
  }),
  z.object({ key: z.literal('sla'), value: Sla }),
  z.object({ key: z.literal('scoringModel'), value: ScoringModel }),
]);
export const BACKUP_META_KEYS = ['dataset', 'sla', 'scoringModel'] as const;

const uniqueBy =
  <T>(what: string, key: (item: T) => string) =>
  (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const k = key(item);
      if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [i], message: `repeats the ${what} "${k}"` });
      seen.add(k);
    });
  };

export const BackupStores = z.object({
  contacts: z.array(Contact).superRefine(uniqueBy('contact id', (c) => c.id)),
  events: z.array(EngagementEvent).superRefine(uniqueBy('event id', (e) => e.id)),
  campaigns: z.array(Campaign).superRefine(uniqueBy('campaign id', (c) => c.id)),
  personas: z.array(Persona).superRefine(uniqueBy('persona id', (p) => p.id)),
  content: z.array(ContentAsset).superRefine(uniqueBy('content id', (a) => a.id)),
  feedback: z.array(Feedback).superRefine(uniqueBy('feedback id', (f) => f.id)),
  usage: z.array(UsageRecord).superRefine(uniqueBy('usage id', (u) => u.id)),
  recentContacts: z.array(RecentContactRecord).superRefine(uniqueBy('recent contact', (r) => r.key)),
  meta: z.array(MetaRecord).superRefine(uniqueBy('meta key', (m) => m.key)),
});
export type BackupStores = z.infer<typeof BackupStores>;
export type BackupStoreName = keyof BackupStores;
export const BACKUP_STORES = Object.keys(BackupStores.shape) as BackupStoreName[];

export const Backup = z
  .object({
    format: z.literal(BACKUP_FORMAT, { message: `is not "${BACKUP_FORMAT}": this file is not a Smarketing Lens backup` }),
    version: z.number().int(),
    /** The database schema version the data was read from. */
    schemaVersion: z.number().int().min(1),
    exportedAt: IsoDateTime,
    stores: BackupStores,
  })
  .superRefine((backup, ctx) => {
    if (backup.version !== BACKUP_VERSION)
      ctx.addIssue({ code: 'custom', path: ['version'], message: `is ${backup.version}, but this Lens reads backup version ${BACKUP_VERSION}` });
    // Events must point at a stored contact, or the restored state would hold orphans the original never had.
    const contacts = new Set(backup.stores.contacts.map((c) => c.id));
    backup.stores.events.forEach((e, i) => {
      if (!contacts.has(e.contactId)) ctx.addIssue({ code: 'custom', path: ['stores', 'events', i, 'contactId'], message: `unknown contact "${e.contactId}"` });
    });
  });
export type Backup = z.infer<typeof Backup>;

export type BackupCheck = { ok: true; backup: Backup } | { ok: false; errors: Array<{ path: string; reason: string }> };

/** Parses a backup file's JSON: the format and version first (a newer backup would drown in other errors), then all. */
export function checkBackup(value: unknown): BackupCheck {
  const fail = (path: string, reason: string): BackupCheck => ({ ok: false, errors: [{ path, reason }] });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('', 'is not a Smarketing Lens backup (a JSON object)');
  const head = value as Record<string, unknown>;
  if (head.format !== BACKUP_FORMAT) return fail('format', `is not "${BACKUP_FORMAT}": this file is not a Smarketing Lens backup`);
  if (head.version !== BACKUP_VERSION)
    return fail(
      'version',
      typeof head.version === 'number' && head.version > BACKUP_VERSION
        ? `is ${head.version}, newer than this Lens reads (${BACKUP_VERSION}): update the extension`
        : `is ${JSON.stringify(head.version)}, but this Lens reads backup version ${BACKUP_VERSION}`,
    );
  const parsed = Backup.safeParse(value);
  if (parsed.success) return { ok: true, backup: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => ({ path: issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, ''), reason: issue.message })),
  };
}
