import { defineContentScript } from 'wxt/utils/define-content-script';
import { mountLensSidebar } from '../../lib/content/mount-sidebar';
import { pipedriveSite } from '../../lib/sites/pipedrive';

export default defineContentScript({
  matches: ['https://*.pipedrive.com/*'],
  cssInjectionMode: 'ui',
  main: (ctx) => mountLensSidebar(ctx, pipedriveSite),
});
