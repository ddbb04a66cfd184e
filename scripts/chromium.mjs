// Finds a Chromium to drive; installs Debian's when running as root, otherwise says exactly what to run.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/usr/bin/microsoft-edge'];

/** @returns {string | null} */
export function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((path) => existsSync(path)) ?? null;
}

/** @returns {string} the path of a usable Chromium; exits the process with instructions when there is none */
export function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  if (process.env.CHROME_PATH) {
    console.error(`CHROME_PATH is set to ${process.env.CHROME_PATH}, but no browser is there. Fix the path or unset it.`);
    process.exit(1);
  }
  if (process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log('No Chromium found: installing Debian\'s "chromium" package (apt-get install -y chromium)…');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    const installed = findChromium();
    if (installed) return installed;
  }
  console.error(
    [
      'No Chromium or Chrome found (looked at CHROME_PATH and ' + CANDIDATES.join(', ') + ').',
      process.platform === 'linux'
        ? 'Install it with:  sudo apt-get update && sudo apt-get install -y chromium'
        : 'Install Chrome or Chromium, then run again with CHROME_PATH=/path/to/chrome',
    ].join('\n'),
  );
  process.exit(1);
}

/** Whether a display is there for a headed browser. */
export function hasDisplay() {
  if (process.platform !== 'linux') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = ensureChromium();
  const version = spawnSync(path, ['--version'], { encoding: 'utf8' }).stdout.trim();
  console.log(`Using ${path}${version ? ` (${version})` : ''}`);
}
