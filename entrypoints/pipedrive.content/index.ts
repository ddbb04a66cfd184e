import { defineContentScript } from 'wxt/utils/define-content-script';
import { mountLensSidebar } from '../../lib/content/mount-sidebar';
import { customHostsForThisPage } from '../../lib/content/site-settings';
import { createPipedriveSite } from '../../lib/sites/pipedrive';
import { isPipedriveApp } from '../../lib/sites/pipedrive/urls';

// Also registered by the background for custom Pipedrive hosts (options page), which the adapter is then told to serve.
export default defineContentScript({
  matches: ['https://*.pipedrive.com/*'],
  cssInjectionMode: 'ui',
  main: async (ctx) => mountLensSidebar(ctx, createPipedriveSite(await customHostsForThisPage('pipedrive', (url) => isPipedriveApp(url)))),
});
