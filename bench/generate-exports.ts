import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { seededRandom } from './random';

/**
 * Synthetic exports for the import-scale bench, written at run time into a temp dir (never committed): a HubSpot
 * contacts export ("export all properties" style headers, so the importers detect it as HubSpot) and a generic
 * engagement-events CSV whose rows name those contacts by email. Seeded: every run writes the same bytes.
 */

const FIRST = ['Ava', 'Noah', 'Mia', 'Liam', 'Zoe', 'Ethan', 'Lena', 'Omar', 'Priya', 'Jonas', 'Chloe', 'Mateo', 'Sara', 'Yuki', 'Ines', 'Kofi', 'Nora', 'Ravi', 'Elif', 'Tomás'];
const LAST = ['Chen', 'Morgan', 'Okafor', 'Schmidt', 'García', 'Nakamura', 'Rossi', 'Dubois', 'Kowalski', 'Haddad', 'Silva', 'Nguyen', 'Larsen', 'Patel', 'Byrne', 'Novak'];
const TITLES = ['VP Operations', 'Director of Supply Chain', 'Head of RevOps', 'Marketing Manager', 'CFO', 'IT Director', 'Operations Analyst', 'Chief Operating Officer'];
const INDUSTRIES = ['Logistics', 'Manufacturing', 'Retail', 'Software', 'Healthcare', 'Financial Services'];
const COUNTRIES = ['United States', 'Germany', 'United Kingdom', 'France', 'Canada', 'Netherlands'];
const STAGES = ['Subscriber', 'Lead', 'Lead', 'Lead', 'Marketing Qualified Lead', 'Sales Qualified Lead', 'Opportunity', 'Customer'];
const SOURCES: [string, string][] = [
  ['PAID_SOCIAL', 'LinkedIn'],
  ['ORGANIC_SEARCH', 'google'],
  ['EMAIL_MARKETING', 'Ops Efficiency Nurture 2026'],
  ['OFFLINE', 'IMPORT'],
  ['DIRECT_TRAFFIC', ''],
];
const OWNERS = ['Jordan Ellis', 'Sam Rivera', 'Alex Kim', 'Taylor Brooks'];
const EVENT_TYPES = ['email_open', 'email_open', 'email_open', 'email_click', 'page_view', 'page_view', 'content_download', 'form_submit', 'webinar_registered', 'webinar_attended'];
const CAMPAIGNS = Array.from({ length: 40 }, (_, i) => `${['Ops Efficiency Nurture', 'Webinar: Forecasting', 'Partner Roadshow', 'Q4 Pricing Push', 'Warehouse Benchmark'][i % 5]} ${2024 + (i % 3)} #${i + 1}`);

export const CONTACTS_HEADER = [
  'Record ID',
  'First Name',
  'Last Name',
  'Email',
  'Job Title',
  'Company Name',
  'Company domain name',
  'Industry',
  'Number of Employees',
  'Country/Region',
  'Lifecycle Stage',
  'Became a Marketing Qualified Lead Date',
  'HubSpot Score',
  'Original Source',
  'Original Source Drill-Down 1',
  'Contact owner',
];
export const EVENTS_HEADER = ['email', 'event_type', 'campaign', 'content', 'timestamp', 'details'];

/** The address of generated contact `i` (0-based); unique per i. */
export function contactEmail(i: number): string {
  return `${FIRST[i % FIRST.length]!.toLowerCase().replace('á', 'a')}.${LAST[(i >> 3) % LAST.length]!.toLowerCase().replace(/[íá]/g, 'a')}.${i}@company${i % 5000}.example`;
}

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
const pad = (n: number) => String(n).padStart(2, '0');
/** "2026-03-04 09:15" as HubSpot writes dates (UTC). */
const hubspotDate = (ms: number) => {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
};

async function writeLines(path: string, header: string[], count: number, row: (i: number) => string): Promise<number> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`${header.join(',')}\n`);
  const CHUNK = 5000;
  for (let at = 0; at < count; at += CHUNK) {
    const lines: string[] = [];
    for (let i = at; i < Math.min(count, at + CHUNK); i++) lines.push(row(i));
    await write(`${lines.join('\n')}\n`);
  }
  out.end();
  await once(out, 'finish');
  return bytes;
}

export interface GeneratedExports {
  contactsFile: string;
  contactsBytes: number;
  contacts: number;
  /** Event files by row count (a prefix of the same seeded stream, so smaller files are samples of the large one). */
  eventFiles: { rows: number; file: string; bytes: number }[];
}

/**
 * Writes `contacts.csv` (HubSpot) and one `events-<n>.csv` per requested size. Events are spread uniformly over the
 * contacts, at distinct seconds within 2025–2026 (so no two rows are the same event), about 40 campaigns.
 */
export async function generateExports(dir: string, options: { contacts: number; eventSizes: number[]; seed?: number }): Promise<GeneratedExports> {
  const seed = options.seed ?? 20_261_120;
  const contactsFile = join(dir, 'hubspot-contacts-100k.csv');
  const rndC = seededRandom(seed);
  const start = Date.UTC(2025, 0, 1);
  const contactsBytes = await writeLines(contactsFile, CONTACTS_HEADER, options.contacts, (i) => {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i >> 3) % LAST.length]!;
    const company = `Company ${i % 5000} ${pick(rndC, ['Logistics', 'Systems', 'Group', 'GmbH', 'Inc.'])}`;
    const stage = pick(rndC, STAGES);
    const [source, drill] = pick(rndC, SOURCES);
    const mql = stage === 'Marketing Qualified Lead' || stage === 'Sales Qualified Lead' ? hubspotDate(start + Math.floor(rndC() * 600) * 86_400_000) : '';
    return [
      String(5_000_000 + i),
      first,
      last,
      contactEmail(i),
      pick(rndC, TITLES),
      company,
      `company${i % 5000}.example`,
      pick(rndC, INDUSTRIES),
      String(10 + Math.floor(rndC() * 5000)),
      pick(rndC, COUNTRIES),
      stage,
      mql,
      String(Math.floor(rndC() * 100)),
      source,
      drill,
      pick(rndC, OWNERS),
    ]
      .map(csvCell)
      .join(',');
  });

  const eventFiles: GeneratedExports['eventFiles'] = [];
  for (const rows of [...new Set(options.eventSizes)].toSorted((a, b) => a - b)) {
    const rndE = seededRandom(seed + 1); // same stream for every size: each smaller file is a prefix of the larger
    const file = join(dir, `engagement-events-${rows}.csv`);
    const bytes = await writeLines(file, EVENTS_HEADER, rows, (i) => {
      const contact = Math.floor(rndE() * options.contacts);
      const type = pick(rndE, EVENT_TYPES);
      const campaign = pick(rndE, CAMPAIGNS);
      // Distinct second per row: row i happens i seconds (plus jitter below one second's grid) after the start.
      const at = new Date(start + i * 1000 + Math.floor(rndE() * 900)).toISOString();
      const details = rndE() < 0.1 ? 'Clicked the pricing link' : '';
      return [contactEmail(contact), type, campaign, '', at, details].map(csvCell).join(',');
    });
    eventFiles.push({ rows, file, bytes });
  }
  return { contactsFile, contactsBytes, contacts: options.contacts, eventFiles };
}
