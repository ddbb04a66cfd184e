import { GMAIL } from './selectors';

/** The compose bodies on the page: new-message windows and inline replies. */
function composeBodies(doc: Document): HTMLElement[] {
  return [...doc.querySelectorAll<HTMLElement>(GMAIL.composeBody.css)];
}

/**
 * Inserts `title` as a link to `url` where the rep is writing: at the caret when it is in a compose body (clicking
 * a sidebar button keeps the page's selection), otherwise at the end of the newest compose body. Built with DOM
 * nodes, never from an HTML string; Gmail hears an `input` event as if the rep had typed it.
 */
export function insertLinkIntoCompose(doc: Document, link: { url: string; title: string }): boolean {
  const bodies = composeBodies(doc);
  if (bodies.length === 0) return false;
  const anchor = doc.createElement('a');
  anchor.href = link.url;
  anchor.textContent = link.title;

  const selection = doc.getSelection();
  const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
  const target = range ? bodies.find((body) => body.contains(range.commonAncestorContainer)) : undefined;
  let body: HTMLElement;
  if (range && target) {
    body = target;
    range.deleteContents();
    range.insertNode(anchor);
  } else {
    body = bodies[bodies.length - 1]!;
    body.append(anchor);
  }
  const after = doc.createTextNode(' ');
  anchor.after(after);
  // Leave the caret after the link so the rep can keep typing.
  if (selection) {
    const caret = doc.createRange();
    caret.setStartAfter(after);
    caret.collapse(true);
    selection.removeAllRanges();
    selection.addRange(caret);
  }
  body.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertLink' }));
  return true;
}
