// Writes schemas/marketing-pack.schema.json from the zod schema the importer validates packs with (npm run schema).
// The schema is TypeScript; Vite (already here for Vitest and WXT) loads it, so no TypeScript runner is added.
// `--check` writes nothing and exits 1 when the committed file is stale (the unit test checks the same).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'schemas', 'marketing-pack.schema.json');
const { module } = await runnerImport(join(root, 'lib', 'importers', 'pack-schema.ts'), { root, configFile: false, logLevel: 'silent' });
const text = module.marketingPackJsonSchemaText();

if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    // Missing counts as stale.
  }
  if (committed !== text) {
    console.error(`${target} is stale: run npm run schema and commit it.`);
    process.exit(1);
  }
  console.log(`${target} is up to date.`);
} else {
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
  console.log(`Wrote ${target} (${text.length.toLocaleString('en-US')} characters).`);
}
