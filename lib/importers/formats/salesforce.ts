import { SALESFORCE_ID, salesforceId18 } from '../text';
import { SALESFORCE_STATUS_WORDS } from '../vocab';
import type { Alias, FormatSpec, RecordRef } from './spec';
import { spacedShare } from './spec';

/**
 * Salesforce Leads and Contacts, as a report export (field labels: "Lead Status", "Company / Account") or a Data Loader
 * / Data Export file (API names: "Status", "Company", "AccountId"; Data Loader writes them in capitals, relationship
 * fields as "Owner.Name"). Field names from the Salesforce field reference (../shared/sites/data-formats.md §5). Both
 * spellings meet in one table because headers are compared by normKey ("Lead Source" = "LeadSource" = "LEADSOURCE").
 */

const PERSON_COLUMNS: readonly Alias[] = [
  ['id', 'recordId'],
  ['leadid', 'recordId'],
  ['contactid', 'recordId'],
  ['email', 'email'],
  ['firstname', 'firstName'],
  ['lastname', 'lastName'],
  ['fullname', 'fullName'],
  ['name', 'fullName'],
  ['title', 'title'],
  ['company', 'company'],
  ['companyaccount', 'company'],
  ['accountname', 'company'],
  ['website', 'website'],
  ['status', 'lifecycleStage'],
  ['leadstatus', 'lifecycleStage'],
  ['leadsource', 'originalSource'],
  ['leadowner', 'owner'],
  ['contactowner', 'owner'],
  ['ownername', 'owner'],
  ['ownerfullname', 'owner'],
  ['owner', 'owner'],
  ['industry', 'industry'],
  ['numberofemployees', 'companySize'],
  ['noofemployees', 'companySize'],
  ['employees', 'companySize'],
  ['country', 'country'],
  ['mailingcountry', 'country'],
  ['department', 'department'],
  ['linkedinurl', 'linkedin'],
  ['linkedin', 'linkedin'],
  // Account Engagement (Pardot) score and grade, and the standard lead Rating (Hot / Warm / Cold).
  ['piscorec', 'score'],
  ['pardotscore', 'score'],
  ['score', 'score'],
  ['pigradec', 'score'],
  ['pardotgrade', 'score'],
  ['grade', 'score'],
  ['rating', 'score'],
];

function salesforceRef(value: string): RecordRef | undefined {
  if (!SALESFORCE_ID.test(value)) return undefined;
  const id = salesforceId18(value);
  return { crmId: `salesforce:${id}`, contactId: `salesforce-${id}` };
}

/** A Contact record (key prefix 003) sits with an account, outside the lead funnel; anything else is a lead. */
const defaultStage = (record: string | undefined) => (record?.startsWith('003') ? 'other' : 'lead');

const shared = {
  kind: 'contacts',
  system: 'salesforce',
  columns: PERSON_COLUMNS,
  stageWords: SALESFORCE_STATUS_WORDS,
  defaultStage,
  recordRef: salesforceRef,
  recordIdHint: 'a Salesforce id has 15 or 18 letters and digits',
} as const;

export const SALESFORCE_REPORT: FormatSpec = {
  ...shared,
  id: 'salesforce-report',
  label: 'Salesforce leads/contacts report',
  sure: 5,
  markers: [
    { key: 'leadid', weight: 3 },
    { key: 'contactid', weight: 3 },
    { key: 'leadowner', weight: 3 },
    { key: 'companyaccount', weight: 3 },
    { key: 'noofemployees', weight: 3 },
    { key: 'leadstatus', weight: 2 },
    { key: 'leadsource', weight: 2 },
    { key: 'accountname', weight: 2 },
    { key: 'contactowner', weight: 1 },
    { key: 'mailingcountry', weight: 1 },
    { key: 'rating', weight: 1 },
    { key: 'title', weight: 0.5 },
    { key: 'createddate', weight: 0.5 },
    { key: 'email', weight: 0.5 },
    { key: 'firstname', weight: 0.5 },
    { key: 'lastname', weight: 0.5 },
  ],
  style: (header) => (spacedShare(header) >= 0.3 ? 1 : 0.6),
};

export const SALESFORCE_DATALOADER: FormatSpec = {
  ...shared,
  id: 'salesforce-dataloader',
  label: 'Salesforce Data Loader export',
  sure: 5,
  markers: [
    { key: 'isconverted', weight: 3 },
    { key: 'isdeleted', weight: 3 },
    { key: 'masterrecordid', weight: 3 },
    { key: 'hasoptedoutofemail', weight: 3 },
    { key: 'systemmodstamp', weight: 3 },
    { key: 'ownerid', weight: 2 },
    { key: 'accountid', weight: 2 },
    { key: 'leadsource', weight: 2 },
    { key: 'status', weight: 1.5 },
    { key: 'id', weight: 1 },
    { key: 'company', weight: 1 },
    { key: 'numberofemployees', weight: 1 },
    { key: 'mailingcountry', weight: 1 },
    { key: 'createddate', weight: 1 },
    { key: 'lastmodifieddate', weight: 1 },
    { key: 'title', weight: 0.5 },
    { key: 'email', weight: 0.5 },
    { key: 'firstname', weight: 0.5 },
    { key: 'lastname', weight: 0.5 },
  ],
  style: (header) => (spacedShare(header) < 0.1 ? 1 : 0.6),
};

/**
 * CampaignMember rows (report "Campaigns with Campaign Members" or a Data Loader export): who was in which campaign and
 * with what status. They become campaigns and engagement events for contacts already known.
 */
export const SALESFORCE_CAMPAIGN_MEMBERS: FormatSpec = {
  id: 'salesforce-campaign-members',
  label: 'Salesforce campaign members (campaign history)',
  kind: 'campaign-members',
  system: 'salesforce',
  sure: 6,
  markers: [
    { key: 'campaignid', weight: 3 },
    { key: 'campaignname', weight: 3 },
    { key: 'memberstatus', weight: 3 },
    { key: 'campaignmemberid', weight: 3 },
    { key: 'leadorcontactid', weight: 3 },
    { key: 'leadcontactid', weight: 3 },
    { key: 'hasresponded', weight: 3 },
    { key: 'firstrespondeddate', weight: 3 },
    { key: 'campaigntype', weight: 2 },
    { key: 'responded', weight: 2 },
    { key: 'status', weight: 1 },
    { key: 'leadid', weight: 1 },
    { key: 'contactid', weight: 1 },
    { key: 'email', weight: 0.5 },
  ],
  style: () => 1,
  columns: [
    ['campaignid', 'campaignId'],
    ['campaignname', 'campaignName'],
    ['campaign', 'campaignName'],
    ['campaigntype', 'campaignType'],
    ['type', 'campaignType'],
    ['campaignstartdate', 'campaignStart'],
    ['startdate', 'campaignStart'],
    ['memberstatus', 'memberStatus'],
    ['campaignmemberstatus', 'memberStatus'],
    ['status', 'memberStatus'],
    ['hasresponded', 'responded'],
    ['responded', 'responded'],
    ['firstrespondeddate', 'firstRespondedAt'],
    ['membercreateddate', 'createdAt'],
    ['createddate', 'createdAt'],
    ['email', 'email'],
    ['leadorcontactid', 'recordId'],
    ['leadcontactid', 'recordId'],
    ['leadid', 'recordId'],
    ['contactid', 'recordId'],
  ],
  defaultStage: () => 'lead',
  recordRef: salesforceRef,
  recordIdHint: 'a Salesforce id has 15 or 18 letters and digits',
};
