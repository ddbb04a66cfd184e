import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDataChanges } from '../../lib/background/data-changes';
import { createImportHandlers } from '../../lib/background/import-handlers';
import { createImportModel } from '../../lib/options/import-model';
import { BAD_INPUTS, openCase } from '../support/bad-input';
import { DEMO_NOW, pageRequest, seededDb } from './helpers';
import { snapshot } from './store-snapshot';


/**
 * The bad-input corpus through the options page's own import (parse, commit) into a seeded store: every file that must
 * write nothing leaves every store exactly as it was, whatever the page offered.
 */
describe('bad input writes nothing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lens-bad-input-store-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // The generated large files are valid data (they import); the rest are the corpus's refusals.
  for (const c of BAD_INPUTS.filter((x) => x.writesNothing)) {
    it(`${c.name}: ${c.what}`, async () => {
      const db = await seededDb();
      const request = pageRequest(createImportHandlers({ db: async () => db, changes: createDataChanges(), now: () => DEMO_NOW }));
      const model = createImportModel(request, async () => db, { now: () => DEMO_NOW });
      const before = await snapshot(db);

      await model.choose(await openCase(c, dir));
      // Whatever the page offers for this file, the user presses it.
      if (model.pack.value) await model.importPack();
      else if (model.preview.value && model.problems.value.length === 0) await model.confirm();

      // The page said why, in one of its places for it…
      const said = [model.error.value, model.rowErrors.value?.list[0]?.reason, model.packErrors.value[0]?.reason, model.problems.value[0]].find(Boolean);
      expect(said).toBeTruthy();
      expect(model.result.value).toBeNull();
      // …and the store is byte for byte what it was.
      expect(await snapshot(db)).toBe(before);
    });
  }
});
