import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { EXTENSION_DIR } from '../../scripts/lens-browser.mjs';

/** The content scripts run on every Gmail, LinkedIn and CRM page: each stays within 25 KB gzipped. */
const BUDGET = 25 * 1024;

describe('built extension', () => {
  it('keeps every content script within its size budget, without zod, idb or the search index', async () => {
    const dir = join(EXTENSION_DIR, 'content-scripts');
    const scripts = (await readdir(dir)).filter((f) => f.endsWith('.js'));
    expect(scripts.toSorted()).toEqual(['gmail.js', 'hubspot.js', 'linkedin.js', 'pipedrive.js', 'salesforce.js']);
    for (const name of scripts) {
      const code = await readFile(join(dir, name));
      const gz = gzipSync(code, { level: 9 }).length;
      console.log(`${name}: ${(code.length / 1024).toFixed(1)} KB, ${(gz / 1024).toFixed(1)} KB gzipped`);
      expect.soft(gz, name).toBeLessThanOrEqual(BUDGET);
      expect.soft(code.toString('utf8'), name).not.toMatch(/ZodError|indexedDB\.open|MiniSearch/);
    }
  });

  it('asks for no more than it needs', async () => {
    const manifest = JSON.parse(await readFile(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
    // `scripting`: content scripts registered at run time for custom CRM hosts, each granted by the user.
    expect(manifest.permissions.toSorted()).toEqual(['alarms', 'scripting', 'storage']);
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*']);
    const matches = manifest.content_scripts.flatMap((c: { matches: string[] }) => c.matches).toSorted();
    expect(matches).toEqual([
      'https://*.hubspot.com/*',
      'https://*.lightning.force.com/*',
      'https://*.pipedrive.com/*',
      'https://mail.google.com/*',
      'https://www.linkedin.com/*',
    ]);
  });
});
