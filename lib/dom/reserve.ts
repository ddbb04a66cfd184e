/** Making room for the sidebar on a host page, through one style element Lens owns. */

const STYLE_ID = 'smarketing-lens-reserve';

export interface ReserveOptions {
  /**
   * Fixed bars that span the viewport (a site's top navigation): body margins do not move them, so each is
   * narrowed to leave the sidebar's width free on the right.
   */
  fixedBars?: readonly string[];
}

/**
 * Narrows the page's body by `widthPx` on the right so the sidebar covers none of the site's controls;
 * 0 gives the space back. Calling it again replaces the previous rule, so it never stacks.
 */
export function reserveRightEdge(doc: Document, widthPx: number, { fixedBars = [] }: ReserveOptions = {}): void {
  let style = doc.getElementById(STYLE_ID);
  if (!style) {
    style = doc.createElement('style');
    style.id = STYLE_ID;
    (doc.head ?? doc.documentElement).append(style);
  }
  if (widthPx <= 0) {
    style.textContent = '';
    return;
  }
  const rules = [`html > body { margin-right: ${widthPx}px !important; }`];
  if (fixedBars.length > 0) rules.push(`${fixedBars.join(', ')} { max-width: calc(100vw - ${widthPx}px) !important; }`);
  style.textContent = rules.join('\n');
}
