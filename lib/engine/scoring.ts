import type {
  Contact,
  Decay,
  EngagementEvent,
  EngagementRule,
  EventType,
  FitGrade,
  LifecycleStage,
  ScoringModel,
  Seniority,
  Sla,
} from '../model';
import { countryIn } from './region';
import { inferSeniority } from './seniority';
import { normalizeWords } from './text';

export type { FitGrade, ScoringModel } from '../model';

/**
 * Lens's lead score: fit (who they are) and engagement (what they did) kept apart, the way HubSpot and Account
 * Engagement do, each capped and summed to 0–100. Engagement fades with time; caps per event type and per day keep a
 * burst of opens from looking like buying intent. Every point is explained, and the explanation adds up to the score.
 *
 * The default reproduces the first version's weights, adds a per-day cap on the noisiest events (one open a day, two
 * page views, one ad click), treats contacts outside North America and Europe as a slightly weaker fit, and requires
 * fit grade C for an MQL.
 */
export const DEFAULT_SCORING_MODEL: ScoringModel = {
  version: 1,
  name: 'Lens default',
  fit: {
    max: 50,
    seniority: { c_level: 15, owner: 12, vp: 14, director: 12, manager: 8, individual: 3 },
    industries: [{ label: 'Target industry', values: ['Logistics', 'Manufacturing', 'Retail', 'Healthcare', 'Financial Services'], points: 10 }],
    departments: [
      { label: 'Buying department', values: ['Operations', 'Supply Chain', 'Finance', 'Revenue Operations', 'Sales', 'Marketing'], points: 10 },
    ],
    companySize: [
      { min: 200, max: 5000, points: 15 },
      { min: 5001, points: 10 },
      { min: 50, max: 199, points: 6 },
    ],
    regions: {
      territories: [
        { name: 'North America', places: ['North America'], points: 0 },
        { name: 'Europe', places: ['Europe'], points: 0 },
      ],
      outsidePoints: -5,
    },
    emailDomains: {
      // mailbox.example stands for a free-mail provider in the demo data.
      freeMail: {
        domains: ['gmail.com', 'googlemail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'live.com', 'icloud.com', 'aol.com', 'proton.me', 'gmx.de', 'web.de', 'mailbox.example'],
        points: -15,
      },
      // Every pack names its own competitors; none by default.
      competitors: { domains: [], points: -30 },
    },
  },
  engagement: {
    max: 50,
    decay: { kind: 'half_life', days: 30 },
    rules: {
      email_open: { points: 1, capPerType: 4, capPerDay: 1 },
      email_click: { points: 3, capPerType: 9 },
      page_view: { points: 2, capPerType: 8, capPerDay: 4 },
      content_download: { points: 8, capPerType: 16 },
      form_submit: { points: 10, capPerType: 20 },
      ad_click: { points: 2, capPerType: 6, capPerDay: 2 },
      webinar_registered: { points: 5, capPerType: 10 },
      webinar_attended: { points: 12, capPerType: 24 },
      event_visited: { points: 10, capPerType: 20 },
      meeting_booked: { points: 20, capPerType: 20 },
      unsubscribe: { points: -15 },
      email_bounce: { points: -10 },
      spam_complaint: { points: -25 },
    },
  },
  fitGrades: { A: 35, B: 25, C: 15 },
  engagementLevels: { level3: 25, level2: 10 },
  mql: { scoreThreshold: 'sla', minFitGrade: 'C' },
};

export type EngagementLevel = 1 | 2 | 3;

export interface ScoreReason {
  group: 'fit' | 'engagement';
  label: string;
  /** Whole points; all reasons together add up to the score exactly. */
  points: number;
  /** How the points came about when the label does not say it: caps, decay, the band or territory. */
  detail?: string;
  /** "cap": the line that takes a group back to its maximum (or up to zero), so the explanation still adds up. */
  kind?: 'cap';
}

export interface ScoreResult {
  score: number;
  fit: { points: number; grade: FitGrade };
  engagement: {
    points: number;
    level: EngagementLevel;
    /** How much lower engagement is than it would be if nothing had faded. */
    removedByDecay: number;
    /** The decay rule in words: "30-day half-life". */
    decay: string;
  };
  /** The most fit and engagement can each contribute. */
  limits: { fit: number; engagement: number };
  reasons: ScoreReason[];
  /** The stage this score implies under the SLA: MQL at or above the threshold (with enough fit). */
  impliedStage: 'lead' | 'mql';
  mql: {
    threshold: number;
    /** The threshold comes from the SLA, not from the scoring model. */
    fromSla: boolean;
    minFitGrade: FitGrade;
    /** Score reached the threshold but fit is below the grade an MQL needs. */
    heldBackByFit: boolean;
  };
}

const DAY_MS = 86_400_000;

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

const GRADE_RANK: Record<FitGrade, number> = { A: 0, B: 1, C: 2, D: 3 };

const key = (text: string) => normalizeWords(text).join(' ');
const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();
const onDomain = (domain: string, listed: string) => domain === listed || domain.endsWith(`.${listed}`);
const formatCount = (n: number) => n.toLocaleString('en-US');

/** Property rules with their values normalised once per model, not once per contact. */
interface CompiledFit {
  industries: Array<{ label: string; points: number; values: Set<string> }>;
  departments: Array<{ label: string; points: number; values: Set<string> }>;
}
const compiled = new WeakMap<ScoringModel['fit'], CompiledFit>();
function compileFit(fit: ScoringModel['fit']): CompiledFit {
  let out = compiled.get(fit);
  if (!out) {
    const rules = (list: ScoringModel['fit']['industries']) => list.map((r) => ({ label: r.label, points: r.points, values: new Set(r.values.map(key)) }));
    out = { industries: rules(fit.industries), departments: rules(fit.departments) };
    compiled.set(fit, out);
  }
  return out;
}

function fitReasons(contact: Contact, model: ScoringModel['fit']): ScoreReason[] {
  const reasons: ScoreReason[] = [];
  const add = (label: string, points: number, detail?: string) => {
    if (points !== 0) reasons.push({ group: 'fit', label, points, ...(detail ? { detail } : {}) });
  };
  const props = contact.properties;
  const rules = compileFit(model);

  const seniority = props.seniority ?? inferSeniority(contact.title);
  if (seniority) add(`${SENIORITY_LABEL[seniority]}${props.seniority ? '' : ' (from title)'}`, model.seniority[seniority] ?? 0);

  const propertyRules = (value: string | undefined, list: CompiledFit['industries']) => {
    if (!value) return;
    const k = key(value);
    for (const rule of list) if (rule.values.has(k)) add(`${rule.label}: ${value}`, rule.points);
  };
  propertyRules(props.industry, rules.industries);
  propertyRules(props.department, rules.departments);

  const size = props.companySize;
  const band = size === undefined ? undefined : model.companySize.find((b) => size >= b.min && (b.max === undefined || size <= b.max));
  if (band && size !== undefined)
    add(`Company size ${formatCount(size)}`, band.points, band.max === undefined ? `${formatCount(band.min)}+ employees` : `${formatCount(band.min)}–${formatCount(band.max)} employees`);

  const country = props.country;
  if (country) {
    const territory = model.regions.territories.find((t) => t.places.some((p) => countryIn(country, p)));
    if (territory) add(`Territory: ${territory.name}`, territory.points, country);
    else if (model.regions.territories.length > 0) add(`Outside sales territories: ${country}`, model.regions.outsidePoints);
  }

  const domains = [...contact.emails.map(domainOf), ...(contact.companyDomain ? [contact.companyDomain.toLowerCase()] : [])];
  const competitor = domains.find((d) => model.emailDomains.competitors.domains.some((c) => onDomain(d, c)));
  if (competitor) add('Competitor domain', model.emailDomains.competitors.points, competitor);
  const mailboxes = contact.emails.map(domainOf);
  if (mailboxes.length > 0 && mailboxes.every((d) => model.emailDomains.freeMail.domains.some((f) => onDomain(d, f))))
    add('Personal email address only', model.emailDomains.freeMail.points);
  return reasons;
}

/** How much of an event's points is left after `ageDays`; 1 when fresh, never above 1, never rising with age. */
export function decayFactor(decay: Decay, ageDays: number): number {
  const age = Math.max(0, ageDays);
  switch (decay.kind) {
    case 'half_life':
      return 0.5 ** (age / decay.days);
    case 'linear':
      return Math.max(0, 1 - age / decay.days);
    case 'window':
      return age <= decay.days ? 1 : 0;
    case 'none':
      return 1;
  }
}

export function describeDecay(decay: Decay): string {
  switch (decay.kind) {
    case 'half_life':
      return `${decay.days}-day half-life`;
    case 'linear':
      return `fades to nothing over ${decay.days} days`;
    case 'window':
      return `only the last ${decay.days} days count`;
    case 'none':
      return 'no decay';
  }
}

interface TypeTotals {
  count: number;
  /** Event factors per UTC day. */
  days: Map<number, number[]>;
}

/**
 * One event type's points, fresh and decayed. Within a day the freshest events fill the day's cap first, so adding
 * an event can only add points: it never pushes a fresher one out.
 */
function typePoints(rule: EngagementRule, totals: TypeTotals) {
  const magnitude = Math.abs(rule.points);
  let raw = 0;
  let decayed = 0;
  let dayCapped = false;
  for (const factors of totals.days.values()) {
    let budget = rule.capPerDay ?? Number.POSITIVE_INFINITY;
    if (factors.length > 1) factors.sort((a, b) => b - a);
    for (const factor of factors) {
      const take = Math.min(magnitude, budget);
      if (take <= 0) {
        dayCapped = true;
        break;
      }
      if (take < magnitude) dayCapped = true;
      budget -= take;
      raw += take;
      decayed += take * factor;
    }
  }
  const cap = rule.capPerType ?? Number.POSITIVE_INFINITY;
  const sign = Math.sign(rule.points);
  return {
    points: sign * Math.round(Math.min(cap, decayed)),
    fresh: sign * Math.round(Math.min(cap, raw)),
    typeCapped: raw > cap,
    dayCapped,
  };
}

function engagementReasons(events: readonly EngagementEvent[], model: ScoringModel['engagement'], now: Date) {
  const byType = new Map<EventType, TypeTotals>();
  const nowMs = now.getTime();
  for (const event of events) {
    const rule = model.rules[event.type];
    if (!rule) continue;
    const at = Date.parse(event.at);
    // Negative signals (unsubscribe, bounce, spam) do not fade: they stay true, and fading them would raise the score.
    const factor = rule.points < 0 ? 1 : decayFactor(model.decay, (nowMs - at) / DAY_MS);
    let totals = byType.get(event.type);
    if (!totals) byType.set(event.type, (totals = { count: 0, days: new Map() }));
    totals.count += 1;
    const day = Math.floor(at / DAY_MS);
    const factors = totals.days.get(day);
    if (factors) factors.push(factor);
    else totals.days.set(day, [factor]);
  }

  const reasons: ScoreReason[] = [];
  let freshTotal = 0;
  for (const [type, totals] of byType) {
    const rule = model.rules[type];
    if (!rule) continue;
    const { points, fresh, typeCapped, dayCapped } = typePoints(rule, totals);
    freshTotal += fresh;
    if (points === 0) continue;
    const detail = [
      typeCapped ? `capped at ${rule.capPerType}` : '',
      dayCapped ? `at most ${rule.capPerDay} a day` : '',
      fresh !== points ? `${fresh} before decay` : '',
    ].filter(Boolean);
    reasons.push({
      group: 'engagement',
      label: `${EVENT_LABEL[type]}${totals.count > 1 ? ` ×${totals.count}` : ''}`,
      points,
      ...(detail.length > 0 ? { detail: detail.join('; ') } : {}),
    });
  }
  reasons.sort((a, b) => Math.abs(b.points) - Math.abs(a.points) || a.label.localeCompare(b.label));
  return { reasons, freshTotal };
}

const sum = (reasons: readonly ScoreReason[]) => reasons.reduce((total, r) => total + r.points, 0);

/** A group's points within 0…max, with the line that says so when it had to be cut or lifted. */
function bounded(group: ScoreReason['group'], reasons: ScoreReason[], max: number): { points: number; reasons: ScoreReason[] } {
  const total = sum(reasons);
  const name = group === 'fit' ? 'Fit' : 'Engagement';
  if (total > max) return { points: max, reasons: [...reasons, { group, label: `${name} capped at ${max}`, points: max - total, kind: 'cap' }] };
  if (total < 0) return { points: 0, reasons: [...reasons, { group, label: `${name} cannot go below 0`, points: -total, kind: 'cap' }] };
  return { points: total, reasons };
}

export function scoreContact(
  contact: Contact,
  events: readonly EngagementEvent[],
  sla: Sla,
  now: Date,
  model: ScoringModel = DEFAULT_SCORING_MODEL,
): ScoreResult {
  const fit = bounded('fit', fitReasons(contact, model.fit), model.fit.max);
  const engagementRaw = engagementReasons(events, model.engagement, now);
  const engagement = bounded('engagement', engagementRaw.reasons, model.engagement.max);
  const freshEngagement = Math.min(model.engagement.max, Math.max(0, engagementRaw.freshTotal));
  const score = fit.points + engagement.points;

  const grades = model.fitGrades;
  const grade: FitGrade = fit.points >= grades.A ? 'A' : fit.points >= grades.B ? 'B' : fit.points >= grades.C ? 'C' : 'D';
  const levels = model.engagementLevels;
  const level: EngagementLevel = engagement.points >= levels.level3 ? 3 : engagement.points >= levels.level2 ? 2 : 1;
  const fromSla = model.mql.scoreThreshold === 'sla';
  const threshold = model.mql.scoreThreshold === 'sla' ? sla.mqlScoreThreshold : model.mql.scoreThreshold;
  const heldBackByFit = score >= threshold && GRADE_RANK[grade] > GRADE_RANK[model.mql.minFitGrade];
  return {
    score,
    fit: { points: fit.points, grade },
    engagement: {
      points: engagement.points,
      level,
      removedByDecay: freshEngagement - engagement.points,
      decay: describeDecay(model.engagement.decay),
    },
    limits: { fit: model.fit.max, engagement: model.engagement.max },
    reasons: [...fit.reasons, ...engagement.reasons],
    impliedStage: score >= threshold && !heldBackByFit ? 'mql' : 'lead',
    mql: { threshold, fromSla, minFitGrade: model.mql.minFitGrade, heldBackByFit },
  };
}

/** Later stages are kept; a lead whose score crossed the threshold reads as MQL-ready. */
export function isMqlReady(stage: LifecycleStage, result: ScoreResult): boolean {
  return (stage === 'subscriber' || stage === 'lead') && result.impliedStage === 'mql';
}
