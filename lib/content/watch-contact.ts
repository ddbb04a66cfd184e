import { waitForElement, watchSubtree } from '../dom/observe';
import type { DetectedContactInput, SiteAdapter } from '../sites/contact';

export interface WatchContactOptions {
  site: SiteAdapter;
  doc: Document;
  currentUrl: () => URL;
  signal: AbortSignal;
  /** Called with the contact whenever the person on the page changes (null: no one). */
  onChange: (contact: DetectedContactInput | null) => void;
  debounceMs?: number;
  /** How long to wait for the site's app to draw its main area before giving up. */
  rootTimeoutMs?: number;
}

/** Same person, same page context: nothing to send again. */
function sameContact(a: DetectedContactInput | null, b: DetectedContactInput | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.site === b.site &&
    a.pageKind === b.pageKind &&
    a.email === b.email &&
    a.linkedinSlug === b.linkedinSlug &&
    a.crm?.id === b.crm?.id &&
    a.company === b.company &&
    a.topicHint === b.topicHint
  );
}

/**
 * Follows the DOM, not the URL: sites such as Gmail change the URL before they draw the next view.
 * Observers scoped to the site's main area (and extra areas such as compose windows); if the site rebuilds its
 * main area, it is found again.
 */
export async function watchContact(options: WatchContactOptions): Promise<void> {
  const { site, doc, signal } = options;
  let last: DetectedContactInput | null = null;
  let first = true;
  const detect = () => {
    if (signal.aborted) return;
    const contact = site.detect(doc, options.currentUrl());
    if (first || !sameContact(last, contact)) {
      first = false;
      last = contact;
      options.onChange(contact);
    }
  };

  // New settings (the team's domains) can change who the prospect is without any change to the page.
  site.onSettingsChange?.(detect, signal);

  while (!signal.aborted) {
    const root = await waitForElement(doc, () => site.findObservedRoot(doc), { signal, timeoutMs: options.rootTimeoutMs ?? 60_000 });
    if (!root) {
      detect();
      return;
    }
    detect();
    const scope = new AbortController();
    const stop = () => scope.abort();
    signal.addEventListener('abort', stop, { once: true });
    // When the site replaces the whole area, start over and find its new root.
    await new Promise<void>((resolve) => {
      scope.signal.addEventListener('abort', () => resolve(), { once: true });
      const watch = { signal: scope.signal, debounceMs: options.debounceMs ?? 40, attributes: site.watchedAttributes };
      watchSubtree(root, detect, watch);
      for (const extra of site.findExtraRoots?.(doc) ?? []) watchSubtree(extra, detect, watch);
      const parent = root.parentNode;
      if (!parent) return scope.abort();
      const removal = new MutationObserver(() => {
        if (!root.isConnected) scope.abort();
      });
      removal.observe(parent, { childList: true });
      scope.signal.addEventListener('abort', () => removal.disconnect(), { once: true });
    });
    signal.removeEventListener('abort', stop);
  }
}
