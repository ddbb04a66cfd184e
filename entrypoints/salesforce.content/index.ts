import { defineContentScript } from 'wxt/utils/define-content-script';
import { mountLensSidebar } from '../../lib/content/mount-sidebar';
import { customHostsForThisPage } from '../../lib/content/site-settings';
import { createSalesforceSite } from '../../lib/sites/salesforce';
import { isLightningApp } from '../../lib/sites/salesforce/urls';

// Also registered by the background for custom Salesforce hosts (options page, e.g. a My Domain outside
// lightning.force.com), which the adapter is then told to serve.
export default defineContentScript({
  matches: ['https://*.lightning.force.com/*'],
  cssInjectionMode: 'ui',
  main: async (ctx) => mountLensSidebar(ctx, createSalesforceSite(await customHostsForThisPage('salesforce', (url) => isLightningApp(url)))),
});
