import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MarketingDataset } from '../../lib/model/dataset';
import { MarketingPack, formatPath, jsonErrorOffset, parsePack, readPack, validatePack, type PackIssue, type PackResult } from '../../lib/importers';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'imports');
const text = (name: string) => readFileSync(join(DIR, name), 'utf8');
const packOf = (result: PackResult) => {
  if (!result.ok) throw new Error(`expected a valid pack: ${JSON.stringify(result.errors)}`);
  return result.pack;
};
const errorsOf = (result: PackResult): PackIssue[] => {
  if (result.ok) throw new Error('expected errors');
  return result.errors;
};
const demo = () => readFileSync(join(import.meta.dirname, '..', '..', 'public', 'demo', 'marketing-demo.json'), 'utf8');

describe('marketing packs', () => {
  it('reads a pack without people: contacts and events default to none', async () => {
    const result = await readPack(new Blob([text('marketing-pack.json')]));
    expect(result).toMatchObject({ ok: true, counts: { campaigns: 1, personas: 1, content: 2, contacts: 0, events: 0 } });
    expect(packOf(result).contacts).toEqual([]);
    expect(packOf(result).personas[0]!.departments).toEqual([]);
  });

  it('reads the bundled demo dataset exactly as MarketingDataset does', () => {
    expect(packOf(parsePack(demo()))).toEqual(MarketingDataset.parse(JSON.parse(demo())));
    // And MarketingPack accepts what MarketingDataset accepts.
    expect(MarketingPack.parse(JSON.parse(demo()))).toEqual(MarketingDataset.parse(JSON.parse(demo())));
  });

  it('lists every problem with its path and reason', () => {
    expect(errorsOf(parsePack(text('marketing-pack-invalid.json')))).toEqual(
      expect.arrayContaining([
        { path: 'sla.mqlScoreThreshold', reason: expect.stringContaining('>=1') },
        { path: 'content[1].url', reason: 'must be an http(s) URL' },
        { path: 'content[0].personaIds[0]', reason: 'unknown persona "persona-cfo"' },
      ]),
    );
  });

  it('checks the version first and names a newer one', () => {
    const pack = JSON.parse(text('marketing-pack.json')) as Record<string, unknown>;
    expect(validatePack({ ...pack, version: 2, somethingNew: [] })).toEqual({
      ok: false,
      errors: [{ path: 'version', reason: 'is 2, newer than this Lens reads (1): update the extension' }],
    });
    expect(validatePack({ ...pack, version: '1' })).toEqual({ ok: false, errors: [{ path: 'version', reason: 'is "1", but this Lens reads version 1' }] });
    const { version: _, ...noVersion } = pack;
    expect(validatePack(noVersion)).toEqual({ ok: false, errors: [{ path: 'version', reason: 'is missing: a marketing pack starts with "version": 1' }] });
    expect(validatePack([pack])).toEqual({ ok: false, errors: [{ path: '', reason: 'must be a JSON object with "version": 1' }] });
  });

  it('says where JSON is broken, and what is not JSON at all', async () => {
    const broken = errorsOf(parsePack('{\n  "version": 1,\n  "campaigns": [,]\n}'));
    expect(broken).toEqual([{ path: '', reason: expect.stringMatching(/^is not valid JSON: .*\(line 3, column 17\)$/) }]);
    const cut = errorsOf(parsePack('{"version": 1, "campaigns": ['));
    expect(cut[0]!.reason).toMatch(/\(line 1, column 30\)$/);
    expect(parsePack('')).toEqual({ ok: false, errors: [{ path: '', reason: 'is empty' }] });
    expect(await readPack(new Blob([new Uint8Array([0x7b, 0xff, 0x7d])]))).toEqual({
      ok: false,
      errors: [{ path: '', reason: 'is not UTF-8 text: a marketing pack is a UTF-8 JSON file' }],
    });
    // A byte order mark is fine.
    expect((await readPack(new Blob([`\ufeff${text('marketing-pack.json')}`]))).ok).toBe(true);
  });

  it('finds the first offending character of any broken JSON', () => {
    expect(jsonErrorOffset('{"a": [1, 2, {"b": null}], "c": "\\u00e9"}')).toBeUndefined();
    expect(jsonErrorOffset('{"a": 1,}')).toBe(8);
    expect(jsonErrorOffset('{"a": tru}')).toBe(6);
    expect(jsonErrorOffset('[1] x')).toBe(4);
    expect(jsonErrorOffset('{"a": 01}')).toBe(7);
    expect(jsonErrorOffset('"unterminated')).toBe(13);
    const valid = ['{}', '[]', '0', '-1.5e3', '"x"', 'true', '{"k": [null, false, {"n": {}}]}'];
    expect(valid.map(jsonErrorOffset)).toEqual(valid.map(() => undefined));
  });

  it('writes paths as people read them', () => {
    expect(formatPath(['content', 3, 'personaIds', 0])).toBe('content[3].personaIds[0]');
    expect(formatPath(['sla'])).toBe('sla');
    expect(formatPath([])).toBe('');
  });
});
