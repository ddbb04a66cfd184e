import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ROOT } from './helpers';

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
    // Code lines only: prose in comments may say "any".
    const code = (f: string) => read(f).split('\n').filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line)).join('\n');
    expect(SOURCES.filter((f) => /:\s*any\b|as any\b|<any>/.test(code(f)))).toEqual([]);
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

/** A named selector as every lib/sites/<site>/selectors.ts writes it. */
interface SelectorSpec {
  css: string | readonly string[];
  seen: string;
  fixtures: readonly string[];
}

const isSpec = (value: unknown): value is SelectorSpec => {
  if (typeof value !== 'object' || value === null) return false;
  const { css, seen, fixtures } = value as Record<string, unknown>;
  return (typeof css === 'string' || Array.isArray(css)) && typeof seen === 'string' && Array.isArray(fixtures);
};

/** Every exported group whose members are all selector specs (regular expressions and helpers are skipped). */
function selectorSpecs(module: Record<string, unknown>): [string, SelectorSpec][] {
  return Object.entries(module).flatMap(([group, value]) => {
    if (typeof value !== 'object' || value === null || value instanceof RegExp) return [];
    const entries = Object.entries(value);
    return entries.length > 0 && entries.every(([, spec]) => isSpec(spec))
      ? entries.map(([name, spec]): [string, SelectorSpec] => [`${group}.${name}`, spec as SelectorSpec])
      : [];
  });
}

/** Every folder under lib/sites is a site; each must prove its selectors against its own fixtures. */
const SITES = readdirSync(join(ROOT, 'lib', 'sites')).filter((name) => statSync(join(ROOT, 'lib', 'sites', name)).isDirectory());
const SITE_SELECTORS = await Promise.all(
  SITES.map(async (site) => {
    const file = join(ROOT, 'lib', 'sites', site, 'selectors.ts');
    const module: Record<string, unknown> = safeIsFile(file) ? await import(`../../lib/sites/${site}/selectors.ts`) : {};
    return { site, specs: selectorSpecs(module) };
  }),
);

const parsedFixtures = new Map<string, Document>();
/** Each fixture parsed once; real captures' tracking iframes renamed so happy-dom does not try to load them. */
function siteFixture(site: string, name: string): Document | null {
  const path = join(ROOT, 'test', 'fixtures', site, name);
  if (!safeIsFile(path)) return null;
  let doc = parsedFixtures.get(path);
  if (!doc) {
    const html = readFileSync(path, 'utf8').replace(/<(\/?)iframe\b/gi, '<$1x-inert-iframe');
    doc = new DOMParser().parseFromString(html, 'text/html');
    parsedFixtures.set(path, doc);
  }
  return doc;
}

describe('site selectors', () => {
  it('finds every site folder', () => {
    expect(SITES).toEqual(expect.arrayContaining(['gmail', 'linkedin', 'hubspot', 'salesforce', 'pipedrive']));
  });

  describe.each(SITE_SELECTORS)('$site', ({ site, specs }) => {
    it('has named selectors in selectors.ts', () => {
      expect(specs.length, `lib/sites/${site}/selectors.ts exports no selectors`).toBeGreaterThan(0);
    });

    for (const [name, spec] of specs) {
      const alternatives: readonly string[] = typeof spec.css === 'string' ? [spec.css] : spec.css;
      it(`${name}: dated, and every alternative matches a fixture it names (seen ${spec.seen})`, () => {
        expect(spec.seen, `${name}: seen must be yyyy-mm`).toMatch(/^\d{4}-(0[1-9]|1[0-2])$/);
        expect(spec.fixtures.length, `${name} names no fixture`).toBeGreaterThan(0);
        const docs = spec.fixtures.map((fixture) => {
          const doc = siteFixture(site, fixture);
          expect.soft(doc, `${name}: test/fixtures/${site}/${fixture} does not exist`).not.toBeNull();
          return doc;
        });
        for (const css of alternatives) {
          const matched = docs.some((doc) => doc?.querySelector(css));
          expect.soft(matched, `${css} matches none of ${spec.fixtures.join(', ')}`).toBe(true);
        }
      });
    }
  });

  it('keeps detection cheap for the host page: no layout reads, no requests, no polling, no clicks', () => {
    const files = sourceFiles('lib/sites').concat(sourceFiles('lib/dom'));
    const costly = /getBoundingClientRect|getClientRects|\b(offset|client|scroll)(Width|Height|Top|Left)\b|offsetParent|innerText|getComputedStyle|\bfetch\(|XMLHttpRequest|sendBeacon|setInterval|\.click\(\)/;
    expect(files.filter((f) => costly.test(read(f)))).toEqual([]);
  });
});
