import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { MarketingPack, PACK_VERSION } from '../../lib/importers';
import { PACK_SCHEMA_ID, marketingPackJsonSchemaText } from '../../lib/importers/pack-schema';
import { ContentType, EventType } from '../../lib/model/marketing';

/**
 * schemas/marketing-pack.schema.json is generated from MarketingPack (npm run schema). These tests keep the committed
 * file from going stale and read it back as JSON Schema. No JSON Schema validator is installed (no ajv), so the file is
 * read back with zod's own z.fromJSONSchema: it validates from the file's text, not from the zod schema, which is what
 * a consumer of the file gets, though it is not an independent implementation.
 */

const ROOT = join(import.meta.dirname, '..', '..');
const committedText = () => readFileSync(join(ROOT, 'schemas', 'marketing-pack.schema.json'), 'utf8');
const committed = () => JSON.parse(committedText()) as Record<string, unknown> & { $defs: Record<string, Record<string, unknown>> };
const json = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as Record<string, unknown>;

const minimalPack = () => ({
  version: 1,
  anchorDate: '2024-03-15',
  sla: { mqlScoreThreshold: 60, followUpHours: 48, dueSoonHours: 12 },
  campaigns: [],
  personas: [],
  content: [],
});

describe('the published marketing pack JSON Schema', () => {
  it('is what the zod schema generates today (run `npm run schema` when this fails)', () => {
    expect(committedText()).toBe(marketingPackJsonSchemaText());
  });

  it('names itself and says what it is', () => {
    const schema = committed();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(PACK_SCHEMA_ID);
    expect(schema.title).toBe('Smarketing Lens marketing pack, version 1');
    expect(schema.description).toContain('npm run schema');
    expect(schema.description).toContain('names an item of the pack');
  });

  it('carries the rules the importer applies: version, required parts, optional people, enums, http(s) links', () => {
    const schema = committed();
    const properties = schema.properties as Record<string, Record<string, unknown>>;
    expect(properties.version).toEqual({ type: 'number', const: PACK_VERSION });
    expect(schema.required).toEqual(['version', 'anchorDate', 'sla', 'campaigns', 'personas', 'content']);
    // A pack need not carry people: MarketingPack fills them in.
    expect(properties.contacts).toMatchObject({ default: [], type: 'array' });
    expect(properties.events).toMatchObject({ default: [], type: 'array' });
    const asset = schema.$defs.ContentAsset as { properties: Record<string, Record<string, unknown>> };
    expect(asset.properties.type!.enum).toEqual(ContentType.options);
    expect(asset.properties.url).toEqual({ $ref: '#/$defs/HttpUrl' });
    expect(schema.$defs.HttpUrl).toMatchObject({ type: 'string', format: 'uri', pattern: '^[Hh][Tt][Tt][Pp][Ss]?://' });
    const event = schema.$defs.EngagementEvent as { properties: Record<string, Record<string, unknown>> };
    expect(event.properties.type!.enum).toEqual(EventType.options);
  });

  it('accepts the demo dataset, the fixture pack and a minimal pack, as the importer does', () => {
    const fromFile = z.fromJSONSchema(committed());
    const packs = {
      demo: json('public/demo/marketing-demo.json'),
      fixture: json('test/fixtures/imports/marketing-pack.json'),
      minimal: minimalPack(),
    };
    for (const [name, pack] of Object.entries(packs)) {
      expect({ name, schema: fromFile.safeParse(pack).error?.issues ?? [] }).toEqual({ name, schema: [] });
      expect(MarketingPack.safeParse(pack).success).toBe(true);
    }
  });

  it('rejects what the importer rejects, at the same place', () => {
    const fromFile = z.fromJSONSchema(committed());
    const withAsset = (url: string) => ({
      ...minimalPack(),
      content: [{ id: 'a1', title: 'A', url, type: 'one_pager', funnelStage: 'awareness', summary: '' }],
    });
    const bad: [string, unknown, (string | number)[]][] = [
      ['javascript: link', withAsset('javascript:alert(1)'), ['content', 0, 'url']],
      ['data: link', withAsset('data:text/html,<b>hi</b>'), ['content', 0, 'url']],
      ['version 2', { ...minimalPack(), version: 2 }, ['version']],
      ['no anchor date', { ...minimalPack(), anchorDate: undefined }, ['anchorDate']],
      ['SLA threshold 0', { ...minimalPack(), sla: { mqlScoreThreshold: 0, followUpHours: 48, dueSoonHours: 12 } }, ['sla', 'mqlScoreThreshold']],
      ['unknown event type', { ...minimalPack(), events: [{ id: 'e', contactId: 'c', type: 'tweet', at: '2024-03-05T14:22:00Z' }] }, ['events', 0, 'type']],
    ];
    for (const [name, pack, path] of bad) {
      expect({ name, paths: fromFile.safeParse(pack).error?.issues.map((i) => i.path) }).toEqual({ name, paths: expect.arrayContaining([path]) });
      expect({ name, paths: MarketingPack.safeParse(pack).error?.issues.map((i) => i.path) }).toEqual({ name, paths: expect.arrayContaining([path]) });
    }
    // An http(s) link in any case passes both.
    expect(fromFile.safeParse(withAsset('HTTPS://lens.example/a')).success).toBe(true);
    expect(MarketingPack.safeParse(withAsset('HTTPS://lens.example/a')).success).toBe(true);
  });
});
