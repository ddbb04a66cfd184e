import { insertLinkIntoCompose } from '../../lib/sites/gmail/insert';
import { loadFixture } from './helpers';

function page(name: string) {
  const doc = loadFixture(name);
  document.body.replaceChildren(...[...doc.body.childNodes].map((n) => document.importNode(n, true)));
  return document.querySelector<HTMLElement>('[role="textbox"][contenteditable="true"]');
}
const link = { url: 'https://lumenary.example/pricing', title: 'Lumenary Pricing & Packaging 2026' };

describe('inserting a link into a Gmail message', () => {
  it('puts it at the caret, as a link built from nodes, and tells Gmail', () => {
    const body = page('2026-11-20-compose.html')!;
    body.append(document.createTextNode('Hi Raj, here is our pricing: '), document.createTextNode('Best, Sam'));
    const range = document.createRange();
    range.setStart(body.childNodes[1]!, 0);
    range.collapse(true);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
    const heard: string[] = [];
    body.addEventListener('input', (e) => heard.push((e as InputEvent).inputType));

    expect(insertLinkIntoCompose(document, link)).toBe(true);
    const a = body.querySelector('a')!;
    expect(a.getAttribute('href')).toBe(link.url);
    expect(a.textContent).toBe(link.title);
    expect(body.textContent).toBe('Hi Raj, here is our pricing: Lumenary Pricing & Packaging 2026 Best, Sam');
    expect(heard).toEqual(['insertLink']);
  });

  it('appends to the message when the caret is elsewhere, and writes a title that looks like HTML as text', () => {
    const body = page('2026-11-20-compose.html')!;
    document.getSelection()!.removeAllRanges();
    expect(insertLinkIntoCompose(document, { ...link, title: '<b>bold</b>' })).toBe(true);
    expect(body.querySelector('b')).toBeNull();
    expect(body.querySelector('a')?.textContent).toBe('<b>bold</b>');
  });

  it('does nothing when no message is being written', () => {
    expect(page('2026-11-20-inbox.html')).toBeNull();
    expect(insertLinkIntoCompose(document, link)).toBe(false);
  });
});
