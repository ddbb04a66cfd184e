import type { CsvFormatId } from '../types';
import { ENGAGEMENT_EVENTS } from './events';
import { HUBSPOT_CONTACTS } from './hubspot';
import { MAUTIC_CONTACTS } from './mautic';
import { SALESFORCE_CAMPAIGN_MEMBERS, SALESFORCE_DATALOADER, SALESFORCE_REPORT } from './salesforce';
import type { FormatSpec } from './spec';

export type { FormatSpec } from './spec';

/** Every CSV format, in the order ties are broken. */
export const FORMATS: readonly FormatSpec[] = [
  HUBSPOT_CONTACTS,
  SALESFORCE_REPORT,
  SALESFORCE_DATALOADER,
  SALESFORCE_CAMPAIGN_MEMBERS,
  MAUTIC_CONTACTS,
  ENGAGEMENT_EVENTS,
];

export function formatSpec(id: CsvFormatId): FormatSpec {
  return FORMATS.find((f) => f.id === id)!;
}
