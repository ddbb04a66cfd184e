import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ROOT } from './helpers';

/**
 * The engine runs in the background. Components and content scripts may import its TYPES only, so MiniSearch, zod
 * and the scoring tables never land in the content script that Gmail loads.
 */

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const isFile = (path: string) => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};
function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(ROOT, path)).isDirectory() ? files(path) : /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}
/** Value imports (not `import type`), as [specifier, resolved file or undefined]. */
function valueImports(file: string): Array<[string, string | undefined]> {
  return [...read(file).matchAll(/^import\s+(?!type\b)(?:[^'"]*?from\s+)?['"]([^'"]+)['"]/gm)].map((m) => {
    const spec = m[1]!;
    if (!spec.startsWith('.')) return [spec, undefined];
    const base = resolve(join(ROOT, dirname(file)), spec);
    const found = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), base].find((c) => /\.(ts|tsx)$/.test(c) && isFile(c));
    return [spec, found ? relative(ROOT, found) : undefined];
  });
}

describe('engine stays out of the content script', () => {
  it('sidebar components (bundled into the content script) import only types from lib/engine and lib/model', () => {
    const offenders = files('components/sidebar').flatMap((file) =>
      valueImports(file)
        .filter(([, target]) => target !== undefined && /^lib\/(engine|model)\//.test(target))
        .map(([spec]) => `${file} → ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('no content script reaches the engine, MiniSearch or fast-check', () => {
    const seen = new Set<string>();
    const external = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const [spec, target] of valueImports(file)) {
        if (target) visit(target);
        else if (!spec.startsWith('.')) external.add(spec);
      }
    };
    const entries = files('entrypoints').filter((f) => /\.content[/.]/.test(f));
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) visit(entry);
    expect([...seen].filter((f) => f.startsWith('lib/engine/'))).toEqual([]);
    expect([...external].filter((spec) => spec === 'minisearch' || spec === 'fast-check')).toEqual([]);
  });
});
