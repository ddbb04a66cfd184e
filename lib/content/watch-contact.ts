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
  /** What is observed now, and the observers' scope. */
  let root: Element | null = null;
  let scope: AbortController | undefined;
  let started = false;
  const debounceMs = options.debounceMs ?? 40;
  const detect = () => {
    if (signal.aborted) return;
    const contact = site.detect(doc, options.currentUrl());
    if (first || !sameContact(last, contact)) {
      first = false;
      last = contact;
      options.onChange(contact);
    }
    // A site may start on a fallback root (the body) and offer a narrower one once its app has drawn it (or the
    // other way round after a navigation): observe that one instead.
    const wanted = site.findObservedRoot(doc);
    if (scope && wanted && wanted !== root) scope.abort();
  };

  // New settings (the team's domains) can change who the prospect is without any change to the page.
  site.onSettingsChange?.(detect, signal);

  while (!signal.aborted) {
    const found = await waitForElement(doc, () => site.findObservedRoot(doc), { signal, timeoutMs: options.rootTimeoutMs ?? 60_000 });
    scope = undefined;
    root = found;
    if (!found) {
      detect();
      return;
    }
    const current = new AbortController();
    const stop = () => current.abort();
    signal.addEventListener('abort', stop, { once: true });
    if (started) {
      // A new area mid-navigation may still be drawing: detect once the burst is over, like any other change.
      const timer = setTimeout(detect, debounceMs);
      current.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
    } else detect();
    started = true;
    scope = current;
    // When the site replaces the whole area, or offers another one, start over and find its root.
    await new Promise<void>((resolve) => {
      current.signal.addEventListener('abort', () => resolve(), { once: true });
      if (site.findObservedRoot(doc) !== found) return current.abort(); // changed while the first detection ran
      const watch = { signal: current.signal, debounceMs, attributes: site.watchedAttributes };
      watchSubtree(found, detect, watch);
      for (const extra of site.findExtraRoots?.(doc) ?? []) watchSubtree(extra, detect, watch);
      const parent = found.parentNode;
      if (!parent) return current.abort();
      const removal = new MutationObserver(() => {
        if (!found.isConnected) current.abort();
      });
      removal.observe(parent, { childList: true });
      current.signal.addEventListener('abort', () => removal.disconnect(), { once: true });
    });
    signal.removeEventListener('abort', stop);
  }
}
