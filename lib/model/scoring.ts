import { z } from 'zod';
import { ShortText } from './common';
import { Seniority } from './contact';
import { EventType } from './marketing';

/**
 * The lead-scoring model as data: what marketing publishes and a marketing pack carries. Fit (who they are) and
 * engagement (what they did) are scored apart, each capped, and summed to 0–100; the engine explains every point.
 */

/** Points one rule adds (or, when negative, takes away). Whole numbers so the explanation adds up exactly. */
const Points = z.number().int('must be a whole number').min(-100, 'must be at least -100').max(100, 'must be at most 100');
const Penalty = Points.max(0, 'must be zero or negative: it counts against');

const Domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'is not a domain name like "example.com"');

export const FitGrade = z.enum(['A', 'B', 'C', 'D']);
export type FitGrade = z.infer<typeof FitGrade>;

/** Points when a contact property (industry, department) is one of `values`; compared case- and spelling-insensitively. */
export const PropertyRule = z.object({
  label: ShortText.min(1),
  values: z.array(ShortText.min(1)).min(1, 'needs at least one value'),
  points: Points,
});
export type PropertyRule = z.infer<typeof PropertyRule>;

export const CompanySizeBand = z
  .object({
    min: z.number().int().nonnegative(),
    /** Open-ended when left out. */
    max: z.number().int().nonnegative().optional(),
    points: Points,
  })
  .refine((b) => b.max === undefined || b.max >= b.min, { message: 'max must not be below min', path: ['max'] });
export type CompanySizeBand = z.infer<typeof CompanySizeBand>;

/** A sales territory: country names, ISO codes ("DE") or region names ("Europe", "DACH", "North America"). */
export const Territory = z.object({
  name: ShortText.min(1),
  places: z.array(ShortText.min(1)).min(1, 'needs at least one country or region'),
  points: Points,
});
export type Territory = z.infer<typeof Territory>;

export const FitRules = z.object({
  /** The most fit can contribute; more is shown as "capped at …". */
  max: z.number().int().min(1).max(100),
  seniority: z.partialRecord(Seniority, Points).default({}),
  industries: z.array(PropertyRule).default([]),
  departments: z.array(PropertyRule).default([]),
  /** The first band that holds the company's size applies. */
  companySize: z.array(CompanySizeBand).default([]),
  regions: z
    .object({
      territories: z.array(Territory).default([]),
      /** Points for a known country outside every territory. */
      outsidePoints: Points.default(0),
    })
    .default({ territories: [], outsidePoints: 0 }),
  emailDomains: z
    .object({
      /** Counts when every address of the contact is a personal mailbox. */
      freeMail: z.object({ domains: z.array(Domain).default([]), points: Penalty }),
      /** Counts when any address (or the company domain) is a competitor's, subdomains included. */
      competitors: z.object({ domains: z.array(Domain).default([]), points: Penalty }),
    })
    .default({ freeMail: { domains: [], points: 0 }, competitors: { domains: [], points: 0 } }),
});
export type FitRules = z.infer<typeof FitRules>;

/** Points per event of one type; the caps make repeats count less (HubSpot/Marketo) or once (Mautic). */
export const EngagementRule = z.object({
  points: Points.refine((p) => p !== 0, 'must not be zero: leave the event type out instead'),
  /** The most this type can add (or, for negative events, take away) in total. */
  capPerType: z.number().int().positive().optional(),
  /** The most this type can add (or take away) per calendar day (UTC). */
  capPerDay: z.number().int().positive().optional(),
});
export type EngagementRule = z.infer<typeof EngagementRule>;

/**
 * How positive engagement fades. Negative events (unsubscribe, bounce, spam) never fade: they stay true, and a fading
 * penalty would let time raise a score.
 */
export const Decay = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('half_life'), days: z.number().positive().max(3650) }),
  /** Straight down to nothing after `days` (HubSpot-style). */
  z.object({ kind: z.literal('linear'), days: z.number().positive().max(3650) }),
  /** Full points inside a rolling window, nothing after (Marketo-style). */
  z.object({ kind: z.literal('window'), days: z.number().positive().max(3650) }),
  z.object({ kind: z.literal('none') }),
]);
export type Decay = z.infer<typeof Decay>;

export const EngagementRules = z.object({
  max: z.number().int().min(1).max(100),
  rules: z.partialRecord(EventType, EngagementRule),
  decay: Decay,
});
export type EngagementRules = z.infer<typeof EngagementRules>;

export const ScoringModel = z
  .object({
    version: z.literal(1),
    name: ShortText.min(1).optional(),
    fit: FitRules,
    engagement: EngagementRules,
    /** Fit points needed for grades A, B and C; below C is D. */
    fitGrades: z.object({ A: z.number().int().min(0), B: z.number().int().min(0), C: z.number().int().min(0) }),
    /** Engagement points needed for levels 3 and 2; below is level 1. */
    engagementLevels: z.object({ level3: z.number().int().min(0), level2: z.number().int().min(0) }),
    mql: z
      .object({
        /** "sla" takes the threshold from the hand-off agreement, so marketing and sales read one number. */
        scoreThreshold: z.union([z.literal('sla'), z.number().int().min(1).max(100)]).default('sla'),
        /** A lead also needs at least this fit grade to count as MQL: engagement alone does not make a buyer. */
        minFitGrade: FitGrade.default('D'),
      })
      .default({ scoreThreshold: 'sla', minFitGrade: 'D' }),
  })
  .superRefine((model, ctx) => {
    if (model.fit.max + model.engagement.max > 100)
      ctx.addIssue({ code: 'custom', path: ['engagement', 'max'], message: 'fit.max + engagement.max must be at most 100' });
    const { A, B, C } = model.fitGrades;
    if (!(A > B && B > C)) ctx.addIssue({ code: 'custom', path: ['fitGrades'], message: 'needs A > B > C' });
    if (A > model.fit.max) ctx.addIssue({ code: 'custom', path: ['fitGrades', 'A'], message: 'is above fit.max: nobody could reach it' });
    const { level3, level2 } = model.engagementLevels;
    if (!(level3 > level2)) ctx.addIssue({ code: 'custom', path: ['engagementLevels'], message: 'needs level3 > level2' });
    if (level3 > model.engagement.max)
      ctx.addIssue({ code: 'custom', path: ['engagementLevels', 'level3'], message: 'is above engagement.max: nobody could reach it' });
  });
export type ScoringModel = z.infer<typeof ScoringModel>;
export type ScoringModelInput = z.input<typeof ScoringModel>;

