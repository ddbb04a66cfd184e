import type { AccountView } from './account';
import {
  LIFECYCLE_LABEL,
  type Campaign,
  type CampaignType,
  type Contact,
  type ContentAsset,
  type ContentType,
  type EngagementEvent,
  type EventType,
  type FunnelStage,
  type ImportedScore,
  type LifecycleStage,
  type Persona,
  type ScoringModel,
  type Sla,
} from '../model';
import type { DetectedContact } from '../sites/contact';
import type { ContentIndex } from './content-index';
import { roleFromHeadline } from './headline';
import type { ContentOutcome } from './outcomes';
import { matchPersonas, type Criterion, type PersonaMatch, type PersonProfile } from './persona';
import {
  CONSUMING_EVENTS,
  FUNNEL_LABEL,
  funnelStageFor,
  pageIntent,
  recommendContent,
  stageWithPageIntent,
  type RecommendationFactor,
} from './recommend';
import { EVENT_LABEL, isMqlReady, scoreContact, type ScoreResult } from './scoring';
import { slaClock, type SlaClock } from './sla';

/** Everything the sidebar shows for one contact, computed in the background from the page's contact and the store. */
export interface LensView {
  contact: ContactCard;
  known: boolean;
  stage?: { id: LifecycleStage; label: string; mqlReady: boolean };
  score?: ScoreResult;
  /** Scores from the CRM, shown beside Lens's own and never mixed into it. */
  importedScores?: ImportedScoreView[];
  sla?: SlaClock;
  campaignTouches: CampaignTouch[];
  persona?: PersonaView;
  recommendations: RecommendationView[];
  /** The buying stage the picks were chosen for, and why: `decision stage`, `the thread mentions "pricing"`. */
  recommendationStage?: { stage: FunnelStage; label: string; because: string };
  /** On a company page: the account instead of a person. */
  account?: AccountView;
}

export interface ImportedScoreView extends ImportedScore {
  systemName: string;
}

const SYSTEM_NAME: Record<ImportedScore['system'], string> = { hubspot: 'HubSpot', mautic: 'Mautic', salesforce: 'Salesforce' };

/** Who the sidebar is about, as the header shows them. */
export interface ContactCard {
  email?: string;
  name?: string;
  title?: string;
  company?: string;
  location?: string;
  linkedinSlug?: string;
}

export interface CampaignTouch {
  eventId: string;
  at: string;
  action: string;
  eventType: EventType;
  campaignName: string;
  campaignType?: CampaignType;
  contentTitle?: string;
  details?: string;
}

export interface PersonaView {
  id: string;
  name: string;
  confidence: number;
  matched: string[];
  missed: string[];
  talkingPoints: string[];
  /** True when the persona was guessed from the page (the contact is not in the data). */
  guessed: boolean;
  /** 0–1: how much of the persona's criteria could be checked. */
  coverage?: number;
  /** Every criterion, matched, missed or unknown, with its weight. */
  criteria?: PersonaCriterionView[];
  /** The next best personas. */
  alternatives?: Array<{ id: string; name: string; confidence: number }>;
}

export interface PersonaCriterionView {
  criterion: Criterion;
  label: string;
  state: 'matched' | 'missed' | 'unknown';
  weight: number;
  detail?: string;
}

const CRITERION_NAME: Record<Criterion, string> = {
  title: 'Title',
  seniority: 'Seniority',
  department: 'Department',
  industry: 'Industry',
  companySize: 'Company size',
  region: 'Region',
};

export interface RecommendationView {
  id: string;
  title: string;
  url: string;
  type: ContentType;
  why: string;
  /** Everything that counted, with its weight in the ranking. */
  factors?: RecommendationFactor[];
}

export interface LensInput {
  detected: DetectedContact;
  record: { contact: Contact; events: EngagementEvent[] } | null;
  campaigns: ReadonlyMap<string, Campaign>;
  personas: readonly Persona[];
  content: readonly ContentAsset[];
  sla: Sla;
  now: Date;
  /** The pack's scoring model; Lens's default when absent. */
  scoringModel?: ScoringModel;
  /** The content library's BM25 index, built once per library load; built on the fly when absent. */
  contentIndex?: ContentIndex;
  /** What followed other contacts' contact with each asset (see contentOutcomes). */
  outcomes?: ReadonlyMap<string, ContentOutcome>;
}

function fullName(contact: Contact): string {
  return `${contact.firstName} ${contact.lastName}`.trim();
}

function touchesOf(events: readonly EngagementEvent[], campaigns: ReadonlyMap<string, Campaign>, content: ReadonlyMap<string, ContentAsset>) {
  return events
    .toSorted((a, b) => b.at.localeCompare(a.at))
    .map((event): CampaignTouch => {
      const campaign = event.campaignId ? campaigns.get(event.campaignId) : undefined;
      const asset = event.contentId ? content.get(event.contentId) : undefined;
      return {
        eventId: event.id,
        at: event.at,
        action: EVENT_LABEL[event.type],
        eventType: event.type,
        campaignName: campaign?.name ?? 'Direct (no campaign)',
        ...(campaign ? { campaignType: campaign.type } : {}),
        ...(asset ? { contentTitle: asset.title } : {}),
        ...(event.details ? { details: event.details } : {}),
      };
    });
}

// The library's content array is cached by the background, so its id map is built once, not on every lookup.
const contentMaps = new WeakMap<readonly ContentAsset[], ReadonlyMap<string, ContentAsset>>();
function contentMap(content: readonly ContentAsset[]): ReadonlyMap<string, ContentAsset> {
  let map = contentMaps.get(content);
  if (!map) contentMaps.set(content, (map = new Map(content.map((a) => [a.id, a]))));
  return map;
}

export function buildLensView(input: LensInput): LensView {
  const { detected, record } = input;
  const contentById = contentMap(input.content);
  if (!record) {
    // On LinkedIn the "title" is a headline ("Head of Ops at Northwind | ex-DHL"): read the current role out of it.
    const role = detected.title ? roleFromHeadline(detected.title) : undefined;
    const persona = toPersonaView(matchPersonas({ title: role?.title, country: detected.location }, input.personas), true);
    return {
      contact: {
        email: detected.email,
        name: detected.name,
        title: detected.title,
        company: detected.company ?? role?.company,
        location: detected.location,
        linkedinSlug: detected.linkedinSlug,
      },
      known: false,
      campaignTouches: [],
      ...(persona ? { persona } : {}),
      ...recommendationsFor(input, persona, 'awareness', 'nothing known about them yet', new Set()),
    };
  }

  const { contact, events } = record;
  const score = scoreContact(contact, events, input.sla, input.now, input.scoringModel);
  const profile: PersonProfile = {
    title: contact.title,
    seniority: contact.properties.seniority,
    department: contact.properties.department,
    industry: contact.properties.industry,
    companySize: contact.properties.companySize,
    country: contact.properties.country,
  };
  const persona = toPersonaView(matchPersonas(profile, input.personas), false);
  const consumed = new Set(events.flatMap((e) => (e.contentId && CONSUMING_EVENTS.has(e.type) ? [e.contentId] : [])));
  const awaitingFollowUp = contact.lifecycleStage === 'mql' && contact.becameMqlAt;
  const stage = funnelStageFor(contact.lifecycleStage, score.score);
  const imported = (contact.importedScores ?? []).map((s) => ({ ...s, systemName: SYSTEM_NAME[s.system] }));
  return {
    contact: {
      email: detected.email ?? contact.emails[0],
      name: fullName(contact) || detected.name,
      title: contact.title ?? detected.title,
      company: contact.company ?? detected.company,
      location: contact.properties.country ?? detected.location,
      linkedinSlug: contact.linkedinSlug ?? detected.linkedinSlug,
    },
    known: true,
    stage: { id: contact.lifecycleStage, label: LIFECYCLE_LABEL[contact.lifecycleStage], mqlReady: isMqlReady(contact.lifecycleStage, score) },
    score,
    ...(imported.length > 0 ? { importedScores: imported } : {}),
    ...(awaitingFollowUp ? { sla: slaClock(awaitingFollowUp, input.sla, input.now) } : {}),
    campaignTouches: touchesOf(events, input.campaigns, contentById),
    ...(persona ? { persona } : {}),
    ...recommendationsFor(input, persona, stage, `${LIFECYCLE_LABEL[contact.lifecycleStage]}, score ${score.score}`, consumed),
  };
}

function toPersonaView(matches: readonly PersonaMatch[], guessed: boolean): PersonaView | undefined {
  const [best, ...rest] = matches;
  if (!best) return undefined;
  return {
    id: best.persona.id,
    name: best.persona.name,
    confidence: best.confidence,
    matched: best.matched,
    missed: best.missed,
    talkingPoints: best.persona.talkingPoints,
    guessed,
    coverage: best.coverage,
    criteria: best.criteria.map((c) => ({
      criterion: c.criterion,
      label: CRITERION_NAME[c.criterion],
      state: c.state,
      weight: c.weight,
      ...(c.detail ? { detail: c.detail } : {}),
    })),
    alternatives: rest.slice(0, 2).map((m) => ({ id: m.persona.id, name: m.persona.name, confidence: m.confidence })),
  };
}

function recommendationsFor(
  input: LensInput,
  persona: PersonaView | undefined,
  contactStage: FunnelStage,
  stageBecause: string,
  consumedIds: ReadonlySet<string>,
): Pick<LensView, 'recommendations' | 'recommendationStage'> {
  const topicText = input.detected.topicHint;
  const stage = stageWithPageIntent(contactStage, topicText);
  const intent = pageIntent(topicText);
  const because = stage !== contactStage && intent ? `the thread mentions "${intent.word}"` : stageBecause;
  const recommendations = recommendContent({
    assets: input.content,
    index: input.contentIndex,
    personaId: persona?.id,
    personaName: persona?.name,
    stage,
    consumedIds,
    topicText,
    outcomes: input.outcomes,
  }).map((r) => ({ id: r.asset.id, title: r.asset.title, url: r.asset.url, type: r.asset.type, why: r.why.join(' · '), factors: r.factors }));
  return { recommendations, recommendationStage: { stage, label: FUNNEL_LABEL[stage], because } };
}
