import { defineContentScript } from 'wxt/utils/define-content-script';
import { mountLensSidebar } from '../../lib/content/mount-sidebar';
import { linkedinSite } from '../../lib/sites/linkedin';

// All of linkedin.com: profiles are reached by in-page navigation from anywhere on the site.
export default defineContentScript({
  matches: ['https://www.linkedin.com/*'],
  cssInjectionMode: 'ui',
  main: (ctx) => mountLensSidebar(ctx, linkedinSite),
});
