import type { FormatSpec } from './spec';
import { aliasShare } from './spec';

/**
 * Mautic's contact export: `id`, then every profile field by alias, then `stage` (the stage's name) —
 * ../shared/sites/data-formats.md §6. Mautic's `title` is the salutation (Mr, Ms); the job title is `position`.
 * `points` is the contact's total.
 */
export const MAUTIC_CONTACTS: FormatSpec = {
  id: 'mautic-contacts',
  label: 'Mautic contacts export',
  kind: 'contacts',
  system: 'mautic',
  sure: 5,
  markers: [
    { key: 'points', weight: 3 },
    { key: 'preferredlocale', weight: 3 },
    { key: 'lastactive', weight: 3 },
    { key: 'attributiondate', weight: 3 },
    { key: 'stage', weight: 2 },
    { key: 'position', weight: 2 },
    { key: 'zipcode', weight: 2 },
    { key: 'address1', weight: 2 },
    { key: 'attribution', weight: 2 },
    { key: 'address2', weight: 1 },
    { key: 'timezone', weight: 1 },
    { key: 'mobile', weight: 1 },
    { key: 'id', weight: 0.5 },
    { key: 'firstname', weight: 0.5 },
    { key: 'lastname', weight: 0.5 },
    { key: 'email', weight: 0.5 },
    { key: 'company', weight: 0.5 },
  ],
  style: (header) => (aliasShare(header) >= 0.8 ? 1 : 0.6),
  columns: [
    ['id', 'recordId'],
    ['email', 'email'],
    ['firstname', 'firstName'],
    ['lastname', 'lastName'],
    ['position', 'title'],
    ['company', 'company'],
    ['website', 'website'],
    ['linkedin', 'linkedin'],
    ['stage', 'lifecycleStage'],
    ['points', 'score'],
    ['country', 'country'],
    ['owner', 'owner'],
  ],
  defaultStage: () => 'lead',
  // Mautic ids give the Lens contact a stable id; Lens has no Mautic record pages to match, so no crmId.
  recordRef: (value) => (/^\d{1,20}$/.test(value) ? { contactId: `mautic-${value}` } : undefined),
  recordIdHint: 'a Mautic contact id is a number',
};
