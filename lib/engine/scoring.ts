import type { Contact, EngagementEvent, EventType, LifecycleStage, Seniority, Sla } from '../model';
import { inferSeniority } from './seniority';

/**
 * Lens's lead score: fit (who they are, 0–50) and engagement (what they did, 0–50) kept apart, the way HubSpot and
 * Account Engagement do, summed to 0–100. Engagement decays with a half-life so old activity fades.
 */
export interface ScoringModel {
  fit: {
    seniority: Partial<Record<Seniority, number>>;
    targetIndustries: string[];
    industryPoints: number;
    targetDepartments: string[];
    departmentPoints: number;
    companySize: Array<{ min: number; max: number; points: number }>;
    freeMailDomains: string[];
    freeMailPoints: number;
  };
  engagement: {
    halfLifeDays: number;
    rules: Partial<Record<EventType, { points: number; cap?: number }>>;
  };
}

export const DEFAULT_SCORING_MODEL: ScoringModel = {
  fit: {
    seniority: { c_level: 15, owner: 12, vp: 14, director: 12, manager: 8, individual: 3 },
    targetIndustries: ['logistics', 'manufacturing', 'retail', 'healthcare', 'financial services'],
    industryPoints: 10,
    targetDepartments: ['operations', 'supply chain', 'finance', 'revenue operations', 'sales', 'marketing'],
    departmentPoints: 10,
    companySize: [
      { min: 200, max: 5000, points: 15 },
      { min: 5001, max: Number.MAX_SAFE_INTEGER, points: 10 },
      { min: 50, max: 199, points: 6 },
    ],
    freeMailDomains: ['gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'mailbox.example'],
    freeMailPoints: -15,
  },
  engagement: {
    halfLifeDays: 30,
    rules: {
      email_open: { points: 1, cap: 4 },
      email_click: { points: 3, cap: 9 },
      page_view: { points: 2, cap: 8 },
      content_download: { points: 8, cap: 16 },
      form_submit: { points: 10, cap: 20 },
      ad_click: { points: 2, cap: 6 },
      webinar_registered: { points: 5, cap: 10 },
      webinar_attended: { points: 12, cap: 24 },
      event_visited: { points: 10, cap: 20 },
      meeting_booked: { points: 20, cap: 20 },
      unsubscribe: { points: -15 },
      email_bounce: { points: -10 },
      spam_complaint: { points: -25 },
    },
  },
};

export type FitGrade = 'A' | 'B' | 'C' | 'D';
export type EngagementLevel = 1 | 2 | 3;

export interface ScoreReason {
  group: 'fit' | 'engagement';
  label: string;
  points: number;
}

export interface ScoreResult {
  score: number;
  fit: { points: number; grade: FitGrade };
  engagement: { points: number; level: EngagementLevel; removedByDecay: number };
  reasons: ScoreReason[];
  /** The stage this score implies under the SLA: MQL at or above the threshold. */
  impliedStage: 'lead' | 'mql';
}

const FIT_MAX = 50;
const ENGAGEMENT_MAX = 50;
const DAY_MS = 86_400_000;

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

export const EVENT_LABEL: Record<EventType, string> = {
  email_open: 'Opened an email',
  email_click: 'Clicked an email',
  page_view: 'Visited the website',
  content_download: 'Downloaded content',
  form_submit: 'Submitted a form',
  ad_click: 'Clicked an ad',
  webinar_registered: 'Registered for a webinar',
  webinar_attended: 'Attended a webinar',
  event_visited: 'Visited at an event',
  meeting_booked: 'Booked a meeting',
  unsubscribe: 'Unsubscribed',
  email_bounce: 'Email bounced',
  spam_complaint: 'Marked email as spam',
};

const SENIORITY_LABEL: Record<Seniority, string> = {
  c_level: 'C-level',
  owner: 'Owner / founder',
  vp: 'VP / head of',
  director: 'Director',
  manager: 'Manager',
  individual: 'Individual contributor',
};

function fitReasons(contact: Contact, model: ScoringModel['fit']): ScoreReason[] {
  const reasons: ScoreReason[] = [];
  const props = contact.properties;
  const seniority = props.seniority ?? inferSeniority(contact.title);
  if (seniority && model.seniority[seniority])
    reasons.push({ group: 'fit', label: `${SENIORITY_LABEL[seniority]}${props.seniority ? '' : ' (from title)'}`, points: model.seniority[seniority] });
  const industry = props.industry?.toLowerCase();
  if (industry && model.targetIndustries.includes(industry))
    reasons.push({ group: 'fit', label: `Target industry: ${props.industry}`, points: model.industryPoints });
  const department = props.department?.toLowerCase();
  if (department && model.targetDepartments.includes(department))
    reasons.push({ group: 'fit', label: `Buying department: ${props.department}`, points: model.departmentPoints });
  const size = props.companySize;
  const band = size === undefined ? undefined : model.companySize.find((b) => size >= b.min && size <= b.max);
  if (band && size !== undefined) reasons.push({ group: 'fit', label: `Company size ${size.toLocaleString('en-US')}`, points: band.points });
  const domains = contact.emails.map((e) => e.slice(e.lastIndexOf('@') + 1));
  if (domains.length > 0 && domains.every((d) => model.freeMailDomains.includes(d)))
    reasons.push({ group: 'fit', label: 'Personal email address only', points: model.freeMailPoints });
  return reasons;
}

function engagementReasons(events: readonly EngagementEvent[], model: ScoringModel['engagement'], now: Date) {
  const byType = new Map<EventType, { count: number; raw: number; decayed: number }>();
  for (const event of events) {
    const rule = model.rules[event.type];
    if (!rule) continue;
    const ageDays = Math.max(0, (now.getTime() - Date.parse(event.at)) / DAY_MS);
    // Negative signals (unsubscribe, bounce, spam) do not fade: they stay true.
    const factor = rule.points < 0 ? 1 : 0.5 ** (ageDays / model.halfLifeDays);
    const entry = byType.get(event.type) ?? { count: 0, raw: 0, decayed: 0 };
    entry.count += 1;
    entry.raw += rule.points;
    entry.decayed += rule.points * factor;
    byType.set(event.type, entry);
  }
  const reasons: ScoreReason[] = [];
  let removedByDecay = 0;
  for (const [type, entry] of byType) {
    const cap = model.rules[type]?.cap;
    const capped = (value: number) => (cap === undefined ? value : Math.min(cap, value));
    const points = Math.round(capped(entry.decayed));
    removedByDecay += Math.max(0, Math.round(capped(entry.raw)) - points);
    if (points !== 0)
      reasons.push({ group: 'engagement', label: `${EVENT_LABEL[type]}${entry.count > 1 ? ` ×${entry.count}` : ''}`, points });
  }
  return { reasons: reasons.toSorted((a, b) => Math.abs(b.points) - Math.abs(a.points)), removedByDecay };
}

const sum = (reasons: readonly ScoreReason[]) => reasons.reduce((total, r) => total + r.points, 0);

export function scoreContact(
  contact: Contact,
  events: readonly EngagementEvent[],
  sla: Sla,
  now: Date,
  model: ScoringModel = DEFAULT_SCORING_MODEL,
): ScoreResult {
  const fit = fitReasons(contact, model.fit);
  const engagement = engagementReasons(events, model.engagement, now);
  const fitPoints = clamp(sum(fit), 0, FIT_MAX);
  const engagementPoints = clamp(sum(engagement.reasons), 0, ENGAGEMENT_MAX);
  const score = clamp(fitPoints + engagementPoints, 0, 100);
  const fitGrade: FitGrade = fitPoints >= 35 ? 'A' : fitPoints >= 25 ? 'B' : fitPoints >= 15 ? 'C' : 'D';
  const level: EngagementLevel = engagementPoints >= 25 ? 3 : engagementPoints >= 10 ? 2 : 1;
  return {
    score,
    fit: { points: fitPoints, grade: fitGrade },
    engagement: { points: engagementPoints, level, removedByDecay: engagement.removedByDecay },
    reasons: [...fit, ...engagement.reasons],
    impliedStage: score >= sla.mqlScoreThreshold ? 'mql' : 'lead',
  };
}

/** Later stages are kept; a lead whose score crossed the threshold reads as MQL-ready. */
export function isMqlReady(stage: LifecycleStage, result: ScoreResult): boolean {
  return (stage === 'subscriber' || stage === 'lead') && result.impliedStage === 'mql';
}
