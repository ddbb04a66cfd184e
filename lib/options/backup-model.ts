import { signal } from '@preact/signals';
import type { RequestFn } from '../messaging/client';
import { createActions } from './action';
import { checkBackup, type Backup } from '../store/backup-schema';

/** Downloads a full backup, and restores one after the user confirmed what it holds. */
export function createBackupModel(request: RequestFn, download: (name: string, text: string, type: string) => void) {
  const pending = signal<{ file: string; backup: Backup; summary: string } | null>(null);
  const errors = signal<Array<{ path: string; reason: string }>>([]);
  const { busy, notice, act } = createActions();

  const summarize = (b: Backup) =>
    `${b.stores.contacts.length} contacts, ${b.stores.events.length} events, ${b.stores.campaigns.length} campaigns, ` +
    `${b.stores.personas.length} personas, ${b.stores.content.length} content assets, ${b.stores.feedback.length} feedback items`;


  return {
    pending,
    errors,
    notice,
    busy,
    download: () =>
      act(async () => {
        const backup = await request('backup.export', {});
        download(`lens-backup-${backup.exportedAt.slice(0, 10)}.json`, JSON.stringify(backup), 'application/json');
        notice.value = { kind: 'ok', text: `Backup downloaded: ${summarize(backup)}. It holds no webhook settings or secrets.` };
      }),
    /** Reads and validates a backup file; nothing changes until confirmRestore. */
    choose: (file: Blob & { readonly name: string }) =>
      act(async () => {
        pending.value = null;
        errors.value = [];
        let value: unknown;
        try {
          value = JSON.parse((await file.text()).replace(/^\ufeff/, ''));
        } catch {
          errors.value = [{ path: '', reason: `${file.name} is not JSON: a Smarketing Lens backup is the .json file "Download backup" wrote` }];
          return;
        }
        const checked = checkBackup(value);
        if (checked.ok) pending.value = { file: file.name, backup: checked.backup, summary: summarize(checked.backup) };
        else errors.value = checked.errors.slice(0, 50);
      }),
    confirmRestore: () =>
      act(async () => {
        const chosen = pending.value;
        if (!chosen) return;
        await request('backup.restore', { backup: chosen.backup });
        pending.value = null;
        notice.value = { kind: 'ok', text: `Restored ${chosen.file}: ${chosen.summary}.` };
      }),
    cancelRestore: () => {
      pending.value = null;
      errors.value = [];
    },
  };
}

export type BackupModel = ReturnType<typeof createBackupModel>;
