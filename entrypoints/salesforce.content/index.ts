import { defineContentScript } from 'wxt/utils/define-content-script';
import { mountLensSidebar } from '../../lib/content/mount-sidebar';
import { salesforceSite } from '../../lib/sites/salesforce';

export default defineContentScript({
  matches: ['https://*.lightning.force.com/*'],
  cssInjectionMode: 'ui',
  main: (ctx) => mountLensSidebar(ctx, salesforceSite),
});
