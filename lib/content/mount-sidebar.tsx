import '../../components/sidebar/sidebar.css';
import { signal } from '@preact/signals';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { Sidebar } from '../../components/sidebar/Sidebar';
import { request } from '../messaging/client';
import type { UsageAction } from '../model/delivery';
import type { SiteAdapter } from '../sites/contact';
import { createFeedbackModel } from './feedback';
import { readSidebarOpen, saveSidebarOpen } from './sidebar-preference';
import { startLensSession } from './session';

const OPEN_WIDTH = 340;
const TAB_WIDTH = 28;

/** One sidebar per tab, in a shadow root, for whichever site adapter the content script was built for. */
export async function mountLensSidebar(ctx: ContentScriptContext, site: SiteAdapter): Promise<void> {
  const open = signal(await readSidebarOpen());
  const copiedId = signal<string | undefined>(undefined);
  const notice = signal<{ id: string; text: string } | undefined>(undefined);
  const say = (id: string, text: string) => {
    notice.value = { id, text };
    ctx.setTimeout(() => {
      if (notice.value?.id === id) notice.value = undefined;
    }, 2500);
  };
  const session = startLensSession({
    site,
    doc: document,
    currentUrl: () => new URL(location.href),
    request,
    signal: ctx.signal,
    version: browser.runtime.getManifest().version,
  });
  const feedback = createFeedbackModel(request, ctx.setTimeout.bind(ctx));
  /** Content usage for marketing's Insights: which recommendations, their rank, for whom. One message per action. */
  const recordUsage = (action: UsageAction, contentIds: readonly string[]) => {
    const state = session.state.value;
    // Company pages have no person to file usage under.
    if (state.kind !== 'ready' || state.view.account) return;
    const { view } = state;
    const items = contentIds.flatMap((contentId) => {
      const rank = view.recommendations.findIndex((r) => r.id === contentId) + 1;
      return rank > 0 ? [{ contentId, rank }] : [];
    });
    if (items.length === 0) return;
    void request('usage.record', { contact: view.identity, action, items, personaId: view.persona?.id, stage: view.stage?.label }).catch(() => undefined);
  };
  // A different person on the page starts a fresh feedback form, and their recommendations count as shown.
  let shownKey: string | undefined;
  session.state.subscribe((state) => {
    const key = state.kind === 'ready' ? state.view.identity.key : undefined;
    if (key === shownKey) return;
    shownKey = key;
    feedback.reset();
    if (state.kind === 'ready') recordUsage('shown', state.view.recommendations.map((r) => r.id));
  });
  const reserve = () => site.reserveSpace(document, open.value ? OPEN_WIDTH : TAB_WIDTH);
  const copy = (text: string) => navigator.clipboard.writeText(text);

  const ui = await createShadowRootUi(ctx, {
    name: 'smarketing-lens',
    position: 'inline',
    anchor: 'body',
    // Keys typed in the sidebar must not reach the site's own shortcuts.
    isolateEvents: true,
    onMount(container) {
      render(
        <Sidebar
          state={session.state}
          stale={session.stale}
          open={open}
          copiedId={copiedId}
          onToggle={(value) => {
            open.value = value;
            reserve();
            void saveSidebarOpen(value);
          }}
          onCopyLink={(item) =>
            void copy(item.url).then(() => {
              copiedId.value = item.id;
              ctx.setTimeout(() => (copiedId.value = undefined), 2000);
              recordUsage('link_copied', [item.id]);
            })
          }
          onOpen={(item) => recordUsage('opened', [item.id])}
          notice={notice}
          onInsert={
            site.insertLink &&
            ((item) => {
              if (!site.insertLink?.(document, { url: item.url, title: item.title })) return say(item.id, 'Open a reply or a new message first');
              say(item.id, 'Inserted');
              recordUsage('inserted', [item.id]);
            })
          }
          onChoose={session.choose}
          onCopyReport={(report) => void copy(report)}
          feedback={{
            state: feedback.state,
            reason: feedback.reason,
            note: feedback.note,
            onVerdict: (verdict) => {
              const state = session.state.value;
              if (state.kind === 'ready' && !session.pending()) void feedback.submit(state.view.identity, state.view.contact.name, verdict);
            },
            onUndo: () => void feedback.undo(),
          }}
        />,
        container,
      );
      return container;
    },
    onRemove(container) {
      if (container) render(null, container);
      site.reserveSpace(document, 0);
    },
  });
  ui.mount();
  reserve();
}
