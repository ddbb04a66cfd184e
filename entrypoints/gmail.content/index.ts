import { defineContentScript } from 'wxt/utils/define-content-script';
import { mountLensSidebar } from '../../lib/content/mount-sidebar';
import { followTeamDomains } from '../../lib/content/site-settings';
import { createGmailSite } from '../../lib/sites/gmail';

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  cssInjectionMode: 'ui',
  // The team's own domains (options page) are never the prospect; kept current while the tab is open.
  main: async (ctx) => mountLensSidebar(ctx, createGmailSite(await followTeamDomains(ctx.signal))),
});
