import { signal, type Signal } from '@preact/signals';
import { redactedStructure, redactedUrl } from '../dom/redact';
import type { LensView } from '../engine/lens';
import type { ContactIdentity } from '../model/identity';
import type { RequestFn } from '../messaging/client';
import type { DetectedContactInput, Participant, SiteAdapter } from '../sites/contact';
import { watchContact } from './watch-contact';

export type LensState =
  | { kind: 'none' }
  | { kind: 'loading'; contact: DetectedContactInput }
  | { kind: 'ready'; contact: DetectedContactInput; view: LensView & { identity: ContactIdentity } }
  | { kind: 'error'; contact: DetectedContactInput; message: string }
  /** The URL promises a person, but the page's markup is not what Lens knows. */
  | { kind: 'unrecognized'; report: string };

export interface LensSession {
  state: Signal<LensState>;
  /** Another person's lens is on its way and slow to come: what is shown is dimmed (visual only). */
  stale: Signal<boolean>;
  /** Another person's lens is on its way: what is shown is about to change and takes no action. */
  pending(): boolean;
  /** Shows another person from the same page (several external people in one thread). */
  choose(person: Participant): void;
}

export interface LensSessionOptions {
  site: SiteAdapter;
  doc: Document;
  currentUrl: () => URL;
  request: RequestFn;
  signal: AbortSignal;
  /** How long the page must stay without a person before Lens says it cannot read it. */
  settleMs?: number;
  /** Answers faster than this replace the previous lens directly, without a "Loading…" flash in between. */
  loadingDelayMs?: number;
  /** Answers faster than this replace the previous lens without dimming it first. */
  dimDelayMs?: number;
  version?: string;
}

/** Ties page detection to the background's lens: one lookup per person change, late answers for old pages dropped. */
export function startLensSession(options: LensSessionOptions): LensSession {
  const state = signal<LensState>({ kind: 'none' });
  const stale = signal(false);
  let generation = 0;
  let healthTimer: ReturnType<typeof setTimeout> | undefined;
  options.signal.addEventListener('abort', () => clearTimeout(healthTimer));

  let loadingTimer: ReturnType<typeof setTimeout> | undefined;
  let dimTimer: ReturnType<typeof setTimeout> | undefined;
  let pending = false;
  options.signal.addEventListener('abort', () => {
    clearTimeout(loadingTimer);
    clearTimeout(dimTimer);
  });

  // Whatever is shown next is current again.
  state.subscribe(() => {
    clearTimeout(dimTimer);
    stale.value = false;
  });

  const lookup = async (contact: DetectedContactInput) => {
    const current = ++generation;
    clearTimeout(loadingTimer);
    clearTimeout(dimTimer);
    const previous = state.value;
    const showLoading = () => {
      if (current === generation) state.value = { kind: 'loading', contact };
    };
    // Going from one person to the next, keep the page still for a moment: re-rendering twice (loading, then the
    // new lens) costs the host page more than the brief wait, and a fast answer never shows "Loading…".
    // Nor is it dimmed unless the answer is slow enough to be seen waiting: a warm answer takes a few ms, and
    // dimming then undimming would touch the host page's DOM twice for nothing. Verdicts wait either way.
    pending = true;
    if (previous.kind === 'ready') {
      dimTimer = setTimeout(() => current === generation && (stale.value = true), options.dimDelayMs ?? 50);
      loadingTimer = setTimeout(showLoading, options.loadingDelayMs ?? 120);
    } else showLoading();
    try {
      const view = await options.request('lens.lookup', { contact });
      if (current === generation) {
        clearTimeout(loadingTimer);
        pending = false;
        state.value = { kind: 'ready', contact, view };
      }
    } catch (error) {
      clearTimeout(loadingTimer);
      if (current === generation) {
        pending = false;
        state.value = { kind: 'error', contact, message: error instanceof Error ? error.message : String(error) };
      }
    }
  };

  const checkHealth = () => {
    const { site, doc } = options;
    const url = options.currentUrl();
    if (!site.layoutUnrecognized?.(doc, url)) return;
    const root = site.findObservedRoot(doc) ?? doc.body;
    const report = [
      `Smarketing Lens ${options.version ?? ''} could not find a person on a ${site.id} page.`,
      `Page: ${redactedUrl(url)}`,
      `Checked: ${new Date().toISOString()}`,
      'Structure (no text, no names, no addresses):',
      redactedStructure(root),
    ].join('\n');
    state.value = { kind: 'unrecognized', report };
  };

  const onChange = (contact: DetectedContactInput | null) => {
    clearTimeout(healthTimer);
    if (contact) return void lookup(contact);
    generation++;
    pending = false;
    state.value = { kind: 'none' };
    void options.request('lens.clear', {}).catch(() => undefined);
    if (options.site.layoutUnrecognized) healthTimer = setTimeout(checkHealth, options.settleMs ?? 3000);
  };

  void watchContact({ site: options.site, doc: options.doc, currentUrl: options.currentUrl, signal: options.signal, onChange });

  return {
    state,
    stale,
    pending: () => pending,
    choose(person) {
      const current = state.value;
      if (current.kind !== 'ready' && current.kind !== 'error') return;
      const { contact } = current;
      const everyone: Participant[] = [...(contact.email ? [{ email: contact.email, name: contact.name }] : []), ...(contact.others ?? [])];
      void lookup({
        ...contact,
        email: person.email,
        name: person.name,
        // What the page said about the first person is not true of the next one.
        title: undefined,
        company: undefined,
        location: undefined,
        others: everyone.filter((p) => p.email !== person.email),
      });
    },
  };
}
