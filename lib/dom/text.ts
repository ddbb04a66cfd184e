/** Reading values out of host-page elements: attributes, textContent and form values only, nothing that makes the browser lay out the page. */

/** The schema's limit for names, titles and companies (ShortText). */
const MAX_TEXT = 300;

/** Whitespace collapsed and trimmed; undefined when nothing is left. Cut to the schema's limit. */
export function cleanText(value: string | null | undefined, max = MAX_TEXT): string | undefined {
  const text = value?.replace(/\s+/g, ' ').trim();
  return text ? text.slice(0, max).trim() : undefined;
}

/** An element's text (textContent: no layout is computed), cleaned. */
export function textOf(el: Element | null | undefined, max = MAX_TEXT): string | undefined {
  return el ? cleanText(el.textContent, max) : undefined;
}

/** A form control's current value, else the element's text: CRMs show properties either way. */
export function valueOf(el: Element | null | undefined, max = MAX_TEXT): string | undefined {
  if (!el) return undefined;
  // Tag names rather than instanceof: elements may come from another realm (a frame, the page's own world).
  const control = el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' ? el : el.querySelector('input, textarea');
  if (control) return cleanText((control as HTMLInputElement).value, max);
  return textOf(el, max);
}

const EMAIL = /^[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[^\s@<>()"',;:]+$/;

/** A lower-cased address when `value` looks like one (the background's schema has the last word). */
export function asEmail(value: string | null | undefined): string | undefined {
  const email = value?.trim().toLowerCase();
  return email && EMAIL.test(email) ? email : undefined;
}

/** The address of a `mailto:` link (attribute read), without its query; else the link's text. */
export function emailFromLink(el: Element | null | undefined): string | undefined {
  if (!el) return undefined;
  const href = el.getAttribute('href') ?? '';
  if (/^mailto:/i.test(href)) {
    const raw = href.slice(7).split('?')[0] ?? '';
    let decoded = raw;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      // A malformed escape: keep the raw text, the pattern check below still applies.
    }
    const fromHref = asEmail(decoded.split(',')[0]);
    if (fromHref) return fromHref;
  }
  return asEmail(el.textContent);
}
