import { defineContentScript } from 'wxt/utils/define-content-script';
import { mountLensSidebar } from '../../lib/content/mount-sidebar';
import { gmailSite } from '../../lib/sites/gmail';

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  cssInjectionMode: 'ui',
  main: (ctx) => mountLensSidebar(ctx, gmailSite),
});
