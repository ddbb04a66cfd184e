/** Small DOM helpers shared by the site adapters. Attribute reads only: no layout, no visible text parsing. */

/** All elements matching any of the selectors (tried in order), deduplicated, in document order per selector. */
export function queryAllFirstMatching(root: ParentNode, selectors: readonly string[]): Element[] {
  for (const css of selectors) {
    const found = root.querySelectorAll(css);
    if (found.length > 0) return Array.from(found);
  }
  return [];
}

export function queryFirst(root: ParentNode, selectors: readonly string[]): Element | null {
  for (const css of selectors) {
    const found = root.querySelector(css);
    if (found) return found;
  }
  return null;
}

/** Hidden by markup (the `hidden` attribute or an inline `display: none` on it or an ancestor); never asks for layout. */
export function isHiddenByMarkup(el: Element): boolean {
  for (let node: Element | null = el; node; node = node.parentElement) {
    if (node.hasAttribute('hidden')) return true;
    if (node instanceof HTMLElement && node.style.display === 'none') return true;
  }
  return false;
}

/**
 * The first element matching any of the selectors (tried in order) that is not inside an element matching
 * `exclude` — for pages that draw other people beside the one shown (preview panels, cached tabs, feeds).
 */
export function queryFirstOutside(root: ParentNode, selectors: readonly string[], exclude: string): Element | null {
  for (const css of selectors) {
    for (const el of root.querySelectorAll(css)) if (!el.closest(exclude)) return el;
  }
  return null;
}

/** A selector spec's `css` (one selector or alternatives) as a list. */
export function selectorList(css: string | readonly string[]): readonly string[] {
  return typeof css === 'string' ? [css] : css;
}
