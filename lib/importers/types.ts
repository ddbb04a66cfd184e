import type { Contact } from '../model/contact';

/** The CSV exports Lens understands; `marketing-pack` is the JSON format (see pack.ts). */
export const CSV_FORMATS = [
  'hubspot-contacts',
  'salesforce-report',
  'salesforce-dataloader',
  'salesforce-campaign-members',
  'mautic-contacts',
  'engagement-events',
] as const;
export type CsvFormatId = (typeof CSV_FORMATS)[number];
export type FormatId = CsvFormatId | 'marketing-pack';

/** What one row of a format becomes. */
export type RecordKind = 'contacts' | 'events' | 'campaign-members';

export const CONTACT_FIELDS = [
  'email',
  'otherEmails',
  'firstName',
  'lastName',
  'fullName',
  'title',
  'company',
  'companyDomain',
  'website',
  'linkedin',
  'recordId',
  'lifecycleStage',
  'owner',
  'originalSource',
  'sourceDrillDown1',
  'sourceDrillDown2',
  'sourceCampaign',
  'industry',
  'companySize',
  'country',
  'seniority',
  'department',
  'becameMqlAt',
  'becameSqlAt',
  'score',
] as const;
export type ContactField = (typeof CONTACT_FIELDS)[number];

export const EVENT_FIELDS = ['email', 'eventType', 'campaign', 'content', 'timestamp', 'details'] as const;
export type EventField = (typeof EVENT_FIELDS)[number];

export const MEMBER_FIELDS = [
  'email',
  'recordId',
  'campaignId',
  'campaignName',
  'campaignType',
  'campaignStart',
  'memberStatus',
  'responded',
  'firstRespondedAt',
  'createdAt',
] as const;
export type MemberField = (typeof MEMBER_FIELDS)[number];

export type TargetField = ContactField | EventField | MemberField;

/** The fields the mapping UI offers for each kind of file. */
export const FIELDS_BY_KIND: Record<RecordKind, readonly TargetField[]> = {
  contacts: CONTACT_FIELDS,
  events: EVENT_FIELDS,
  'campaign-members': MEMBER_FIELDS,
};

/** Fields that may take several columns (each adds an address or a score); every other field takes one. */
export const MULTI_COLUMN_FIELDS: ReadonlySet<TargetField> = new Set<TargetField>(['otherEmails', 'score']);

export const FIELD_LABEL: Record<TargetField, string> = {
  email: 'Email',
  otherEmails: 'Other emails',
  firstName: 'First name',
  lastName: 'Last name',
  fullName: 'Full name',
  title: 'Job title',
  company: 'Company',
  companyDomain: 'Company domain',
  website: 'Company website',
  linkedin: 'LinkedIn profile',
  recordId: 'CRM record ID',
  lifecycleStage: 'Lifecycle stage',
  owner: 'Owner',
  originalSource: 'Original source',
  sourceDrillDown1: 'Source detail 1',
  sourceDrillDown2: 'Source detail 2',
  sourceCampaign: 'Source campaign',
  industry: 'Industry',
  companySize: 'Number of employees',
  country: 'Country',
  seniority: 'Seniority',
  department: 'Department',
  becameMqlAt: 'Became MQL',
  becameSqlAt: 'Became SQL',
  score: 'CRM score',
  eventType: 'Event type',
  campaign: 'Campaign',
  content: 'Content',
  timestamp: 'Time',
  details: 'Details',
  campaignId: 'Campaign ID',
  campaignName: 'Campaign name',
  campaignType: 'Campaign type',
  campaignStart: 'Campaign start',
  memberStatus: 'Member status',
  responded: 'Responded',
  firstRespondedAt: 'First responded',
  createdAt: 'Added to campaign',
};

/** One source column and the model field it feeds (`null`: ignored). Keyed by position, so duplicate headers stay apart. */
export interface ColumnMap {
  index: number;
  header: string;
  field: TargetField | null;
}
export type ColumnMapping = readonly ColumnMap[];

/**
 * A problem with one cell (or row), as a spreadsheet user finds it: `line` counts records the way a spreadsheet numbers
 * rows (the header is line 1; a quoted value spanning several text lines is still one line), `column` is the header
 * text and `cell` the spreadsheet reference ("D7").
 */
export interface RowIssue {
  file: string;
  line: number;
  column: string;
  value: string;
  reason: string;
  cell?: string;
}

export type DateOrder = 'mdy' | 'dmy';
export type Delimiter = ',' | ';' | '\t' | '|';
export type TextEncodingName = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/**
 * A contact as an import produced it. `stageIsDefault` says the file had no stage for this person (the format's default
 * was used), so a merge keeps the stage the contact already has.
 */
export type IncomingContact = Contact & { stageIsDefault?: boolean };

export type ImportErrorCode =
  | 'empty'
  | 'binary'
  | 'spreadsheet'
  | 'not-utf8'
  | 'mixed-encoding'
  | 'no-header'
  | 'no-rows'
  | 'unknown-format'
  | 'mapping'
  | 'bad-option'
  | 'read-failed';

/** A problem with the whole file (or the request): nothing of it can be imported. */
export class ImportError extends Error {
  override readonly name = 'ImportError';
  constructor(
    readonly code: ImportErrorCode,
    message: string,
    readonly file?: string,
  ) {
    super(message);
  }
}
