import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fc from 'fast-check';
import Papa from 'papaparse';
import { Contact } from '../../lib/model/contact';
import { Campaign, EngagementEvent } from '../../lib/model/marketing';
import {
  ImportError,
  createDirectory,
  eventKey,
  importCsv,
  proposeMapping,
  type CsvImportResult,
  type IncomingContact,
  type MappedBatch,
} from '../../lib/importers';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'imports');
const file = (name: string) => new Blob([readFileSync(join(DIR, name))]);
const run = (name: string, options: Partial<Parameters<typeof importCsv>[1]> = {}) => importCsv(file(name), { file: name, ...options });
const byEmail = (result: CsvImportResult) => new Map(result.contacts.map((c) => [c.emails[0]!, c]));

/** Every object an import returns must be what the model's schema makes of it. */
function expectModelValid(result: CsvImportResult) {
  for (const c of result.contacts) {
    const { stageIsDefault: _, ...contact } = c;
    expect(Contact.parse(contact)).toEqual(contact);
  }
  for (const e of result.events) expect(EngagementEvent.parse(e)).toEqual(e);
  for (const c of result.campaigns) expect(Campaign.parse(c)).toEqual(c);
}

describe('HubSpot contacts', () => {
  it('maps "export all properties": stages in both vocabularies, score, source, dates, company', async () => {
    const result = await run('hubspot-contacts-all-properties.csv');
    expect(result).toMatchObject({ format: 'hubspot-contacts', kind: 'contacts', rows: 6, validRows: 6, invalidRows: 0, errorCount: 0, warningCount: 0 });
    expectModelValid(result);
    const c = byEmail(result);
    expect(c.get('priya.raman@lumenfreight.example')).toEqual({
      id: 'hubspot-51',
      emails: ['priya.raman@lumenfreight.example'],
      firstName: 'Priya',
      lastName: 'Raman',
      title: 'VP Operations',
      company: 'Lumen Freight',
      companyDomain: 'lumenfreight.example',
      crmIds: ['hubspot:51'],
      lifecycleStage: 'mql',
      owner: 'Jordan Ellis',
      originalSource: 'Organic search / google',
      properties: { industry: 'Logistics', companySize: 1200, country: 'Germany', seniority: 'vp', department: 'Operations' },
      becameMqlAt: '2024-03-05T14:22:00.000Z',
      importedScores: [{ system: 'hubspot', label: 'HubSpot Score', value: 82 }],
    });
    expect(c.get('marcus.oyelaran@lumenfreight.example')).toMatchObject({
      lifecycleStage: 'sql',
      becameMqlAt: '2024-03-01T08:00:00.000Z',
      becameSqlAt: '2024-03-12T09:14:00.000Z',
      originalSource: 'Paid search / google / forecasting software',
    });
    // Addresses are stored lower-case.
    expect(c.get('hana.kobayashi@brightkite.example')).toMatchObject({ lifecycleStage: 'lead', properties: { seniority: 'individual' } });
    expect(c.get('tomas.ferreira@brightkite.example')).toMatchObject({ lifecycleStage: 'customer', properties: { seniority: 'c_level' } });
    // "Evangelist" has no stage of its own: a customer.
    expect(c.get('aisha.bello@quarryhill.example')).toMatchObject({ lifecycleStage: 'customer', companyDomain: 'quarryhill.example' });
    expect(c.get('aisha.bello@quarryhill.example')!.importedScores).toBeUndefined();
    // No stage in the file: the default, marked so a merge keeps a stage the contact already has.
    expect(c.get('lena.vogt@quarryhill.example')).toMatchObject({ lifecycleStage: 'lead', stageIsDefault: true, firstName: 'Lena' });
    expect(c.get('priya.raman@lumenfreight.example')!.stageIsDefault).toBeUndefined();
  });

  it('reads the default view with a BOM and accented names', async () => {
    const result = await run('hubspot-contacts-default-view-bom.csv');
    expect(result).toMatchObject({ encoding: 'utf-8', hadBom: true, validRows: 3, errorCount: 0 });
    expect(result.contacts.map((c) => [c.id, c.firstName, c.lastName, c.company, c.owner])).toEqual([
      ['hubspot-101', 'Zoë', 'Lindqvist', 'Fjordline Shipping', 'Jordan Ellis'],
      ['hubspot-102', 'José', 'Álvarez', 'Solana Tech', 'Sam Rivera'],
      ['hubspot-103', 'Chloé', 'Dubois', 'Solana Tech', 'Sam Rivera'],
    ]);
  });

  it('lists every invalid row with file, line, column, value and reason, and returns only valid rows', async () => {
    const result = await run('hubspot-contacts-invalid-rows.csv');
    expect(result).toMatchObject({ rows: 7, validRows: 2, invalidRows: 5, errorCount: 5 });
    expect(result.contacts.map((c) => c.emails[0])).toEqual(['valid.person@acme.example', 'mary.anne@acme.example']);
    // A quoted line break inside a name stays on spreadsheet line 6; the row after it is line 7.
    expect(result.contacts[1]).toMatchObject({ firstName: 'Mary Anne', lifecycleStage: 'subscriber' });
    const name = 'hubspot-contacts-invalid-rows.csv';
    expect(result.errors).toEqual([
      { file: name, line: 3, column: 'Email', cell: 'D3', value: 'bad.email@@acme.example', reason: 'is not an email address' },
      {
        file: name,
        line: 4,
        column: 'Lifecycle Stage',
        cell: 'E4',
        value: 'Champion',
        reason:
          'is not a lifecycle stage Lens knows; the stages are Subscriber, Lead, MQL, SQL, Opportunity, Customer, Other (a custom stage can be mapped to one of them)',
      },
      {
        file: name,
        line: 5,
        column: 'Became a Marketing Qualified Lead Date',
        cell: 'F5',
        value: '2024-02-30 10:00',
        reason: 'has day 30, but that month has 29 days',
      },
      {
        file: name,
        line: 7,
        column: 'Became a Marketing Qualified Lead Date',
        cell: 'F7',
        value: 'yesterday',
        reason: 'is not a date Lens reads (e.g. 2024-03-05 14:22, 3/5/2024, 2024-03-05T14:22:00Z)',
      },
      {
        file: name,
        line: 8,
        column: 'Became a Marketing Qualified Lead Date',
        cell: 'F8',
        value: '',
        reason: "has 5 of the header's 9 columns (is the line cut short?)",
      },
    ]);
  });

  it('maps a custom stage when told how, and reports every problem of a row', async () => {
    const result = await run('hubspot-contacts-invalid-rows.csv', { stageOverrides: { champion: 'customer' } });
    expect(result.contacts.find((c) => c.emails[0] === 'unknown.stage@acme.example')?.lifecycleStage).toBe('customer');
    const csv = 'Record ID,Email,Lifecycle Stage,HubSpot Score,Number of Employees\nabc,not-an-email,Champion,this score is far too long,lots\n';
    const bad = await importCsv(csv, { file: 'bad.csv' });
    expect(bad.errors.map((e) => [e.cell, e.reason])).toEqual([
      ['B2', 'is not an email address'],
      ['A2', 'is not a record id (a HubSpot Record ID is a number)'],
      ['C2', expect.stringMatching(/^is not a lifecycle stage/)],
      ['E2', 'is not a number of employees'],
      ['D2', 'is too long for a score (at most 20 characters)'],
    ]);
    expect(bad).toMatchObject({ invalidRows: 1, validRows: 0, errorCount: 5 });
  });

  it('reports what only the model schema catches on the column it came from', async () => {
    const csv = `Email,Job Title,First Name\na@x.example,${'Director '.repeat(40)},Ann\n`;
    const result = await importCsv(csv, { file: 'long.csv', format: 'hubspot-contacts' });
    expect(result.errors).toEqual([
      { file: 'long.csv', line: 2, column: 'Job Title', cell: 'B2', value: expect.stringMatching(/^Director/), reason: 'must be at most 300 characters' },
    ]);
  });

  it('says when the same person is in the file twice (the merge joins them)', async () => {
    const csv = 'Email,First Name,Work email\nzoe@x.example,Zoe,\nother@x.example,Zoe,ZOE@x.example\n';
    const result = await importCsv(csv, { file: 'twice.csv', format: 'hubspot-contacts' });
    expect(result.contacts[1]!.emails).toEqual(['other@x.example', 'zoe@x.example']);
    expect(result.warnings).toEqual([
      { file: 'twice.csv', line: 3, column: 'Work email', cell: 'C3', value: 'zoe@x.example', reason: 'is also on line 2: the two rows are merged into one contact' },
    ]);
  });
});

describe('Salesforce', () => {
  it('maps a leads report: statuses, 18-character ids, rating, a footer left out', async () => {
    const result = await run('salesforce-leads-report.csv');
    expect(result).toMatchObject({ format: 'salesforce-report', rows: 4, validRows: 4, footerLines: 5, errorCount: 0 });
    expectModelValid(result);
    expect(result.contacts.map((c) => [c.crmIds[0], c.lifecycleStage, c.importedScores?.[0]?.value, c.properties.companySize])).toEqual([
      ['salesforce:00Q5g00000AbCdEEAV', 'sql', 'Hot', 320],
      ['salesforce:00Q5g00000AbCdFEAV', 'lead', 'Warm', 320],
      ['salesforce:00Q5g00000AbCdGEAV', 'opportunity', 'Hot', 2400],
      ['salesforce:00Q5g00000AbCdHEAV', 'other', 'Cold', undefined],
    ]);
    expect(result.contacts[0]).toMatchObject({ originalSource: 'Webinar', owner: 'Jordan Ellis', company: 'Tidewater Analytics' });
  });

  it('maps a contacts report saved by a German Excel: Windows-1252, ";", numbers with dots', async () => {
    const result = await run('salesforce-contacts-report-excel-de.csv');
    expect(result).toMatchObject({ encoding: 'windows-1252', delimiter: ';', validRows: 3, errorCount: 0 });
    expect(result.contacts.map((c) => [c.firstName, c.lastName, c.company, c.properties.companySize, c.lifecycleStage, c.stageIsDefault])).toEqual([
      ['Jürgen', 'Müller', 'Nordlicht Logistik GmbH', 1800, 'other', true],
      ['Bérénice', 'Lefèvre', 'Société Générale de Fret', 450, 'other', true],
      ['Søren', 'Østergaard', 'Fjordline Shipping', 2400, 'other', true],
    ]);
    expect(result.contacts[2]!.title).toBe('Leiter Controlling (€-Budget)');
  });

  it('maps a Data Loader export to the same records as the report', async () => {
    const [loader, report] = await Promise.all([run('salesforce-leads-dataloader.csv'), run('salesforce-leads-report.csv')]);
    expect(loader).toMatchObject({ format: 'salesforce-dataloader', validRows: 3, errorCount: 0 });
    expect(loader.contacts[0]!.crmIds).toEqual(report.contacts[0]!.crmIds);
    expect(loader.contacts[0]!.id).toBe(report.contacts[0]!.id);
    expect(loader.contacts[0]!.importedScores).toEqual([{ system: 'salesforce', label: 'Account Engagement score', value: 87 }]);
    expect(loader.contacts.map((c) => c.lifecycleStage)).toEqual(['sql', 'lead', 'lead']);
  });

  it('turns campaign members into campaigns and events for known people', async () => {
    const [leads, contacts] = await Promise.all([run('salesforce-leads-report.csv'), run('salesforce-contacts-report-excel-de.csv')]);
    const directory = createDirectory({ contacts: [...leads.contacts, ...contacts.contacts] });
    const result = await run('salesforce-campaign-members-report.csv', { directory });
    expect(result).toMatchObject({ format: 'salesforce-campaign-members', kind: 'campaign-members', rows: 6, validRows: 5, skippedRows: 1, errorCount: 0 });
    expectModelValid(result);
    expect(result.campaigns).toEqual([
      { id: 'salesforce-7015g000000QrStAAK', name: 'Webinar: Forecasting Without Spreadsheets', type: 'webinar', startedAt: '2024-03-01T00:00:00.000Z' },
      { id: 'salesforce-7015g000000QrSuAAK', name: 'Ops Efficiency Nurture', type: 'email_nurture', startedAt: '2024-02-01T00:00:00.000Z' },
      { id: 'salesforce-7015g000000QrSvAAK', name: 'Logistics Summit Hamburg', type: 'event', startedAt: '2024-04-10T00:00:00.000Z' },
    ]);
    expect(result.events.map((e) => [e.contactId, e.type, e.at.slice(0, 10), e.details])).toEqual([
      ['salesforce-00Q5g00000AbCdEEAV', 'webinar_registered', '2024-03-02', 'Campaign member status: Registered'],
      ['salesforce-00Q5g00000AbCdFEAV', 'webinar_attended', '2024-03-14', 'Campaign member status: Attended'],
      // No response date: the time they were added.
      ['salesforce-00Q5g00000AbCdGEAV', 'webinar_registered', '2024-03-01', 'Campaign member status: No Show'],
      // "Sent" (line 5) is no engagement and is skipped; "Responded" to an email campaign is a click.
      ['salesforce-0035g00000XyZaCAAV', 'email_click', '2024-02-14', 'Campaign member status: Responded'],
      // No Salesforce id: found by email.
      ['salesforce-0035g00000XyZaDAAV', 'event_visited', '2024-04-10', 'Campaign member status: Attended'],
    ]);
  });

  it('reports campaign members it cannot place', async () => {
    const result = await run('salesforce-campaign-members-report.csv', { directory: createDirectory({}) });
    expect(result.errorCount).toBe(5);
    expect(result.errors[0]).toMatchObject({ line: 2, column: 'Lead/Contact ID', value: '00Q5g00000AbCdE', reason: expect.stringContaining('import the leads/contacts first') });
    expect(result.errors.at(-1)).toMatchObject({ line: 7, column: 'Email', value: 'soren.ostergaard@fjordline.example' });
  });
});

describe('Mautic contacts', () => {
  it('maps points, stage, position and the LinkedIn profile', async () => {
    const result = await run('mautic-contacts-export.csv');
    expect(result).toMatchObject({ format: 'mautic-contacts', validRows: 4, errorCount: 0 });
    expectModelValid(result);
    expect(result.contacts.map((c) => [c.id, c.title, c.lifecycleStage, c.importedScores, c.linkedinSlug, c.crmIds])).toEqual([
      ['mautic-12', 'Head of Logistics', 'mql', [{ system: 'mautic', label: 'Points', value: 145 }], 'ingrid-halvorsen-example', []],
      ['mautic-13', 'Procurement Manager', 'lead', [{ system: 'mautic', label: 'Points', value: 40 }], undefined, []],
      ['mautic-14', 'Chief Scientific Officer', 'lead', [{ system: 'mautic', label: 'Points', value: 0 }], 'amara-nwosu-example', []],
      ['mautic-15', undefined, 'subscriber', [{ system: 'mautic', label: 'Points', value: 5 }], undefined, []],
    ]);
    expect(result.contacts[1]!.lastName).toBe('Novák');
    expect(result.contacts[0]!.companyDomain).toBe('fjordline.example');
  });
});

describe('engagement events', () => {
  const known = createDirectory({
    contacts: [
      { id: 'ct-priya', emails: ['priya.raman@lumenfreight.example'], crmIds: [] },
      { id: 'ct-marcus', emails: ['marcus.oyelaran@lumenfreight.example'], crmIds: [] },
      { id: 'ct-hana', emails: ['hana.kobayashi@brightkite.example'], crmIds: [] },
      { id: 'ct-tomas', emails: ['tomas.ferreira@brightkite.example'], crmIds: [] },
    ],
    campaigns: [{ id: 'cmp-webinar-forecast', name: 'Webinar: Forecasting Without Spreadsheets' }],
    content: [{ id: 'asset-wp-benchmark', url: 'https://lens.example/benchmark', title: '2024 Warehouse Cost Benchmark' }],
  });

  it('maps event words of several tools, dates of several formats, and known campaigns and content', async () => {
    const result = await run('engagement-events.csv', { directory: known });
    expect(result).toMatchObject({ format: 'engagement-events', kind: 'events', rows: 6, validRows: 5, skippedRows: 1, errorCount: 0 });
    expectModelValid(result);
    expect(result.events.map((e) => [e.contactId, e.type, e.at, e.campaignId ?? null, e.contentId ?? null])).toEqual([
      ['ct-priya', 'email_open', '2024-03-05T14:22:00.000Z', 'cmp-ops-efficiency-nurture', null],
      ['ct-priya', 'email_click', '2024-03-05T14:25:00.000Z', 'cmp-ops-efficiency-nurture', 'asset-wp-benchmark'],
      ['ct-marcus', 'form_submit', '2024-03-05T15:02:00.000Z', 'cmp-webinar-forecast', null],
      ['ct-hana', 'page_view', '2024-03-06T10:12:30.000Z', null, null],
      ['ct-tomas', 'meeting_booked', '2024-03-07T08:00:00.000Z', null, null],
    ]);
    // A note over two lines is one value; content Lens does not have is kept in the details, with a warning.
    expect(result.events[1]!.details).toBe('Clicked the benchmark link. Asked about the German edition.');
    expect(result.events[3]!.details).toBe('https://brightkite.example/pricing-guide');
    expect(result.warnings).toEqual([expect.objectContaining({ line: 6, column: 'content', reason: expect.stringContaining('kept in the details') })]);
    // A campaign no one described yet: created from its name, starting at its first event.
    expect(result.campaigns).toEqual([{ id: 'cmp-ops-efficiency-nurture', name: 'Ops Efficiency Nurture', type: 'email_nurture', startedAt: '2024-03-05T14:22:00.000Z' }]);
    // Ids come from the event itself: importing the file again gives the same ones.
    const again = await run('engagement-events.csv', { directory: known });
    expect(again.events.map((e) => e.id)).toEqual(result.events.map((e) => e.id));
    expect(new Set(result.events.map(eventKey)).size).toBe(5);
  });

  it('reads a tab-separated events file', async () => {
    const directory = createDirectory({
      contacts: [
        { id: 'a', emails: ['grace.okafor@tidewater.example'], crmIds: [] },
        { id: 'b', emails: ['felix.brandt@tidewater.example'], crmIds: [] },
        { id: 'c', emails: ['imani.clarke@harborline.example'], crmIds: [] },
      ],
    });
    const result = await run('engagement-events-tab.tsv', { directory });
    expect(result).toMatchObject({ delimiter: '\t', validRows: 3, errorCount: 0 });
    expect(result.events.map((e) => e.type)).toEqual(['webinar_attended', 'content_download', 'unsubscribe']);
    expect(result.campaigns.map((c) => [c.id, c.type, c.startedAt])).toEqual([
      ['cmp-webinar-forecasting-without-spreadsheets', 'webinar', '2024-03-14T16:00:00.000Z'],
      ['cmp-ops-efficiency-nurture', 'email_nurture', '2024-03-16T12:00:00.000Z'],
    ]);
  });

  it('gives every spelling of a word, campaign or address the answer its cleaned value gets, row after row', async () => {
    // Each distinct cell is worked out once and remembered as written: the remembered answers must be the same as
    // working each row out afresh, including a campaign's start (its earliest row, wherever that comes).
    const csv = [
      'email,event_type,campaign,timestamp',
      'priya.raman@lumenfreight.example,email_open,Ops Efficiency Nurture,2024-03-05T14:22:00.000Z',
      ' Priya.Raman@LumenFreight.example ,  Email Open ,Ops  Efficiency Nurture ,2024-03-04T09:00:00.000Z',
      'priya.raman@lumenfreight.example,email_open,Ops Efficiency Nurture,  2024-03-01 10:00 ',
      'nobody@x.example,email_open,Never Started,2024-01-01T00:00:00.000Z',
      'marcus.oyelaran@lumenfreight.example,sent,Ops Efficiency Nurture,2020-01-01T00:00:00.000Z',
      'marcus.oyelaran@lumenfreight.example,email_open,,2024-03-07T08:00:00.000Z',
    ].join('\n');
    const result = await importCsv(csv, { file: 'ev.csv', format: 'engagement-events', directory: known });
    expect(result).toMatchObject({ rows: 6, validRows: 4, skippedRows: 1, errorCount: 1 });
    expect(result.events.map((e) => [e.contactId, e.type, e.at, e.campaignId ?? null])).toEqual([
      ['ct-priya', 'email_open', '2024-03-05T14:22:00.000Z', 'cmp-ops-efficiency-nurture'],
      ['ct-priya', 'email_open', '2024-03-04T09:00:00.000Z', 'cmp-ops-efficiency-nurture'],
      ['ct-priya', 'email_open', '2024-03-01T10:00:00.000Z', 'cmp-ops-efficiency-nurture'],
      ['ct-marcus', 'email_open', '2024-03-07T08:00:00.000Z', null],
    ]);
    // The skipped row's date does not move the start; the invalid row's campaign is never made.
    expect(result.campaigns.map((c) => [c.id, c.startedAt])).toEqual([['cmp-ops-efficiency-nurture', '2024-03-01T10:00:00.000Z']]);
    expect(result.errors.map((e) => [e.cell, e.reason])).toEqual([['A5', 'belongs to no contact Lens has: import the contacts first']]);
  });

  it('reports events for unknown people, unknown types and missing times', async () => {
    const csv = 'email,event_type,timestamp\nnobody@x.example,email_open,2024-03-05 10:00\npriya.raman@lumenfreight.example,telepathy,2024-03-05 10:00\npriya.raman@lumenfreight.example,email_open,\nnot-an-email,email_open,2024-03-05 10:00\n';
    const result = await importCsv(csv, { file: 'ev.csv', directory: known });
    expect(result.errors.map((e) => [e.cell, e.reason])).toEqual([
      ['A2', 'belongs to no contact Lens has: import the contacts first'],
      ['B3', expect.stringMatching(/^is not an event type Lens knows/)],
      ['C4', 'is empty: when did it happen?'],
      ['A5', 'is not an email address'],
    ]);
  });
});

describe('importCsv options and failures', () => {
  it('streams valid objects to onBatch instead of collecting them', async () => {
    const lines = ['Record ID,Email,First Name,Lifecycle Stage'];
    for (let i = 1; i <= 2000; i++) lines.push(`${i},p${i}@x.example,P${i},${i % 2 ? 'lead' : 'mql'}`);
    const batches: MappedBatch[] = [];
    const result = await importCsv(new Blob([lines.join('\n')]), { file: 'big.csv', chunkSize: 4096, onBatch: (b) => void batches.push(b) });
    expect(result.contacts).toEqual([]);
    expect(result.validRows).toBe(2000);
    expect(batches.length).toBeGreaterThan(5);
    expect(batches.flatMap((b) => b.contacts).map((c) => c.id)).toEqual(Array.from({ length: 2000 }, (_, i) => `hubspot-${i + 1}`));
  });

  it('uses an adjusted mapping', async () => {
    const csv = 'Record ID,Email,Job Title,Nickname\n7,a@x.example,Ops,Al\n';
    const mapping = proposeMapping('hubspot-contacts', ['Record ID', 'Email', 'Job Title', 'Nickname']).map((m) =>
      m.header === 'Job Title' ? { ...m, field: 'department' as const } : m.header === 'Nickname' ? { ...m, field: 'firstName' as const } : m,
    );
    const result = await importCsv(csv, { file: 'x.csv', format: 'hubspot-contacts', mapping });
    expect(result.contacts[0]).toMatchObject({ firstName: 'Al', properties: { department: 'Ops' } });
    expect(result.contacts[0]!.title).toBeUndefined();
  });

  it('refuses what it cannot import as a whole, with a specific error', async () => {
    await expect(importCsv('Name,Colour\nA,red\n', { file: 'x.csv' })).rejects.toMatchObject({ code: 'unknown-format', file: 'x.csv' });
    await expect(importCsv('Record ID,Email\n', { file: 'x.csv' })).rejects.toMatchObject({ code: 'no-rows' });
    await expect(importCsv('Record ID,First Name\n1,A\n', { file: 'x.csv', format: 'hubspot-contacts' })).rejects.toMatchObject({
      code: 'mapping',
      message: 'The column mapping cannot be used: no column is mapped to Email.',
    });
    await expect(importCsv('Email\na@x.example\n', { file: 'x.csv', format: 'hubspot-contacts', timeZone: 'Mars/Olympus' })).rejects.toBeInstanceOf(ImportError);
    const otherFile = proposeMapping('hubspot-contacts', ['Email', 'Record ID']);
    await expect(importCsv('Record ID,Email\n1,a@x.example\n', { file: 'x.csv', format: 'hubspot-contacts', mapping: otherFile })).rejects.toMatchObject({
      code: 'mapping',
      message: expect.stringContaining('the mapping was made for other columns ("Email", "Record ID")'),
    });
  });

  it('reads naive times in the exporting user\'s zone, and slashed dates in the order the file shows', async () => {
    const csv = 'Lead ID,Email,Lead Status,Created Date\n00Q5g00000AbCdE,a@x.example,Open,13/05/2024\n';
    const berlin = await importCsv('Record ID,Email,Became a Marketing Qualified Lead Date\n1,a@x.example,2024-07-01 10:00\n', {
      file: 'x.csv',
      timeZone: 'Europe/Berlin',
    });
    expect(berlin.contacts[0]!.becameMqlAt).toBe('2024-07-01T08:00:00.000Z');
    expect((await importCsv(csv, { file: 'x.csv' })).dateOrder).toBe('dmy');
    expect((await importCsv(csv.replace('13/05', '3/05'), { file: 'x.csv', locale: 'en-GB' })).dateOrder).toBe('dmy');
    expect((await importCsv(csv.replace('13/05', '3/05'), { file: 'x.csv', locale: 'en-US' })).dateOrder).toBe('mdy');
  });

  it('reads a File again as Windows-1252 when UTF-8 text comes before bytes that are not', async () => {
    const utf8Part = new TextEncoder().encode('Email,First Name\nzoe@x.example,Zoë\n');
    // "Jürgen" in Windows-1252, 5 000 rows later, past the first slice.
    const filler = new TextEncoder().encode('p@x.example,Plain\n'.repeat(5000));
    const cp1252Part = new Uint8Array([...new TextEncoder().encode('j@x.example,J'), 0xfc, ...new TextEncoder().encode('rgen\n')]);
    const input = new Blob([utf8Part, filler, cp1252Part]);
    const onRestart = vi.fn<() => void>();
    const collected: IncomingContact[] = [];
    const result = await importCsv(input, {
      file: 'mixed.csv',
      format: 'hubspot-contacts',
      chunkSize: 4096,
      onBatch: (b) => void collected.push(...b.contacts),
      onRestart: () => {
        onRestart();
        collected.length = 0;
      },
    });
    expect(onRestart).toHaveBeenCalledTimes(1);
    expect(result.encoding).toBe('windows-1252');
    expect(collected.at(-1)!.firstName).toBe('Jürgen');
    expect(collected[0]!.firstName).toBe('ZoÃ«');
    await expect(importCsv(input, { file: 'mixed.csv', format: 'hubspot-contacts', chunkSize: 4096, onBatch: () => undefined })).rejects.toMatchObject({
      code: 'mixed-encoding',
    });
  });

  it('cancels through its signal', async () => {
    const lines = ['Record ID,Email'];
    for (let i = 1; i <= 5000; i++) lines.push(`${i},p${i}@x.example`);
    const controller = new AbortController();
    const running = importCsv(new Blob([lines.join('\n')]), {
      file: 'big.csv',
      chunkSize: 2048,
      signal: controller.signal,
      onProgress: (p) => p.rows > 500 && controller.abort(),
    });
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('CSV round trip (property)', () => {
  const word = fc.stringMatching(/^[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ '\-.,"]{0,20}$/).map((s) => s.trim()).filter((s) => s !== '');
  const row = fc.record({
    id: fc.integer({ min: 1, max: 10_000_000 }),
    email: fc.tuple(fc.stringMatching(/^[a-z][a-z0-9_]{0,5}(\.[a-z0-9_]{1,5})?$/), fc.constantFrom('x.example', 'Acme.example')).map(([l, d]) => `${l}@${d}`),
    first: word,
    last: word,
    title: fc.option(word, { nil: '' }),
    stage: fc.constantFrom('Subscriber', 'lead', 'marketingqualifiedlead', 'Sales Qualified Lead', 'Opportunity', 'customer', 'Other', ''),
    score: fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }),
    note: fc.string({ maxLength: 30 }),
  });

  it('maps any row the same way whatever papaparse had to quote, and whatever the separator', async () => {
    const header = ['Record ID', 'Email', 'First Name', 'Last Name', 'Job Title', 'Lifecycle Stage', 'HubSpot Score', 'Notes'];
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 8 }), fc.constantFrom(',', ';', '\t'), async (rows, delimiter) => {
        const data = rows.map((r) => [String(r.id), r.email, r.first, r.last, r.title, r.stage, r.score === undefined ? '' : String(r.score), r.note]);
        const csv = Papa.unparse({ fields: header, data }, { delimiter, newline: '\r\n' });
        const result = await importCsv(new Blob([csv]), { file: 'p.csv' });
        expect(result.delimiter).toBe(delimiter);
        expect(result.errorCount).toBe(0);
        expect(result.contacts).toHaveLength(rows.length);
        result.contacts.forEach((c, i) => {
          const r = rows[i]!;
          expect(c.id).toBe(`hubspot-${r.id}`);
          expect(c.emails).toEqual([r.email.toLowerCase()]);
          expect([c.firstName, c.lastName, c.title ?? '']).toEqual([r.first, r.last, r.title].map((s) => s.replace(/\s+/g, ' ')));
          expect(c.importedScores?.[0]?.value).toBe(r.score);
          expect(c.stageIsDefault).toBe(r.stage === '' ? true : undefined);
        });
      }),
      { numRuns: 80 },
    );
  });
});
