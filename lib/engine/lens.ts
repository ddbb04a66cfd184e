import {
  LIFECYCLE_LABEL,
  type Campaign,
  type CampaignType,
  type Contact,
  type ContentAsset,
  type ContentType,
  type EngagementEvent,
  type EventType,
  type LifecycleStage,
  type Persona,
  type Sla,
} from '../model';
import type { DetectedContact } from '../sites/contact';
import { matchPersonas } from './persona';
import { CONSUMING_EVENTS, funnelStageFor, recommendContent, stageWithPageIntent } from './recommend';
import { EVENT_LABEL, isMqlReady, scoreContact, type ScoreResult } from './scoring';
import { slaClock, type SlaClock } from './sla';

/** Everything the sidebar shows for one contact, computed in the background from the page's contact and the store. */
export interface LensView {
  contact: ContactCard;
  known: boolean;
  stage?: { id: LifecycleStage; label: string; mqlReady: boolean };
  score?: ScoreResult;
  sla?: SlaClock;
  campaignTouches: CampaignTouch[];
  persona?: PersonaView;
  recommendations: RecommendationView[];
}

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
}

export interface RecommendationView {
  id: string;
  title: string;
  url: string;
  type: ContentType;
  why: string;
}

export interface LensInput {
  detected: DetectedContact;
  record: { contact: Contact; events: EngagementEvent[] } | null;
  campaigns: ReadonlyMap<string, Campaign>;
  personas: readonly Persona[];
  content: readonly ContentAsset[];
  sla: Sla;
  now: Date;
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

export function buildLensView(input: LensInput): LensView {
  const { detected, record } = input;
  const contentById = new Map(input.content.map((a) => [a.id, a]));
  if (!record) {
    const [best] = matchPersonas({ title: detected.title }, input.personas);
    const persona = best ? toPersonaView(best, true) : undefined;
    return {
      contact: {
        email: detected.email,
        name: detected.name,
        title: detected.title,
        company: detected.company,
        location: detected.location,
        linkedinSlug: detected.linkedinSlug,
      },
      known: false,
      campaignTouches: [],
      ...(persona ? { persona } : {}),
      recommendations: toRecommendationViews(input, persona, 'awareness', new Set()),
    };
  }

  const { contact, events } = record;
  const score = scoreContact(contact, events, input.sla, input.now);
  const [best] = matchPersonas(
    {
      title: contact.title,
      seniority: contact.properties.seniority,
      department: contact.properties.department,
      industry: contact.properties.industry,
      companySize: contact.properties.companySize,
    },
    input.personas,
  );
  const persona = best ? toPersonaView(best, false) : undefined;
  const consumed = new Set(events.flatMap((e) => (e.contentId && CONSUMING_EVENTS.has(e.type) ? [e.contentId] : [])));
  const awaitingFollowUp = contact.lifecycleStage === 'mql' && contact.becameMqlAt;
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
    ...(awaitingFollowUp ? { sla: slaClock(awaitingFollowUp, input.sla, input.now) } : {}),
    campaignTouches: touchesOf(events, input.campaigns, contentById),
    ...(persona ? { persona } : {}),
    recommendations: toRecommendationViews(input, persona, funnelStageFor(contact.lifecycleStage, score.score), consumed),
  };
}

function toPersonaView(match: ReturnType<typeof matchPersonas>[number], guessed: boolean): PersonaView {
  return {
    id: match.persona.id,
    name: match.persona.name,
    confidence: match.confidence,
    matched: match.matched,
    missed: match.missed,
    talkingPoints: match.persona.talkingPoints,
    guessed,
  };
}

function toRecommendationViews(
  input: LensInput,
  persona: PersonaView | undefined,
  stage: ReturnType<typeof funnelStageFor>,
  consumedIds: ReadonlySet<string>,
): RecommendationView[] {
  return recommendContent({
    assets: input.content,
    personaId: persona?.id,
    personaName: persona?.name,
    stage: stageWithPageIntent(stage, input.detected.topicHint),
    consumedIds,
    topicText: input.detected.topicHint,
  }).map((r) => ({ id: r.asset.id, title: r.asset.title, url: r.asset.url, type: r.asset.type, why: r.why.join(' · ') }));
}
