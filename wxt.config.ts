import { defineConfig } from 'wxt';

/** Firefox wants an add-on id and a statement of data collection: Lens collects nothing. */
const FIREFOX_SETTINGS = {
  browser_specific_settings: {
    gecko: {
      id: 'smarketing-lens@smarketing-lens.example',
      strict_min_version: '115.0',
      data_collection_permissions: { required: ['none'] },
    },
  },
};

/** Origins asked for at run time: marketing's webhook and custom CRM hosts (https; http only on this machine). */
const OPTIONAL_ORIGINS = ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'];

/**
 * Test builds whose manifest grants a custom CRM host up front (`npm run build:custom-crm`): the permission prompt
 * never settles in headless Chromium, so the e2e of custom CRM domains cannot be granted one at run time.
 */
const TEST_HOST_PERMISSIONS: Record<string, string[]> = { 'custom-crm': ['https://crm.lumenary-test.example/*'] };

// Static host permissions stay limited to the sites Lens reads (content-script matches); see README "Permissions".
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: ({ browser, mode, manifestVersion }) => ({
    name: 'Smarketing Lens',
    description:
      "Marketing's context beside the sales tools you already use: lead score, campaign history, persona and content to send, plus one-click lead-quality feedback.",
    // `scripting`: content scripts registered at run time for the custom CRM hosts the user adds (and grants).
    permissions: ['storage', 'alarms', 'scripting'],
    // Marketing's webhook origin and custom CRM hosts are asked for at run time, only when the user sets one.
    // (MV2, Firefox's default, has no optional_host_permissions: the same origins go in optional_permissions.)
    ...(manifestVersion === 2 ? { optional_permissions: OPTIONAL_ORIGINS } : { optional_host_permissions: OPTIONAL_ORIGINS }),
    ...(TEST_HOST_PERMISSIONS[mode] ? { host_permissions: TEST_HOST_PERMISSIONS[mode] } : {}),
    // The CRM sidebars load their stylesheet into their shadow root by URL, and on a custom CRM host (registered at
    // run time, any https host) that URL must be web-accessible. Only the three stylesheets, and only through the
    // per-session dynamic URL, which pages cannot guess: no page can probe for Lens with them.
    web_accessible_resources: [
      {
        resources: ['content-scripts/hubspot.css', 'content-scripts/salesforce.css', 'content-scripts/pipedrive.css'],
        matches: ['https://*/*'],
        use_dynamic_url: true,
      },
    ],
    action: { default_title: 'Smarketing Lens' },
    ...(browser === 'firefox' ? FIREFOX_SETTINGS : {}),
  }),
  vite: () => ({
    // Preact's JSX runtime through Vite's own transformer: no Babel-based plugin needed.
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    // The options page's import worker (lib/options/parallel-import.ts) is a module worker.
    worker: { format: 'es' },
  }),
});
