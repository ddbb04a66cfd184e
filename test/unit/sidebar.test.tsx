import { signal } from '@preact/signals';
import { options, render } from 'preact';
import { Sidebar } from '../../components/sidebar/Sidebar';
import type { LensState } from '../../lib/content/session';
import type { LensView } from '../../lib/engine/lens';
import type { FeedbackState } from '../../lib/content/feedback';
import type { FeedbackReason, Verdict } from '../../lib/model/feedback';

function mount(state: LensState, open = true) {
  const container = document.createElement('div');
  document.body.replaceChildren(container);
  const props = {
    state: signal(state),
    stale: signal(false),
    open: signal(open),
    copiedId: signal<string | undefined>(undefined),
    onToggle: vi.fn<(open: boolean) => void>(),
    onCopyLink: vi.fn<(item: LensView['recommendations'][number]) => void>(),
    onOpen: vi.fn<(item: LensView['recommendations'][number]) => void>(),
    notice: signal<{ id: string; text: string } | undefined>(undefined),
    onChoose: vi.fn<(person: { email: string; name?: string }) => void>(),
    onCopyReport: vi.fn<(report: string) => void>(),
    feedback: {
      state: signal<FeedbackState>({ kind: 'idle' }),
      reason: signal<FeedbackReason | undefined>(undefined),
      note: signal(''),
      onVerdict: vi.fn<(verdict: Verdict) => void>(),
      onUndo: vi.fn<() => void>(),
    },
  };
  render(<Sidebar {...props} />, container);
  return { container, props };
}

const contact = { site: 'gmail' as const, pageKind: 'conversation' as const, email: 'x@y.example', name: '<img src=x onerror=alert(1)>' };
const unknownView: LensView & { identity: { key: string; email: string } } = {
  identity: { key: 'x@y.example', email: 'x@y.example' },
  contact: { email: 'x@y.example', name: '<img src=x onerror=alert(1)>' },
  known: false,
  campaignTouches: [],
  recommendations: [
    { id: 'a', title: 'Safe', url: 'https://lumenary.example/a', type: 'one_pager', why: 'awareness stage' },
    { id: 'b', title: 'Not a link', url: 'javascript:alert(1)', type: 'case_study', why: 'awareness stage' },
  ],
};

describe('sidebar', () => {
  it('offers the other people on the page, and says when it cannot read the page', () => {
    const others = [{ email: 'jonah.reyes@northwind.example', name: 'Jonah Reyes' }];
    const ready = mount({ kind: 'ready', contact: { ...contact, others }, view: unknownView });
    const chip = [...ready.container.querySelectorAll<HTMLButtonElement>('.chooser button')];
    expect(chip.map((b) => b.textContent)).toEqual(['Jonah Reyes']);
    chip[0]!.click();
    expect(ready.props.onChoose).toHaveBeenCalledWith(others[0]);

    const broken = mount({ kind: 'unrecognized', report: 'div.nH[role="main"]' });
    expect(broken.container.textContent).toContain("Lens can't find the person on this page");
    [...broken.container.querySelectorAll('button')].find((b) => b.textContent === 'Copy report for support')!.click();
    expect(broken.props.onCopyReport).toHaveBeenCalledWith('div.nH[role="main"]');
  });

  it('is an aside labelled "Smarketing Lens" that collapses to a single button of that name', () => {
    const open = mount({ kind: 'none' });
    const aside = open.container.querySelector('aside');
    expect(aside?.getAttribute('aria-label')).toBe('Smarketing Lens');
    open.container.querySelector<HTMLButtonElement>('button[aria-label="Collapse sidebar"]')!.click();
    expect(open.props.onToggle).toHaveBeenCalledWith(false);

    const closed = mount({ kind: 'none' }, false);
    expect(closed.container.querySelector('aside')).toBeNull();
    const tab = closed.container.querySelector('button')!;
    expect(tab.textContent).toBe('Smarketing Lens');
    tab.click();
    expect(closed.props.onToggle).toHaveBeenCalledWith(true);
  });

  it('shows the contact and "Loading…" while the lens loads', () => {
    const { container } = mount({ kind: 'loading', contact });
    expect(container.querySelector('[role="status"]')?.textContent).toBe('Loading…');
    expect(container.querySelector('.contact-email')?.textContent).toBe('x@y.example');
  });

  it('writes host-page strings as text, and links only http(s) URLs', () => {
    const { container, props } = mount({ kind: 'ready', contact, view: unknownView });
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('.contact-name')?.textContent).toBe('<img src=x onerror=alert(1)>');
    expect([...container.querySelectorAll('h2')].map((h) => h.textContent)).toEqual([
      'Lead score',
      'Campaign history',
      'Persona',
      'Recommended content',
    ]);
    expect(container.textContent).toContain('Not in your marketing data');
    const links = [...container.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).toEqual(['https://lumenary.example/a']);
    container.querySelector<HTMLButtonElement>('.content-list button')!.click();
    expect(props.onCopyLink).toHaveBeenCalledWith(unknownView.recommendations[0]);
  });

  it('says what went wrong when the lens cannot load', () => {
    const { container } = mount({ kind: 'error', contact, message: 'No answer to "lens.lookup" from the background.' });
    expect(container.querySelector('[role="alert"]')?.textContent).toBe(
      `Couldn't load marketing data: No answer to "lens.lookup" from the background.`,
    );
  });
});

describe('sidebar on the host page’s main thread', () => {
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  /** The components Preact re-rendered while `work` ran (public `options.diffed` hook). */
  async function rendered(work: () => void): Promise<string[]> {
    const names: string[] = [];
    const previous = options.diffed;
    options.diffed = (vnode) => {
      if (typeof vnode.type === 'function') names.push(vnode.type.name);
      previous?.(vnode);
    };
    try {
      work();
      await settle();
    } finally {
      options.diffed = previous;
    }
    return names;
  }

  it('dims while the next person loads by changing attributes only, and shows the next person in one pass', async () => {
    const { container, props } = mount({ kind: 'ready', contact, view: unknownView });
    const changes: MutationRecord[] = [];
    const observer = new MutationObserver((records) => changes.push(...records));
    observer.observe(container, { subtree: true, childList: true, characterData: true, attributes: true });

    expect(await rendered(() => (props.stale.value = true))).toEqual([]);
    expect(container.querySelector('.scroll')?.className).toBe('scroll stale');
    expect(container.querySelector('.scroll')?.getAttribute('aria-busy')).toBe('true');
    const verdicts = [...container.querySelectorAll<HTMLButtonElement>('.verdicts button')];
    expect(verdicts.map((b) => b.disabled)).toEqual([true, true, true, true]);
    // No text or element changed: nothing was re-rendered for the dimming.
    expect(changes.filter((c) => c.type !== 'attributes')).toEqual([]);
    expect(new Set(changes.map((c) => c.attributeName))).toEqual(new Set(['class', 'aria-busy', 'disabled']));

    // The next person: the body changes, the feedback form is left as it was, and the dimming goes.
    changes.length = 0;
    const next = { ...unknownView, contact: { email: 'z@y.example', name: 'Next Person' } };
    const names = await rendered(() => {
      props.state.value = { kind: 'ready', contact: { ...contact, email: 'z@y.example', name: 'Next Person' }, view: next };
      props.stale.value = false;
    });
    expect(names).toContain('Body');
    expect(names).not.toContain('Sidebar');
    expect(names).not.toContain('FeedbackBar');
    expect(container.querySelector('.contact-name')?.textContent).toBe('Next Person');
    expect(container.querySelector('.scroll')?.className).toBe('scroll');
    expect(verdicts.every((b) => b.isConnected && !b.disabled)).toBe(true);
    expect(changes.filter((c) => c.target instanceof Node && container.querySelector('.feedback')!.contains(c.target) && c.type !== 'attributes')).toEqual([]);
    observer.disconnect();
  });

  it('disables the verdicts while one is being saved', async () => {
    const { container, props } = mount({ kind: 'ready', contact, view: unknownView });
    props.feedback.state.value = { kind: 'saving', verdict: 'good_fit' };
    await settle();
    expect([...container.querySelectorAll<HTMLButtonElement>('.verdicts button')].every((b) => b.disabled)).toBe(true);
  });
});

describe('disclosure', () => {
  it('builds its content only when opened, and toggles from the summary', async () => {
    const { Disclosure } = await import('../../components/sidebar/Disclosure');
    const { act } = await import('preact/test-utils');
    const built = vi.fn<() => string>(() => 'explanation');
    const container = document.createElement('div');
    document.body.replaceChildren(container);
    act(() => render(<Disclosure summary="Why this score">{() => <p>{built()}</p>}</Disclosure>, container));
    expect(built).not.toHaveBeenCalled();
    expect(container.querySelector('p')).toBeNull();
    act(() => container.querySelector('summary')!.click());
    expect(container.querySelector('details')?.open).toBe(true);
    expect(container.querySelector('p')?.textContent).toBe('explanation');
    act(() => container.querySelector('summary')!.click());
    expect(container.querySelector('p')).toBeNull();
  });
});
