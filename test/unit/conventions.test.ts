import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { GMAIL } from '../../lib/sites/gmail/selectors';
import { ROOT, loadFixture } from './helpers';

/** The project's own rules, checked on every run so they stay true as the code grows. */

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}
const SOURCES = ['lib', 'components', 'entrypoints'].flatMap(sourceFiles);
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

describe('conventions', () => {
  it('keeps host-page DOM queries in lib/sites and lib/dom', () => {
    const offenders = SOURCES.filter((f) => !/^lib\/(sites|dom)\//.test(f)).filter((f) =>
      /querySelector(All)?\(|getElementsBy(ClassName|TagName)\(|getElementById\(/.test(read(f)),
    );
    // Extension pages mount into their own document; that is not host-page knowledge.
    expect(offenders.filter((f) => !/^entrypoints\/(popup|options)\/main\.tsx$/.test(f))).toEqual([]);
  });

  it('never writes strings as HTML', () => {
    expect(SOURCES.filter((f) => /innerHTML|outerHTML|dangerouslySetInnerHTML|insertAdjacentHTML|document\.write/.test(read(f)))).toEqual([]);
  });

  it('has no `any` in source', () => {
    expect(SOURCES.filter((f) => /:\s*any\b|as any\b|<any>/.test(read(f)))).toEqual([]);
  });

  it('keeps components free of browser APIs', () => {
    expect(sourceFiles('components').filter((f) => /wxt\/browser|chrome\.|browser\.runtime|indexedDB/.test(read(f)))).toEqual([]);
  });

  it('keeps entrypoints thin: wiring only', () => {
    for (const file of SOURCES.filter((f) => f.startsWith('entrypoints/'))) {
      const lines = read(file).split('\n').length;
      expect.soft(lines, `${file} has ${lines} lines`).toBeLessThanOrEqual(80);
    }
  });

  it('keeps IndexedDB, the store and zod out of content scripts', () => {
    // Follow the content script's value imports (type-only imports cost nothing at run time).
    const seen = new Set<string>();
    const external = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const match of read(file).matchAll(/^import\s+(?!type\b)(?:[^'"]*?from\s+)?['"]([^'"]+)['"]/gm)) {
        const spec = match[1]!;
        if (!spec.startsWith('.')) {
          external.add(spec);
          continue;
        }
        const base = resolve(join(ROOT, dirname(file)), spec);
        const candidates = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')];
        const found = candidates.find((c) => /\.(ts|tsx)$/.test(c) && safeIsFile(c));
        if (found) visit(relative(ROOT, found));
      }
    };
    for (const entry of SOURCES.filter((f) => /^entrypoints\/[^/]+\.content\//.test(f))) visit(entry);
    expect([...seen].filter((f) => /^lib\/(store|model|background)\//.test(f))).toEqual([]);
    expect([...external].filter((spec) => spec === 'zod' || spec.startsWith('zod/') || spec === 'idb')).toEqual([]);
    expect(seen.size).toBeGreaterThan(5);
  });
});

function safeIsFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

describe('Gmail selectors', () => {
  for (const [name, spec] of Object.entries(GMAIL)) {
    const selectors: readonly string[] = typeof spec.css === 'string' ? [spec.css] : spec.css;
    it(`${name}: every alternative matches a fixture it names (seen ${spec.seen})`, () => {
      for (const css of selectors) {
        const matched = spec.fixtures.some((fixture) => loadFixture(fixture).querySelector(css) !== null);
        expect.soft(matched, `${css} matches none of ${spec.fixtures.join(', ')}`).toBe(true);
      }
    });
  }
});
