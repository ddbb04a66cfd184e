import type { z } from 'zod';
import { Email } from '../model/common';
import { Contact, LIFECYCLE_LABEL, type ImportedScore, type LifecycleStage, type Seniority } from '../model/contact';
import { Campaign, EngagementEvent, type CampaignType, type ContentAsset, type EventType } from '../model/marketing';
import type { CsvRow } from './csv';
import { parseImportDate, type DateOptions } from './dates';
import { formatSpec, type FormatSpec } from './formats';
import type { EventColumns } from './event-columns';
import {
  Hash64,
  SALESFORCE_ID,
  clean,
  clip,
  columnLetter,
  domainOf,
  hash64,
  issueValue,
  linkedinSlugOf,
  normKey,
  parseCount,
  parseScore,
  salesforceId18,
  slug,
} from './text';
import type { ColumnMapping, CsvFormatId, DateOrder, IncomingContact, RowIssue, TargetField } from './types';
import {
  CAMPAIGN_TYPE_WORDS,
  EVENT_WORDS,
  LIFECYCLE_STAGES,
  NOT_ENGAGEMENT,
  SENIORITY_WORDS,
  STAGE_WORDS,
  campaignTypeFromName,
  memberStatusEvent,
  sourceLabel,
} from './vocab';

/**
 * Rows → model objects. Every row is built from its mapped cells, each cell converted with a specific message when it
 * cannot be (bad date, unknown stage), then the whole object is parsed with the model's zod schema; a row with any
 * error yields nothing and its errors name the file, line, column and value. Nothing here writes anywhere.
 */

/** What the importer knows already (from the store, or files imported before in the same session). */
export interface Directory {
  contactByEmail(email: string): string | undefined;
  contactByCrmId(crmId: string): string | undefined;
  /** A campaign by id or name. */
  campaign(idOrName: string): string | undefined;
  /** A content asset by id, URL or title. */
  content(idUrlOrTitle: string): string | undefined;
}

/** A Directory over arrays (a Map of 100k entries builds in tens of milliseconds); the store's is directoryFrom. */
export function createDirectory(data: {
  contacts?: readonly Pick<Contact, 'id' | 'emails' | 'crmIds'>[];
  campaigns?: readonly Pick<Campaign, 'id' | 'name'>[];
  content?: readonly Pick<ContentAsset, 'id' | 'url' | 'title'>[];
}): Directory {
  const emails = new Map<string, string>();
  const crm = new Map<string, string>();
  for (const c of data.contacts ?? []) {
    for (const e of c.emails) if (!emails.has(e.toLowerCase())) emails.set(e.toLowerCase(), c.id);
    for (const id of c.crmIds) if (!crm.has(id)) crm.set(id, c.id);
  }
  const campaigns = new Map<string, string>();
  for (const c of data.campaigns ?? []) {
    campaigns.set(c.id, c.id);
    if (!campaigns.has(`name:${normKey(c.name)}`)) campaigns.set(`name:${normKey(c.name)}`, c.id);
  }
  const content = new Map<string, string>();
  for (const a of data.content ?? []) {
    content.set(a.id, a.id);
    content.set(`url:${urlKey(a.url)}`, a.id);
    if (!content.has(`title:${normKey(a.title)}`)) content.set(`title:${normKey(a.title)}`, a.id);
  }
  return {
    contactByEmail: (email) => emails.get(email.toLowerCase()),
    contactByCrmId: (id) => crm.get(id),
    campaign: (v) => campaigns.get(v.trim()) ?? campaigns.get(`name:${normKey(v)}`),
    content: (v) => content.get(v.trim()) ?? content.get(`url:${urlKey(v)}`) ?? content.get(`title:${normKey(v)}`),
  };
}

function urlKey(url: string): string {
  return url.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/+$/, '');
}

export interface MapOptions {
  file: string;
  format: CsvFormatId;
  header: readonly string[];
  mapping: ColumnMapping;
  dateOrder: DateOrder;
  /** IANA zone of dates written without an offset. */
  timeZone: string;
  /** Numbers use a decimal comma (a `;`-separated file from a European Excel). */
  decimalComma: boolean;
  directory?: Directory;
  /** Extra stage words (the file's word, any spelling → stage), e.g. a HubSpot custom stage or a Mautic stage name. */
  stageOverrides?: Readonly<Record<string, LifecycleStage>>;
  /** At most this many errors and warnings are listed (all are counted); 1,000 by default. */
  maxIssues?: number;
  /**
   * Where valid events go, column by column (see EventColumns): a 1M-row file never becomes a million objects on its
   * way to the store, nor is copied from batch to batch.
   */
  events: EventColumns;
}

/** What a piece of the file produced; only valid rows are in it. */
export interface MappedBatch {
  contacts: IncomingContact[];
  /** How many valid events the piece added to MapOptions.events. */
  events: number;
  campaigns: Campaign[];
}

const emptyBatch = (): MappedBatch => ({ contacts: [], events: 0, campaigns: [] });

/** The event fields checked value by value (see RowMapper.eventField), with the column an error is reported in. */
type CheckedEventField = 'campaignId' | 'contentId' | 'details';

export interface MapStats {
  /** Data rows seen. */
  rows: number;
  valid: number;
  invalid: number;
  /** Rows that are fine but record nothing Lens keeps (an email "sent", a campaign member only "invited"). */
  skipped: number;
}

const SCORE_LABELS: Record<string, string> = {
  piscorec: 'Account Engagement score',
  pigradec: 'Account Engagement grade',
  points: 'Points',
};

/** Maps rows of one file, batch by batch; keeps the counts and issues across batches. */
export class RowMapper {
  readonly stats: MapStats = { rows: 0, valid: 0, invalid: 0, skipped: 0 };
  readonly errors: RowIssue[] = [];
  readonly warnings: RowIssue[] = [];
  errorCount = 0;
  warningCount = 0;
  private readonly spec: FormatSpec;
  private readonly single = new Map<TargetField, number>();
  private readonly multi = new Map<TargetField, number[]>();
  private readonly dates: DateOptions;
  private readonly maxIssues: number;
  private readonly stageOverrides = new Map<string, LifecycleStage>();
  private readonly seenEmails = new Map<string, number>();
  private readonly campaigns = new Map<string, CampaignEntry>();
  private readonly campaignIds = new Map<string, { id: string; known: boolean }>();
  /** Vocabulary lookups by the file's own spelling: the same few words repeat on every row. */
  private readonly eventWords = new Map<string, EventType | 'skip' | null>();
  private readonly stageWords = new Map<string, LifecycleStage | null>();
  private readonly seniorityWords = new Map<string, Seniority | null>();
  private batch: MappedBatch = emptyBatch();
  /** Per event field, each distinct value → the schema's output for it, or why the schema refused it. */
  private readonly eventFieldChecks: Record<CheckedEventField, Map<string, { ok: true; value: string } | { ok: false; reasons: string[] }>> = {
    campaignId: new Map(),
    contentId: new Map(),
    details: new Map(),
  };
  /** Per contact id, and per address as the file writes it: see eventContact. */
  private readonly eventContacts = new Map<string, EventContact>();
  // A dictionary without a prototype (so an address never names a property of Object): V8 answers it about twice as
  // fast as a Map for ~100k fresh strings, which a 1M-row file makes one a row.
  private readonly eventContactsByEmail: Record<string, EventContact | undefined> = Object.create(null) as Record<string, EventContact | undefined>;
  private readonly keyHash = new Hash64();
  /**
   * An events file repeats a few event words and campaigns on every row: each distinct cell, as written, is worked
   * out once (cleaned, looked up, its campaign introduced), so those columns cost a row one Map lookup each.
   */
  private readonly eventTypeCells = new Map<string, EventType | 'skip' | 'unknown' | 'empty'>();
  private readonly campaignCells = new Map<string, { id: string | undefined; track: CampaignEntry | undefined }>();
  private eventColumns: EventColumnIndexes | undefined;
  private row!: CsvRow;
  private rowErrors: RowIssue[] = [];

  constructor(private readonly options: MapOptions) {
    this.spec = formatSpec(options.format);
    for (const m of options.mapping) {
      if (!m.field) continue;
      if (!this.single.has(m.field)) this.single.set(m.field, m.index);
      this.multi.set(m.field, [...(this.multi.get(m.field) ?? []), m.index]);
    }
    this.dates = { dateOrder: options.dateOrder, timeZone: options.timeZone };
    this.maxIssues = options.maxIssues ?? 1000;
    for (const [word, stage] of Object.entries(options.stageOverrides ?? {})) this.stageOverrides.set(normKey(word), stage);
  }

  /** Maps one row into the current batch (or records why it cannot be). */
  add(row: CsvRow): void {
    this.row = row;
    this.rowErrors = [];
    this.stats.rows++;
    if (row.problem) {
      // A quote left open swallows the rest of the file into one value: say how much, or the error looks like one bad cell.
      const reason = row.unclosedLines
        ? `${row.problem}: it runs to the end of the file, taking in ${row.unclosedLines.toLocaleString('en-US')} more text ${row.unclosedLines === 1 ? 'line' : 'lines'}`
        : row.problem;
      this.fail(row.problemColumn, reason, row.cells[row.problemColumn ?? -1] ?? '');
    } else {
      const kind = this.spec.kind;
      const outcome = kind === 'contacts' ? this.contact() : kind === 'events' ? this.event() : this.member();
      if (outcome === 'skip') {
        this.stats.skipped++;
        return;
      }
    }
    if (this.rowErrors.length > 0) {
      this.stats.invalid++;
      this.errorCount += this.rowErrors.length;
      for (const issue of this.rowErrors) if (this.errors.length < this.maxIssues) this.errors.push(issue);
    } else this.stats.valid++;
  }

  /** The valid objects mapped since the last call. Campaigns come with finish(): their start is the earliest row's. */
  take(): MappedBatch {
    const out = this.batch;
    this.batch = emptyBatch();
    return out;
  }

  /** The last batch, with the campaigns the file named. */
  finish(): MappedBatch {
    const out = this.take();
    for (const { campaign, line } of this.campaigns.values()) {
      const parsed = Campaign.safeParse(campaign);
      if (parsed.success) out.campaigns.push(parsed.data);
      else {
        this.errorCount++;
        const issue = { file: this.options.file, line, column: '', value: campaign.name, reason: `campaign: ${zodReason(parsed.error)}` };
        if (this.errors.length < this.maxIssues) this.errors.push(issue);
      }
    }
    return out;
  }

  // ---- cells ----

  private cell(field: TargetField): string | undefined {
    const i = this.single.get(field);
    return i === undefined ? undefined : clean(this.row.cells[i]);
  }

  private columns(field: TargetField): number[] {
    return this.multi.get(field) ?? [];
  }

  private issue(column: number | undefined, reason: string, value?: string): RowIssue {
    const header = column === undefined ? '' : (this.options.header[column] ?? `(column ${columnLetter(column)})`);
    const issue: RowIssue = {
      file: this.options.file,
      line: this.row.line,
      column: header,
      value: issueValue(value ?? (column === undefined ? '' : (this.row.cells[column] ?? ''))),
      reason,
    };
    if (column !== undefined) issue.cell = `${columnLetter(column)}${this.row.line}`;
    return issue;
  }

  private fail(column: number | undefined, reason: string, value?: string): void {
    this.rowErrors.push(this.issue(column, reason, value));
  }

  private fieldFail(field: TargetField, reason: string, value?: string): undefined {
    this.fail(this.single.get(field), reason, value);
    return undefined;
  }

  private warn(column: number | undefined, reason: string, value?: string): void {
    this.warningCount++;
    if (this.warnings.length < this.maxIssues) this.warnings.push(this.issue(column, reason, value));
  }

  private date(field: TargetField): Instant | undefined {
    const raw = this.cell(field);
    return raw === undefined ? undefined : this.dateOf(field, raw);
  }

  private dateOf(field: TargetField, raw: string): Instant | undefined {
    const result = parseImportDate(raw, this.dates);
    if (result.ok) return result;
    this.fieldFail(field, result.reason);
    return undefined;
  }

  // ---- contacts ----

  private contact(): void {
    const emails: string[] = [];
    const emailColumns: number[] = [];
    for (const field of ['email', 'otherEmails'] as const)
      for (const col of this.columns(field)) {
        const raw = this.row.cells[col]?.trim() ?? '';
        if (raw === '') continue;
        const parts = field === 'email' ? [raw] : raw.split(/[;,\s]+/).filter(Boolean);
        for (const part of parts) {
          const parsed = Email.safeParse(part);
          if (!parsed.success) this.fail(col, 'is not an email address', part);
          else if (!emails.includes(parsed.data)) {
            emails.push(parsed.data);
            emailColumns.push(col);
          }
        }
      }
    if (emails.length === 0 && this.rowErrors.length === 0)
      this.fail(this.single.get('email') ?? this.single.get('otherEmails'), 'is empty, and every contact needs an email');

    let firstName = this.cell('firstName');
    let lastName = this.cell('lastName');
    const fullName = this.cell('fullName');
    if (firstName === undefined && lastName === undefined && fullName) {
      const words = fullName.split(' ');
      lastName = words.length > 1 ? words.pop() : undefined;
      firstName = words.join(' ');
    }

    const record = this.cell('recordId');
    let ref: ReturnType<NonNullable<FormatSpec['recordRef']>>;
    if (record !== undefined) {
      ref = this.spec.recordRef?.(record);
      if (!ref) this.fieldFail('recordId', `is not a record id (${this.spec.recordIdHint ?? 'unexpected value'})`);
    }

    const stageWord = this.cell('lifecycleStage');
    let lifecycleStage: LifecycleStage = this.spec.defaultStage(record);
    if (stageWord !== undefined) {
      const stage = this.stage(stageWord);
      if (stage) lifecycleStage = stage;
      else
        this.fieldFail(
          'lifecycleStage',
          `is not a lifecycle stage Lens knows; the stages are ${LIFECYCLE_STAGES.map((s) => LIFECYCLE_LABEL[s]).join(', ')} (a custom stage can be mapped to one of them)`,
        );
    }

    let companyDomain: string | undefined;
    const domainCell = this.cell('companyDomain') ?? this.cell('website');
    if (domainCell !== undefined) {
      companyDomain = domainOf(domainCell);
      if (!companyDomain) this.warn(this.single.get('companyDomain') ?? this.single.get('website'), 'is not a domain name or web address; left out');
    }

    let linkedinSlug: string | undefined;
    const linkedin = this.cell('linkedin');
    if (linkedin !== undefined) {
      linkedinSlug = linkedinSlugOf(linkedin);
      if (!linkedinSlug) this.warn(this.single.get('linkedin'), 'is not a LinkedIn profile (linkedin.com/in/…); left out');
    }

    const source = this.cell('originalSource');
    const drill = [this.cell('sourceDrillDown1'), this.cell('sourceDrillDown2')].filter((d): d is string => d !== undefined);
    const originalSource = source === undefined ? undefined : [sourceLabel(source), ...drill].join(' / ');
    const campaignCell = this.cell('sourceCampaign');
    const sourceCampaignId = campaignCell === undefined ? undefined : this.options.directory?.campaign(campaignCell);

    let companySize: number | undefined;
    const sizeCell = this.cell('companySize');
    if (sizeCell !== undefined) {
      companySize = parseCount(sizeCell, this.options.decimalComma);
      if (companySize === undefined) this.fieldFail('companySize', 'is not a number of employees');
    }
    const seniorityCell = this.cell('seniority');
    const seniority = seniorityCell === undefined ? undefined : this.seniority(seniorityCell);
    if (seniorityCell !== undefined && !seniority) this.warn(this.single.get('seniority'), 'is not a seniority Lens knows; left out');

    const becameMqlAt = this.date('becameMqlAt')?.iso;
    const becameSqlAt = this.date('becameSqlAt')?.iso;

    const scores: ImportedScore[] = [];
    const scoreColumns: number[] = [];
    for (const col of this.columns('score')) {
      const value = parseScore(this.row.cells[col] ?? '', this.options.decimalComma);
      if (value === undefined) continue;
      if (typeof value === 'string' && value.length > 20) {
        this.fail(col, 'is too long for a score (at most 20 characters)');
        continue;
      }
      const header = this.options.header[col]?.trim() ?? 'Score';
      const label = SCORE_LABELS[normKey(header)] ?? header.charAt(0).toUpperCase() + header.slice(1);
      scores.push({ system: this.spec.system ?? 'hubspot', label, value });
      scoreColumns.push(col);
    }

    if (this.rowErrors.length > 0) return;
    // Only the properties that have a value: the shape a store keeps (deleting them afterwards is slow in V8).
    const properties: Record<string, unknown> = {};
    put(properties, 'industry', this.cell('industry'));
    put(properties, 'companySize', companySize);
    put(properties, 'country', this.cell('country'));
    put(properties, 'seniority', seniority);
    put(properties, 'department', this.cell('department'));
    const candidate: Record<string, unknown> = {
      id: ref?.contactId ?? `email-${hash64(emails[0]!)}`,
      emails,
      firstName: firstName ?? '',
      lastName: lastName ?? '',
    };
    put(candidate, 'title', this.cell('title'));
    put(candidate, 'company', this.cell('company'));
    put(candidate, 'companyDomain', companyDomain);
    put(candidate, 'linkedinSlug', linkedinSlug);
    candidate.crmIds = ref?.crmId ? [ref.crmId] : [];
    candidate.lifecycleStage = lifecycleStage;
    put(candidate, 'owner', this.cell('owner'));
    put(candidate, 'sourceCampaignId', sourceCampaignId);
    put(candidate, 'originalSource', originalSource);
    candidate.properties = properties;
    put(candidate, 'becameMqlAt', becameMqlAt);
    put(candidate, 'becameSqlAt', becameSqlAt);
    if (scores.length > 0) candidate.importedScores = scores;
    const parsed = Contact.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const [top, second] = issue.path;
        const column =
          top === 'emails' && typeof second === 'number'
            ? emailColumns[second]
            : top === 'importedScores' && typeof second === 'number'
              ? scoreColumns[second]
              : top === 'properties' && typeof second === 'string'
                ? this.single.get(second as TargetField)
                : top === 'firstName' || top === 'lastName'
                  ? (this.single.get(top) ?? this.single.get('fullName'))
                  : top === 'linkedinSlug'
                    ? this.single.get('linkedin')
                    : top === 'crmIds'
                      ? this.single.get('recordId')
                      : typeof top === 'string'
                        ? this.single.get(top as TargetField)
                        : undefined;
        this.fail(column, issue.message);
      }
      return;
    }
    const contact: IncomingContact = parsed.data;
    if (stageWord === undefined) contact.stageIsDefault = true;
    for (const email of contact.emails) {
      const first = this.seenEmails.get(email);
      if (first !== undefined && first !== this.row.line)
        this.warn(emailColumns[contact.emails.indexOf(email)], `is also on line ${first}: the two rows are merged into one contact`, email);
      else this.seenEmails.set(email, this.row.line);
    }
    this.batch.contacts.push(contact);
  }

  private stage(word: string): LifecycleStage | undefined {
    let stage = this.stageWords.get(word);
    if (stage === undefined) {
      const key = normKey(word);
      stage = this.stageOverrides.get(key) ?? this.spec.stageWords?.get(key) ?? STAGE_WORDS.get(key) ?? null;
      this.stageWords.set(word, stage);
    }
    return stage ?? undefined;
  }

  private seniority(word: string): Seniority | undefined {
    let known = this.seniorityWords.get(word);
    if (known === undefined) {
      known = SENIORITY_WORDS.get(normKey(word)) ?? null;
      this.seniorityWords.set(word, known);
    }
    return known ?? undefined;
  }

  // ---- events ----

  /**
   * The contact an email names; records why when there is none. Every address in the directory is valid, so a hit
   * needs no validation; only a miss is checked, to tell a malformed address from an unknown person.
   */
  private contactOfEmail(email: string): EventContact | undefined {
    const id = this.options.directory?.contactByEmail(email.toLowerCase());
    if (id) {
      // The address as written (rows repeat it as the file wrote it), so later rows need one lookup.
      const contact = this.eventContact(id);
      this.eventContactsByEmail[email] = contact;
      return contact;
    }
    if (!Email.safeParse(email).success) this.fieldFail('email', 'is not an email address');
    else this.fieldFail('email', 'belongs to no contact Lens has: import the contacts first');
    return undefined;
  }

  private event(): 'skip' | void {
    const cells = this.row.cells;
    const columns = (this.eventColumns ??= this.resolveEventColumns());
    const typeCell = cellAt(cells, columns.type);
    let type = this.eventTypeCells.get(typeCell);
    if (type === undefined) {
      const word = clean(typeCell);
      type = word === undefined ? 'empty' : (this.eventWord(word) ?? 'unknown');
      this.eventTypeCells.set(typeCell, type);
    }
    if (type === 'skip') return 'skip';
    if (type === 'empty') this.fieldFail('eventType', 'is empty: what did the person do?');
    else if (type === 'unknown')
      this.fieldFail('eventType', `is not an event type Lens knows (e.g. ${['email_open', 'email_click', 'page_view', 'form_submit', 'webinar_attended'].join(', ')})`);
    const emailCell = cellAt(cells, columns.email);
    const contact = this.eventContactsByEmail[emailCell] ?? this.contactOfCell(emailCell);
    const at = this.eventTime(cellAt(cells, columns.timestamp));
    if (this.rowErrors.length > 0 || type === 'empty' || type === 'unknown' || !contact || !at) return;

    const campaignCell = cellAt(cells, columns.campaign);
    let campaign = this.campaignCells.get(campaignCell);
    if (!campaign) {
      const name = clean(campaignCell);
      const id = name === undefined ? undefined : this.campaignFor(undefined, name, undefined, at, false);
      campaign = { id, track: id === undefined ? undefined : this.campaigns.get(id) };
      this.campaignCells.set(campaignCell, campaign);
    } else if (campaign.track) this.noteCampaignStart(campaign.track, at, false);

    const contentCell = clean(cellAt(cells, columns.content));
    let contentId: string | undefined;
    let details = clean(cellAt(cells, columns.details));
    if (contentCell !== undefined) {
      contentId = this.options.directory?.content(contentCell);
      if (!contentId) {
        this.warn(this.single.get('content'), 'is no content asset Lens has (by id, URL or title); kept in the details');
        details = details ? `${details} · ${contentCell}` : contentCell;
      }
    }
    this.push(contact, type, at, campaign.id, contentId, details);
  }

  /** The contact a row's email cell names (kept under the cell as written, so later rows need one lookup). */
  private contactOfCell(cell: string): EventContact | undefined {
    const email = clean(cell);
    if (email === undefined) return this.fieldFail('email', 'is empty: whose event is it?');
    const contact = this.eventContactsByEmail[email] ?? this.contactOfEmail(email);
    if (contact) this.eventContactsByEmail[cell] = contact;
    return contact;
  }

  /** A row's time: the cell as it is first (parseImportDate trims, and its patterns take any run of spaces), else why not. */
  private eventTime(cell: string): Instant | undefined {
    const parsed = parseImportDate(cell, this.dates);
    if (parsed.ok) return parsed;
    const when = clean(cell);
    return when === undefined ? this.fieldFail('timestamp', 'is empty: when did it happen?') : this.dateOf('timestamp', when);
  }

  private resolveEventColumns(): EventColumnIndexes {
    const at = (field: TargetField) => this.single.get(field) ?? -1;
    return { type: at('eventType'), email: at('email'), timestamp: at('timestamp'), campaign: at('campaign'), content: at('content'), details: at('details') };
  }

  /** Event words repeat on every row: each distinct spelling is looked up once. */
  private eventWord(word: string): EventType | 'skip' | undefined {
    let known = this.eventWords.get(word);
    if (known === undefined) {
      const key = normKey(word);
      known = NOT_ENGAGEMENT.has(key) ? 'skip' : (EVENT_WORDS.get(key) ?? null);
      this.eventWords.set(word, known);
    }
    return known ?? undefined;
  }

  // ---- campaign members ----

  private member(): 'skip' | void {
    const nameCell = this.cell('campaignName');
    const typeCell = this.cell('campaignType');
    const campaignType: CampaignType =
      (typeCell === undefined ? undefined : CAMPAIGN_TYPE_WORDS.get(normKey(typeCell))) ?? campaignTypeFromName(nameCell ?? '');
    const status = this.cell('memberStatus');
    const respondedCell = this.cell('responded');
    const responded = respondedCell === undefined ? undefined : /^(true|yes|y|1|x|✓)$/i.test(respondedCell) ? true : /^(false|no|n|0)$/i.test(respondedCell) ? false : undefined;
    const type = memberStatusEvent(status ?? '', campaignType, responded);
    // A status that records nothing ("Sent", "Invited") makes the row nothing to place or check.
    if (type === 'skip') return 'skip';
    if (type === undefined)
      this.fieldFail(status === undefined ? 'responded' : 'memberStatus', 'is not a member status Lens can read as engagement (e.g. Responded, Registered, Attended, Opened, Clicked)');

    const record = this.cell('recordId');
    let contactId: string | undefined;
    if (record !== undefined) {
      const ref = this.spec.recordRef?.(record);
      if (!ref?.crmId) this.fieldFail('recordId', `is not a record id (${this.spec.recordIdHint ?? 'unexpected value'})`);
      else contactId = this.options.directory?.contactByCrmId(ref.crmId);
    }
    const email = this.cell('email');
    if (!contactId && email !== undefined) {
      contactId = this.options.directory?.contactByEmail(email.toLowerCase());
      if (!contactId && record === undefined && !Email.safeParse(email).success) this.fieldFail('email', 'is not an email address');
    }
    if (!contactId && this.rowErrors.length === 0)
      this.fieldFail(
        record !== undefined ? 'recordId' : 'email',
        'belongs to no lead or contact Lens has (by Salesforce id or email): import the leads/contacts first',
      );

    const idCell = this.cell('campaignId');
    if (idCell === undefined && nameCell === undefined) this.fieldFail(this.single.has('campaignId') ? 'campaignId' : 'campaignName', 'is empty: which campaign?');
    let campaignRef: string | undefined;
    if (idCell !== undefined) {
      if (SALESFORCE_ID.test(idCell)) campaignRef = salesforceId18(idCell);
      else this.fieldFail('campaignId', 'is not a Salesforce campaign id (15 or 18 letters and digits)');
    }
    const start = this.date('campaignStart');

    const responseAt = this.date('firstRespondedAt');
    const addedAt = this.date('createdAt');
    const at = responseAt ?? addedAt ?? start;
    if (this.rowErrors.length > 0 || type === undefined) return;
    if (!at) {
      this.fail(this.single.get('firstRespondedAt') ?? this.single.get('createdAt'), 'gives no date: the row needs a First Responded Date, Created Date or campaign start');
      return;
    }
    const campaignId = this.campaignFor(campaignRef, nameCell ?? idCell!, campaignType, start ?? at, start !== undefined);
    this.push(this.eventContact(contactId!), type, at, campaignId, undefined, status ? `Campaign member status: ${status}` : undefined);
  }

  // ---- shared ----

  /**
   * The id of a campaign the row names: one Lens has, or one this file introduces, whose start is the campaign's own
   * start date when the file has it, else its earliest row. Names repeat on every row: each is resolved once.
   */
  private campaignFor(salesforceId: string | undefined, name: string, type: CampaignType | undefined, at: Instant, fixedStart: boolean): string {
    const memoKey = `${salesforceId ?? ''}|${name}`;
    let ref = this.campaignIds.get(memoKey);
    if (!ref) {
      const directory = this.options.directory;
      const known = (salesforceId && directory?.campaign(`salesforce-${salesforceId}`)) || directory?.campaign(name);
      ref = known
        ? { id: known, known: true }
        : { id: salesforceId ? `salesforce-${salesforceId}` : `cmp-${slug(name) || hash64(name).slice(0, 12)}`, known: false };
      this.campaignIds.set(memoKey, ref);
    }
    if (ref.known) return ref.id;
    const entry = this.campaigns.get(ref.id);
    if (!entry) {
      const campaign = { id: ref.id, name: clip(name, 300), type: type ?? campaignTypeFromName(name), startedAt: at.iso };
      this.campaigns.set(ref.id, { campaign, line: this.row.line, fixedStart, startMs: at.ms });
    } else this.noteCampaignStart(entry, at, fixedStart);
    return ref.id;
  }

  /** A row of a campaign this file introduces: its own start date when the file gives one, else the earliest row's. */
  private noteCampaignStart(entry: CampaignEntry, at: Instant, fixedStart: boolean): void {
    if (fixedStart ? !entry.fixedStart : !entry.fixedStart && at.ms < entry.startMs) {
      entry.fixedStart = fixedStart;
      entry.startMs = at.ms;
      entry.campaign.startedAt = at.iso;
    }
  }

  /**
   * Adds a valid event to the batch. It is checked against the model's EngagementEvent schema field by field, each
   * distinct value once: a 1M-row file names a few campaigns and contents and at most every contact, so the rows cost
   * map lookups instead of a million schema runs (zod runs without its compiled fast path under the extension's CSP).
   * The rest is valid by construction: the id is `ev-` and 16 hex digits, the type comes from the vocabulary, the
   * contact id from the directory (the ids of contacts the store or this session already validated), and the time is
   * toISOString of an instant parseImportDate kept within 1900–2200 (a property test holds the schema to it).
   */
  private push(contact: EventContact, type: EventType, at: Instant, campaignId?: string, contentId?: string, details?: string): void {
    const campaign = campaignId === undefined ? undefined : this.eventField('campaignId', campaignId);
    const content = contentId === undefined ? undefined : this.eventField('contentId', contentId);
    const text = details === undefined ? undefined : this.eventField('details', clip(details, 300));
    if (campaign === null || content === null || text === null) return;
    // eventKeyOf(contact, type, ms, campaign, content), fed to the hash after the contact's part (hashed once).
    const key = this.keyHash.from(contact.a, contact.b).text(type).code(PIPE).integer(at.ms).code(PIPE).text(campaign ?? '').code(PIPE).text(content ?? '');
    this.options.events.pushNumbered(contact.number, key, type, at.ms, campaign, content, text);
    this.batch.events++;
  }

  /** A contact's number in the events' table and its part of their eventKey hashed, worked out once per contact. */
  private eventContact(id: string): EventContact {
    let entry = this.eventContacts.get(id);
    if (!entry) {
      const hash = new Hash64().text(id).code(PIPE);
      entry = { number: this.options.events.numberOf(id), a: hash.a, b: hash.b };
      this.eventContacts.set(id, entry);
    }
    return entry;
  }

  /** A field's value as the schema outputs it, or null after recording the schema's reasons against its column. */
  private eventField(field: CheckedEventField, value: string): string | null {
    const checks = this.eventFieldChecks[field];
    let check = checks.get(value);
    if (!check) {
      const parsed = EngagementEvent.shape[field].safeParse(value);
      check = parsed.success ? { ok: true, value: parsed.data ?? value } : { ok: false, reasons: parsed.error.issues.map((i) => i.message) };
      checks.set(value, check);
    }
    if (check.ok) return check.value;
    const column: TargetField =
      field === 'campaignId' ? (this.spec.kind === 'events' ? 'campaign' : 'campaignName') : field === 'details' ? 'details' : 'content';
    for (const reason of check.reasons) this.fail(this.single.get(column), reason);
    return null;
  }
}

/** A campaign a file introduces, as the rows naming it are read (see RowMapper.campaignFor). */
interface CampaignEntry {
  campaign: Campaign;
  line: number;
  fixedStart: boolean;
  startMs: number;
}

/** Where an events file's columns are (-1: not mapped). */
interface EventColumnIndexes {
  type: number;
  email: number;
  timestamp: number;
  campaign: number;
  content: number;
  details: number;
}

/** A row's cell by column index; '' for a column not mapped or not in the row. */
const cellAt = (cells: readonly string[], index: number): string => (index < 0 ? '' : (cells[index] ?? ''));

/** A contact events are added for: its number in MapOptions.events, and the hash state after `${id}|` (see Hash64). */
interface EventContact {
  number: number;
  a: number;
  b: number;
}

const PIPE = 124; // '|', eventKeyOf's separator

/** A parsed date: ISO text for the model, milliseconds for comparing and keys. */
interface Instant {
  iso: string;
  ms: number;
}

function put(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined) target[key] = value;
}

function zodReason(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.')} ${i.message}`.trim()).join('; ');
}
