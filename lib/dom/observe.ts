/** Waiting on and watching the host page without polling: every wait ends on its timeout or on abort. */

export interface WaitOptions {
  signal: AbortSignal;
  timeoutMs: number;
}

/** Resolves with the element once `find` returns one, or null on timeout or abort. */
export function waitForElement(doc: Document, find: () => Element | null, { signal, timeoutMs }: WaitOptions): Promise<Element | null> {
  const found = find();
  if (found || signal.aborted) return Promise.resolve(found);
  return new Promise((resolve) => {
    const finish = (value: Element | null) => {
      observer.disconnect();
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(value);
    };
    const onAbort = () => finish(null);
    const observer = new MutationObserver(() => {
      const el = find();
      if (el) finish(el);
    });
    const timer = setTimeout(() => finish(null), timeoutMs);
    signal.addEventListener('abort', onAbort);
    observer.observe(doc.documentElement, { childList: true, subtree: true });
  });
}

/**
 * Calls `onChange` once per burst of mutations under `root` (trailing debounce), until aborted.
 * Returns a function that reports whether `root` is still in the document.
 */
export function watchSubtree(
  root: Element,
  onChange: () => void,
  { signal, debounceMs, attributes = [] }: { signal: AbortSignal; debounceMs: number; attributes?: readonly string[] },
) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const observer = new MutationObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  });
  // Views are swapped (childList) or shown and hidden through inline styles and `hidden`; sites may also rewrite
  // the attributes that name a person in place.
  observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['style', 'hidden', 'role', ...attributes] });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    clearTimeout(timer);
  });
}
