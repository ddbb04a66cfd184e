import { LIFECYCLE_LABEL, type Campaign, type CampaignType, type Contact, type EngagementEvent, type LifecycleStage, type ScoringModel, type Sla } from '../model';
import { scoreContact, type FitGrade } from './scoring';

/** A company page's view: who marketing knows there, and which campaigns reached them. */
export interface AccountView {
  company: string;
  people: AccountPerson[];
  campaigns: AccountCampaign[];
}

export interface AccountPerson {
  name: string;
  email?: string;
  title?: string;
  stage: { id: LifecycleStage; label: string };
  score: number;
  fitGrade: FitGrade;
  lastTouchAt?: string;
}

export interface AccountCampaign {
  name: string;
  type?: CampaignType;
  touches: number;
  /** How many of the company's people it reached. */
  people: number;
  lastAt: string;
}

export interface AccountInput {
  company: string;
  records: ReadonlyArray<{ contact: Contact; events: readonly EngagementEvent[] }>;
  campaigns: ReadonlyMap<string, Campaign>;
  sla: Sla;
  now: Date;
  scoringModel?: ScoringModel;
}

/** People ranked by score, campaigns by how recently they touched the account. */
export function buildAccountView(input: AccountInput): AccountView {
  const people = input.records
    .map(({ contact, events }): AccountPerson => {
      const score = scoreContact(contact, events, input.sla, input.now, input.scoringModel);
      const last = events.reduce<string | undefined>((latest, e) => (latest === undefined || e.at > latest ? e.at : latest), undefined);
      return {
        name: `${contact.firstName} ${contact.lastName}`.trim(),
        ...(contact.emails[0] ? { email: contact.emails[0] } : {}),
        ...(contact.title ? { title: contact.title } : {}),
        stage: { id: contact.lifecycleStage, label: LIFECYCLE_LABEL[contact.lifecycleStage] },
        score: score.score,
        fitGrade: score.fit.grade,
        ...(last ? { lastTouchAt: last } : {}),
      };
    })
    .toSorted((a, b) => b.score - a.score || a.name.localeCompare(b.name));

  const byCampaign = new Map<string, { touches: number; people: Set<string>; lastAt: string }>();
  for (const { contact, events } of input.records) {
    for (const event of events) {
      if (!event.campaignId) continue;
      const row = byCampaign.get(event.campaignId) ?? { touches: 0, people: new Set<string>(), lastAt: event.at };
      row.touches++;
      row.people.add(contact.id);
      if (event.at > row.lastAt) row.lastAt = event.at;
      byCampaign.set(event.campaignId, row);
    }
  }
  const campaigns = [...byCampaign]
    .map(([id, row]): AccountCampaign => {
      const campaign = input.campaigns.get(id);
      return {
        name: campaign?.name ?? id,
        ...(campaign ? { type: campaign.type } : {}),
        touches: row.touches,
        people: row.people.size,
        lastAt: row.lastAt,
      };
    })
    .toSorted((a, b) => b.lastAt.localeCompare(a.lastAt));
  return { company: input.company, people, campaigns };
}

/** The name a company is known by: case, punctuation and legal suffixes do not matter ("Acme, Inc." = "ACME"). */
export function companyName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\b(inc|llc|ltd|gmbh|ag|sa|bv|corp|co|plc)\b/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function sameCompany(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const name = companyName(a);
  return name !== '' && name === companyName(b);
}
