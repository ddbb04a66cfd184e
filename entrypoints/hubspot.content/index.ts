import { defineContentScript } from 'wxt/utils/define-content-script';
import { mountLensSidebar } from '../../lib/content/mount-sidebar';
import { customHostsForThisPage } from '../../lib/content/site-settings';
import { createHubspotSite } from '../../lib/sites/hubspot';
import { isHubspotApp } from '../../lib/sites/hubspot/urls';

// app.hubspot.com and the regional app-<region>.hubspot.com hosts; the adapter checks the exact URL. The background
// also registers this script for custom HubSpot hosts (options page), which the adapter is then told to serve.
export default defineContentScript({
  matches: ['https://*.hubspot.com/*'],
  cssInjectionMode: 'ui',
  main: async (ctx) => mountLensSidebar(ctx, createHubspotSite(await customHostsForThisPage('hubspot', (url) => isHubspotApp(url)))),
});
