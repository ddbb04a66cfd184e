import '../../components/sidebar/sidebar.css';
import { signal } from '@preact/signals';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { Sidebar } from '../../components/sidebar/Sidebar';
import { request } from '../messaging/client';
import { sidebarOpenSetting } from '../settings';
import type { UsageAction } from '../model/delivery';
import type { ContactIdentity } from '../model/identity';
import type { SiteAdapter } from '../sites/contact';
import { createFeedbackModel } from './feedback';
import { startLensSession } from './session';

const OPEN_WIDTH = 340;
const TAB_WIDTH = 28;

/** One sidebar per tab, in a shadow root, for whichever site adapter the content script was built for. */
export async function mountLensSidebar(ctx: ContentScriptContext, site: SiteAdapter): Promise<void> {
  const open = signal(await sidebarOpenSetting.getValue());
  const copiedId = signal<string | undefined>(undefined);
  const session = startLensSession({
    site,
    doc: document,
    currentUrl: () => new URL(location.href),
    request,
    signal: ctx.signal,
    version: browser.runtime.getManifest().version,
  });
  const feedback = createFeedbackModel(request, ctx.setTimeout.bind(ctx));
  // A different person on the page starts a fresh feedback form.
  let shownKey: string | undefined;
  session.state.subscribe((state) => {
    const key = state.kind === 'ready' ? state.view.identity.key : undefined;
    if (key !== shownKey) {
      feedback.reset();
      // Marketing learns which recommendations reps saw, to tell ignored content from unseen content.
      if (state.kind === 'ready')
        state.view.recommendations.forEach((item, i) => void recordUsage(state.view.identity, item.id, 'shown', i + 1));
    }
    shownKey = key;
  });
  const recordUsage = (contact: ContactIdentity, contentId: string, action: UsageAction, rank: number) =>
    request('usage.record', { contact, contentId, action, rank }).catch(() => undefined);
  const rankOf = (id: string) => {
    const state = session.state.value;
    return state.kind === 'ready' ? { identity: state.view.identity, rank: state.view.recommendations.findIndex((r) => r.id === id) + 1 } : undefined;
  };
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
          open={open}
          copiedId={copiedId}
          onToggle={(value) => {
            open.value = value;
            reserve();
            void sidebarOpenSetting.setValue(value);
          }}
          onCopyLink={(item) =>
            void copy(item.url).then(() => {
              copiedId.value = item.id;
              ctx.setTimeout(() => (copiedId.value = undefined), 2000);
              const at = rankOf(item.id);
              if (at && at.rank > 0) void recordUsage(at.identity, item.id, 'link_copied', at.rank);
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
              if (state.kind === 'ready') void feedback.submit(state.view.identity, state.view.contact.name, verdict);
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
