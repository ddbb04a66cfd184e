import '../../components/sidebar/sidebar.css';
import { signal } from '@preact/signals';
import { render } from 'preact';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { Sidebar } from '../../components/sidebar/Sidebar';
import { startLensSession } from '../../lib/content/session';
import { request } from '../../lib/messaging/client';
import { sidebarOpenSetting } from '../../lib/settings';
import { gmailSite } from '../../lib/sites/gmail';

const OPEN_WIDTH = 340;
const TAB_WIDTH = 28;

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  cssInjectionMode: 'ui',
  async main(ctx) {
    const open = signal(await sidebarOpenSetting.getValue());
    const copiedId = signal<string | undefined>(undefined);
    const session = startLensSession({
      site: gmailSite,
      doc: document,
      currentUrl: () => new URL(location.href),
      request,
      signal: ctx.signal,
    });
    const reserve = () => gmailSite.reserveSpace(document, open.value ? OPEN_WIDTH : TAB_WIDTH);

    const ui = await createShadowRootUi(ctx, {
      name: 'smarketing-lens',
      position: 'inline',
      anchor: 'body',
      isolateEvents: true,
      onMount(container) {
        const app = () => (
          <Sidebar
            state={session.state}
            open={open}
            copiedId={copiedId}
            onToggle={(value) => {
              open.value = value;
              reserve();
              void sidebarOpenSetting.setValue(value);
            }}
            onCopyLink={(item) => {
              void navigator.clipboard.writeText(item.url).then(() => {
                copiedId.value = item.id;
                ctx.setTimeout(() => (copiedId.value = undefined), 2000);
              });
            }}
          />
        );
        render(app(), container);
        return container;
      },
      onRemove(container) {
        if (container) render(null, container);
        gmailSite.reserveSpace(document, 0);
      },
    });
    ui.mount();
    reserve();
  },
});
