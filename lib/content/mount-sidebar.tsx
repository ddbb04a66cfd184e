import '../../components/sidebar/sidebar.css';
import { signal } from '@preact/signals';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { Sidebar } from '../../components/sidebar/Sidebar';
import { request } from '../messaging/client';
import { sidebarOpenSetting } from '../settings';
import type { SiteAdapter } from '../sites/contact';
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
            })
          }
          onChoose={session.choose}
          onCopyReport={(report) => void copy(report)}
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
