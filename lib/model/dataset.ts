import { z } from 'zod';
import { Contact } from './contact';
import { Campaign, ContentAsset, EngagementEvent, Persona, Sla } from './marketing';
import { ScoringModel } from './scoring';

/** The fields of a whole marketing dataset; shared with the marketing pack (lib/importers/pack.ts), which relaxes two. */
export const DATASET_FIELDS = {
  version: z.literal(1),
  anchorDate: z.iso.date(),
  sla: Sla,
  /** The pack's lead-scoring model; Lens's default applies when it has none. */
  scoringModel: ScoringModel.optional(),
  campaigns: z.array(Campaign),
  personas: z.array(Persona),
  content: z.array(ContentAsset),
  contacts: z.array(Contact),
  events: z.array(EngagementEvent),
};

/** What the cross-reference check reads: every list of a dataset, whatever filled it in. */
interface DatasetLists {
  campaigns: readonly { id: string }[];
  personas: readonly { id: string }[];
  content: readonly { id: string; personaIds: readonly string[] }[];
  contacts: readonly { id: string }[];
  events: readonly EngagementEvent[];
}

/** Ids that point elsewhere in the dataset must name something in it (JSON Schema cannot say this; zod can). */
export function checkDatasetReferences(data: DatasetLists, ctx: z.RefinementCtx): void {
  const ids = (items: readonly { id: string }[]) => new Set(items.map((item) => item.id));
  const campaigns = ids(data.campaigns);
  const contacts = ids(data.contacts);
  const content = ids(data.content);
  const personas = ids(data.personas);
  data.events.forEach((event, i) => {
    if (!contacts.has(event.contactId))
      ctx.addIssue({ code: 'custom', path: ['events', i, 'contactId'], message: `unknown contact "${event.contactId}"` });
    if (event.campaignId && !campaigns.has(event.campaignId))
      ctx.addIssue({ code: 'custom', path: ['events', i, 'campaignId'], message: `unknown campaign "${event.campaignId}"` });
    if (event.contentId && !content.has(event.contentId))
      ctx.addIssue({ code: 'custom', path: ['events', i, 'contentId'], message: `unknown content "${event.contentId}"` });
  });
  data.content.forEach((asset, i) =>
    asset.personaIds.forEach((personaId, j) => {
      if (!personas.has(personaId))
        ctx.addIssue({ code: 'custom', path: ['content', i, 'personaIds', j], message: `unknown persona "${personaId}"` });
    }),
  );
}

/**
 * A whole marketing dataset as one document: the bundled demo data and, later, marketing packs.
 * `anchorDate` is the day the dates were written against; the demo is shifted so that day is "today".
 */
export const MarketingDataset = z.object(DATASET_FIELDS).superRefine(checkDatasetReferences);
export type MarketingDataset = z.infer<typeof MarketingDataset>;
