import { signal, type Signal } from '@preact/signals';

export type Notice = { kind: 'ok' | 'error'; text: string } | null;

export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The options page's actions, one at a time: `busy` while one runs, its notice cleared first, and a failure turned
 * into an error notice (on the section's own notice when it has one) instead of an unhandled rejection.
 */
export function createActions() {
  const busy = signal(false);
  const notice = signal<Notice>(null);
  const act = async (work: () => Promise<void>, target: Signal<Notice> = notice) => {
    busy.value = true;
    target.value = null;
    try {
      await work();
    } catch (error) {
      target.value = { kind: 'error', text: errorText(error) };
    } finally {
      busy.value = false;
    }
  };
  return { busy, notice, act };
}
