import { signal, type Signal } from '@preact/signals';
import type { LensView } from '../engine/lens';
import type { RequestFn } from '../messaging/client';
import type { DetectedContactInput, SiteAdapter } from '../sites/contact';
import { watchContact } from './watch-contact';

export type LensState =
  | { kind: 'none' }
  | { kind: 'loading'; contact: DetectedContactInput }
  | { kind: 'ready'; contact: DetectedContactInput; view: LensView }
  | { kind: 'error'; contact: DetectedContactInput; message: string };

export interface LensSession {
  state: Signal<LensState>;
}

/** Ties page detection to the background's lens: one lookup per person change, late answers for old pages dropped. */
export function startLensSession(options: {
  site: SiteAdapter;
  doc: Document;
  currentUrl: () => URL;
  request: RequestFn;
  signal: AbortSignal;
}): LensSession {
  const state = signal<LensState>({ kind: 'none' });
  let generation = 0;

  const show = async (contact: DetectedContactInput | null) => {
    const current = ++generation;
    if (!contact) {
      state.value = { kind: 'none' };
      await options.request('lens.clear', {}).catch(() => undefined);
      return;
    }
    state.value = { kind: 'loading', contact };
    try {
      const view = await options.request('lens.lookup', { contact });
      if (current === generation) state.value = { kind: 'ready', contact, view };
    } catch (error) {
      if (current === generation)
        state.value = { kind: 'error', contact, message: error instanceof Error ? error.message : String(error) };
    }
  };

  void watchContact({ site: options.site, doc: options.doc, currentUrl: options.currentUrl, signal: options.signal, onChange: show });
  return { state };
}
