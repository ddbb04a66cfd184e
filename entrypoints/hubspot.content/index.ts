import { defineContentScript } from 'wxt/utils/define-content-script';
import { mountLensSidebar } from '../../lib/content/mount-sidebar';
import { hubspotSite } from '../../lib/sites/hubspot';

// app.hubspot.com and the regional app-<region>.hubspot.com hosts; the adapter checks the exact URL.
export default defineContentScript({
  matches: ['https://*.hubspot.com/*'],
  cssInjectionMode: 'ui',
  main: (ctx) => mountLensSidebar(ctx, hubspotSite),
});
