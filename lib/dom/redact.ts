/**
 * A picture of a page's structure for a bug report, with nothing personal in it: tag names, class names, the names
 * of attributes, and values only of a few attributes that describe structure. No text, no addresses, no names.
 */

/** Attributes whose values describe structure, never a person. */
const STRUCTURAL_VALUES = new Set(['role', 'type', 'dir', 'hidden', 'aria-hidden', 'aria-expanded', 'contenteditable', 'data-view-name', 'data-selenium-test', 'data-test-id', 'data-testid']);

export interface RedactOptions {
  maxNodes?: number;
  maxDepth?: number;
}

function describe(el: Element): string {
  const classes = [...el.classList].slice(0, 6).map((c) => `.${c}`).join('');
  const attrs = [...el.attributes]
    .filter((a) => a.name !== 'class' && a.name !== 'id')
    .map((a) => {
      if (a.name === 'style') return /display:\s*none/.test(a.value) ? '[style=display:none]' : '[style]';
      return STRUCTURAL_VALUES.has(a.name) ? `[${a.name}=${JSON.stringify(a.value.slice(0, 40))}]` : `[${a.name}]`;
    })
    .join('');
  return `${el.tagName.toLowerCase()}${classes}${attrs}`;
}

/** The tree under `root`, one element a line, indented by depth; cut at maxNodes / maxDepth. */
export function redactedStructure(root: Element, { maxNodes = 600, maxDepth = 40 }: RedactOptions = {}): string {
  const lines: string[] = [];
  const walk = (el: Element, depth: number) => {
    if (lines.length >= maxNodes) return;
    if (el.tagName === 'SCRIPT' || el.tagName === 'STYLE' || el.tagName === 'SVG') return;
    lines.push(`${'  '.repeat(depth)}${describe(el)}`);
    if (depth >= maxDepth) return;
    for (const child of el.children) walk(child, depth + 1);
  };
  walk(root, 0);
  if (lines.length >= maxNodes) lines.push(`… cut at ${maxNodes} elements`);
  return lines.join('\n');
}

/** The URL without what identifies a person or a message: ids and numbers become placeholders, no query. */
export function redactedUrl(url: URL): string {
  const scrub = (part: string) =>
    part
      .split('/')
      .map((seg) => (/\d/.test(seg) || seg.length > 24 ? '…' : seg))
      .join('/');
  return `${url.origin}${scrub(url.pathname)}${url.hash ? `#${scrub(url.hash.slice(1))}` : ''}`;
}
