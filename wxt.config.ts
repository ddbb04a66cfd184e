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

// Static host permissions stay limited to the sites Lens reads (content-script matches); see README "Permissions".
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: 'Smarketing Lens',
    description:
      "Marketing's context beside the sales tools you already use: lead score, campaign history, persona and content to send, plus one-click lead-quality feedback.",
    permissions: ['storage', 'alarms'],
    // Marketing's webhook origin is asked for at run time, only when the user sets one.
    optional_host_permissions: ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'],
    action: { default_title: 'Smarketing Lens' },
    ...(browser === 'firefox' ? FIREFOX_SETTINGS : {}),
  }),
  vite: () => ({
    // Preact's JSX runtime through Vite's own transformer: no Babel-based plugin needed.
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  }),
});
