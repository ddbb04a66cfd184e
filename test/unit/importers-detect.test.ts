import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CSV_FORMATS,
  FORMATS,
  checkMapping,
  detectFormat,
  previewCsv,
  proposeMapping,
  sniffFileKind,
  type ColumnMapping,
  type CsvFormatId,
  type TargetField,
} from '../../lib/importers';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'imports');
const file = (name: string) => new Blob([readFileSync(join(DIR, name))]);

/** The field each named header is mapped to. */
const fieldsOf = (mapping: ColumnMapping) => Object.fromEntries(mapping.map((m) => [m.header, m.field]));

describe('format detection on the fixtures', () => {
  it.each<[string, CsvFormatId]>([
    ['hubspot-contacts-all-properties.csv', 'hubspot-contacts'],
    ['hubspot-contacts-default-view-bom.csv', 'hubspot-contacts'],
    ['hubspot-contacts-invalid-rows.csv', 'hubspot-contacts'],
    ['salesforce-leads-report.csv', 'salesforce-report'],
    ['salesforce-contacts-report-excel-de.csv', 'salesforce-report'],
    ['salesforce-leads-dataloader.csv', 'salesforce-dataloader'],
    ['salesforce-campaign-members-report.csv', 'salesforce-campaign-members'],
    ['mautic-contacts-export.csv', 'mautic-contacts'],
    ['engagement-events.csv', 'engagement-events'],
    ['engagement-events-tab.tsv', 'engagement-events'],
  ])('%s is a %s', async (name, format) => {
    const { detection } = await previewCsv(file(name), { file: name });
    expect(detection.best?.format).toBe(format);
    expect(detection.best?.missing).toEqual([]);
    // A clear winner: the runner-up is far behind.
    const [first, second] = detection.candidates;
    expect(first!.confidence - second!.confidence).toBeGreaterThanOrEqual(0.4);
    expect(first!.confidence).toBeGreaterThanOrEqual(0.7);
  });

  it('covers every CSV format it claims', () => {
    expect(FORMATS.map((f) => f.id).toSorted()).toEqual([...CSV_FORMATS].toSorted());
  });
});

describe('detectFormat on headers', () => {
  it('tells HubSpot from Salesforce when both have "Lead Status" and an owner', () => {
    const hubspot = detectFormat(['Record ID', 'First Name', 'Last Name', 'Email', 'Contact owner', 'Lead Status', 'Lifecycle Stage']);
    expect(hubspot.best?.format).toBe('hubspot-contacts');
    expect(hubspot.best?.matched).toEqual(expect.arrayContaining(['Record ID', 'Lifecycle Stage']));
    const salesforce = detectFormat(['Lead ID', 'First Name', 'Last Name', 'Email', 'Lead Owner', 'Lead Status', 'Company / Account']);
    expect(salesforce.best?.format).toBe('salesforce-report');
  });

  it('tells a Data Loader file from a report by the spelling of the same fields', () => {
    const apiNames = ['Id', 'FirstName', 'LastName', 'Email', 'Company', 'LeadSource', 'Status', 'OwnerId'];
    const labels = ['Lead ID', 'First Name', 'Last Name', 'Email', 'Company / Account', 'Lead Source', 'Lead Status', 'Lead Owner'];
    expect(detectFormat(apiNames).best?.format).toBe('salesforce-dataloader');
    expect(detectFormat(apiNames.map((h) => h.toUpperCase())).best?.format).toBe('salesforce-dataloader');
    expect(detectFormat(labels).best?.format).toBe('salesforce-report');
  });

  it('recognises a Salesforce Data Loader CampaignMember export by its API names', () => {
    const result = detectFormat(['Id', 'CampaignId', 'LeadId', 'ContactId', 'Status', 'HasResponded', 'FirstRespondedDate', 'CreatedDate', 'Email']);
    expect(result.best?.format).toBe('salesforce-campaign-members');
    expect(fieldsOf(result.best!.mapping)).toMatchObject({
      CampaignId: 'campaignId',
      Status: 'memberStatus',
      HasResponded: 'responded',
      FirstRespondedDate: 'firstRespondedAt',
      CreatedDate: 'createdAt',
      Email: 'email',
      LeadId: 'recordId',
      ContactId: null,
      Id: null,
    });
  });

  it('finds nothing in a header no tool writes, and says what is missing', () => {
    const result = detectFormat(['Name', 'Favourite colour', 'Shoe size']);
    expect(result.best).toBeUndefined();
    expect(result.candidates.every((c) => c.confidence < 0.5)).toBe(true);
    const noEmail = detectFormat(['Record ID', 'First Name', 'Last Name', 'Lifecycle Stage', 'HubSpot Score']);
    expect(noEmail.candidates[0]).toMatchObject({ format: 'hubspot-contacts', missing: ['email'] });
    expect(noEmail.candidates[0]!.confidence).toBeLessThanOrEqual(0.5);
  });

  it('is robust to case, spacing and punctuation in headers', () => {
    const result = detectFormat(['record_id', 'FIRST NAME', 'last-name', ' Email ', 'lifecycle stage', 'HubSpot score']);
    expect(result.best?.format).toBe('hubspot-contacts');
    expect(result.best?.mapping.map((m) => m.field)).toEqual(['recordId', 'firstName', 'lastName', 'email', 'lifecycleStage', 'score']);
  });
});

describe('proposeMapping', () => {
  it('maps HubSpot "export all properties" columns to the model', async () => {
    const { header } = await previewCsv(file('hubspot-contacts-all-properties.csv'), { file: 'x' });
    expect(fieldsOf(proposeMapping('hubspot-contacts', header))).toEqual({
      'Record ID': 'recordId',
      'First Name': 'firstName',
      'Last Name': 'lastName',
      'Annual Revenue': null,
      'Became a Customer Date': null,
      'Became a Lead Date': null,
      'Became a Marketing Qualified Lead Date': 'becameMqlAt',
      'Became a Sales Qualified Lead Date': 'becameSqlAt',
      'Became a Subscriber Date': null,
      'Became an Opportunity Date': null,
      City: null,
      'Company domain name': 'companyDomain',
      'Company Name': 'company',
      'Contact owner': 'owner',
      'Country/Region': 'country',
      'Create Date': null,
      Email: 'email',
      'First Touch Converting Campaign': 'sourceCampaign',
      'HubSpot Score': 'score',
      Industry: 'industry',
      'Job function': 'department',
      'Job Title': 'title',
      'Last Activity Date': null,
      'Lead Status': null,
      'Lifecycle Stage': 'lifecycleStage',
      'Number of Employees': 'companySize',
      'Original Source': 'originalSource',
      'Original Source Drill-Down 1': 'sourceDrillDown1',
      'Original Source Drill-Down 2': 'sourceDrillDown2',
      Seniority: 'seniority',
      'Website URL': 'website',
      // "Company Name" ranks first for the company; the association is left out.
      'Associated Company': null,
    });
  });

  it("maps Mautic's position to the job title and leaves its title (the salutation) out", async () => {
    const { header } = await previewCsv(file('mautic-contacts-export.csv'), { file: 'x' });
    expect(fieldsOf(proposeMapping('mautic-contacts', header))).toMatchObject({
      id: 'recordId',
      title: null,
      position: 'title',
      points: 'score',
      stage: 'lifecycleStage',
      linkedin: 'linkedin',
      website: 'website',
    });
  });

  it('keeps duplicate headers apart by position', () => {
    const mapping = proposeMapping('hubspot-contacts', ['Email', 'First Name', 'Email', 'Work email', 'Work email']);
    expect(mapping.map((m) => [m.index, m.field])).toEqual([
      [0, 'email'],
      [1, 'firstName'],
      [2, null],
      [3, 'otherEmails'],
      [4, 'otherEmails'],
    ]);
  });
});

describe('checkMapping', () => {
  const base = proposeMapping('hubspot-contacts', ['Record ID', 'Email', 'First Name', 'Job Title']);
  const set = (mapping: ColumnMapping, header: string, field: TargetField | null) => mapping.map((m) => (m.header === header ? { ...m, field } : m));

  it('accepts the proposal and a sensible adjustment', () => {
    expect(checkMapping('hubspot-contacts', base)).toEqual([]);
    expect(checkMapping('hubspot-contacts', set(base, 'Job Title', 'department'))).toEqual([]);
  });

  it('says what is wrong with an adjusted mapping', () => {
    expect(checkMapping('hubspot-contacts', set(base, 'Email', null))).toEqual(['no column is mapped to Email']);
    expect(checkMapping('hubspot-contacts', set(base, 'Job Title', 'firstName'))).toEqual([
      '"First Name" and "Job Title" are both mapped to First name; choose one',
    ]);
    expect(checkMapping('hubspot-contacts', set(base, 'Job Title', 'eventType'))).toEqual([
      '"Job Title" is mapped to Event type, which this kind of file does not have',
    ]);
    expect(checkMapping('engagement-events', proposeMapping('engagement-events', ['email', 'type']))).toEqual(['no column is mapped to Time']);
  });
});

describe('sniffFileKind', () => {
  it('tells a marketing pack from CSV', () => {
    expect(sniffFileKind('\ufeff  {"version": 1', 'x.txt')).toBe('pack');
    expect(sniffFileKind('anything', 'pack.JSON')).toBe('pack');
    expect(sniffFileKind('Record ID,Email\n', 'export.csv')).toBe('csv');
  });
});
