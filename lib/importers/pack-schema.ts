import { z } from 'zod';
import { Email, HttpUrl, Id, IsoDateTime } from '../model/common';
import { Contact } from '../model/contact';
import { Campaign, ContentAsset, EngagementEvent, Persona, Sla } from '../model/marketing';
import { ScoringModel } from '../model/scoring';
import { MarketingPack, PACK_VERSION } from './pack';

/**
 * The marketing pack's JSON Schema, generated from the zod schema the importer validates with (MarketingPack), so the
 * two cannot disagree: `npm run schema` writes it to schemas/marketing-pack.schema.json and a unit test fails when the
 * committed file differs from what this returns. Not imported by the extension; only by that script and the test.
 *
 * What JSON Schema cannot say is left to the importer and stated in the description: ids that must name something in
 * the pack (events → contacts, content → personas), the scoring model's cross-field rules, and "Lens trims and
 * lower-cases emails before checking them".
 */

export const PACK_SCHEMA_ID = 'urn:smarketing-lens:schema:marketing-pack:1';

/**
 * The documentation lives here, in a registry of its own rather than in the model's `.meta()`: zod's global registry
 * is shared by every module that loads zod, and ids registered there twice (a test re-importing the model) throw.
 * A schema with an `id` becomes a named entry of `$defs`, referenced wherever it is used.
 */
function documentation(): z.core.$ZodRegistry<Record<string, unknown>> {
  const docs = z.registry<Record<string, unknown>>();
  docs.add(Id, { id: 'Id', description: 'An identifier inside Lens: 1–128 letters, digits and . _ : -' });
  docs.add(IsoDateTime, { id: 'DateTime', description: 'An ISO 8601 date-time with Z or an offset, e.g. 2024-03-05T14:22:00Z' });
  // z.url's protocol rule does not reach JSON Schema (it says only "format": "uri"): the pattern carries it.
  docs.add(HttpUrl, {
    id: 'HttpUrl',
    description: 'An absolute http:// or https:// URL. Only these become links; javascript:, data: and any other scheme are rejected.',
    pattern: '^[Hh][Tt][Tt][Pp][Ss]?://',
  });
  docs.add(Email, { id: 'Email', description: 'An email address; Lens trims and lower-cases it before checking it.' });
  docs.add(Sla, { id: 'Sla', description: 'The hand-off agreement: the MQL score threshold and how fast sales follows up.' });
  docs.add(Campaign, { id: 'Campaign' });
  docs.add(Persona, { id: 'Persona' });
  docs.add(ContentAsset, { id: 'ContentAsset' });
  docs.add(Contact, { id: 'Contact' });
  docs.add(EngagementEvent, { id: 'EngagementEvent' });
  docs.add(ScoringModel, {
    id: 'ScoringModel',
    description:
      'The lead-scoring model. Also checked by Lens, beyond this schema: fit.max + engagement.max ≤ 100, fitGrades A > B > C ≤ fit.max, engagementLevels level3 > level2, level3 ≤ engagement.max.',
  });
  docs.add(MarketingPack, {
    $id: PACK_SCHEMA_ID,
    title: `Smarketing Lens marketing pack, version ${PACK_VERSION}`,
    description:
      'The JSON file marketing publishes for Smarketing Lens: SLA, campaigns, buyer personas, content library, optionally a lead-scoring model, contacts and engagement events. ' +
      'Generated from the extension\'s zod schema (lib/importers/pack.ts) by `npm run schema`; do not edit by hand. ' +
      'Also checked by Lens, beyond this schema: every events[].contactId, campaignId and contentId and every content[].personaIds entry names an item of the pack; ' +
      'a pack with a version other than 1 is refused before anything else is read. Unknown properties are ignored.',
  });
  return docs;
}

/** The JSON Schema (draft 2020-12) of what a marketing pack file may hold: the input side, before defaults apply. */
export function marketingPackJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(MarketingPack, { io: 'input', target: 'draft-2020-12', metadata: documentation(), reused: 'inline' });
  // "$schema" first, then "$id", "title", "description", as readers of a schema file expect them.
  const { $schema, $id, title, description, ...rest } = schema as Record<string, unknown>;
  return { $schema, $id, title, description, ...rest };
}

/** The file's text: two-space indented, with a final line break (what an editor would save). */
export function marketingPackJsonSchemaText(): string {
  return `${JSON.stringify(marketingPackJsonSchema(), null, 2)}\n`;
}
