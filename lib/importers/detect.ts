import { FORMATS, formatSpec, type FormatSpec } from './formats';
import { normKey } from './text';
import {
  FIELD_LABEL,
  FIELDS_BY_KIND,
  MULTI_COLUMN_FIELDS,
  type ColumnMapping,
  type CsvFormatId,
  type RecordKind,
  type TargetField,
} from './types';

/**
 * Which export a file is, from its header row alone. Each format lists headers that point to it, weighted by how
 * much only that tool writes them ("Record ID" and "HubSpot Score" are HubSpot's; "Email" is everyone's). A format's
 * confidence grows with the weight of its own headers found, shrinks with headers that are another tool's hallmarks,
 * and with spelling that does not fit the tool (labels vs API names vs lower-case aliases).
 */
export interface Detection {
  format: CsvFormatId;
  label: string;
  kind: RecordKind;
  /** 0–1. */
  confidence: number;
  /** The headers that pointed to this format. */
  matched: string[];
  /** The proposed column → field mapping, for the preview to show and the user to adjust. */
  mapping: ColumnMapping;
  /** Required fields no column maps to (the preview asks for them). */
  missing: TargetField[];
}

export interface DetectionResult {
  /** The most likely format, when any is likely enough (confidence ≥ 0.5). */
  best?: Detection;
  /** Every format, most likely first. */
  candidates: Detection[];
}

const MIN_CONFIDENCE = 0.5;
/** Markers this heavy are a tool's hallmark: seeing one counts against every other tool. */
const HALLMARK = 2;

export function detectFormat(header: readonly string[]): DetectionResult {
  const keys = header.map(normKey);
  const present = new Set(keys);
  const matchedBy = (spec: FormatSpec) => spec.markers.filter((m) => markerHits(m.key, keys, present));

  const candidates = FORMATS.map((spec): Detection => {
    const own = matchedBy(spec);
    const ownKeys = new Set(own.flatMap((m) => keys.filter((k) => keyMatches(m.key, k))));
    const ownWeight = own.reduce((sum, m) => sum + m.weight, 0);
    // Another tool's hallmark headers that this format does not also claim.
    const foreign = new Set<string>();
    for (const other of FORMATS)
      if (other !== spec)
        for (const m of matchedBy(other))
          if (m.weight >= HALLMARK) for (const k of keys) if (keyMatches(m.key, k) && !ownKeys.has(k)) foreign.add(k);
    const foreignWeight = foreign.size * HALLMARK;
    const mapping = proposeMapping(spec.id, header);
    const missing = missingFields(spec.kind, mapping);
    const strength = Math.min(1, ownWeight / spec.sure) * (ownWeight / (ownWeight + foreignWeight || 1));
    const confidence = strength * spec.style(header) * (missing.length > 0 ? 0.5 : 1);
    return {
      format: spec.id,
      label: spec.label,
      kind: spec.kind,
      confidence: Math.round(confidence * 100) / 100,
      matched: header.filter((_, i) => ownKeys.has(keys[i]!)),
      mapping,
      missing,
    };
  });
  const sorted = candidates.toSorted((a, b) => b.confidence - a.confidence);
  const best = sorted[0] && sorted[0].confidence >= MIN_CONFIDENCE ? sorted[0] : undefined;
  return { best, candidates: sorted };
}

function keyMatches(key: string | RegExp, k: string): boolean {
  return typeof key === 'string' ? key === k : key.test(k);
}

function markerHits(key: string | RegExp, keys: readonly string[], present: ReadonlySet<string>): boolean {
  return typeof key === 'string' ? present.has(key) : keys.some((k) => key.test(k));
}

/**
 * The mapping a format proposes for a header: each column to the field its header names in that tool's words.
 * A field that takes one column goes to the column whose header the format ranks first ("Company Name" before
 * "Associated Company"); the others are left unmapped.
 */
export function proposeMapping(format: CsvFormatId, header: readonly string[]): ColumnMapping {
  const spec = formatSpec(format);
  const proposals = header.map((h, index) => {
    const key = normKey(h);
    const rank = spec.columns.findIndex(([alias]) => keyMatches(alias, key));
    return { index, header: h, field: rank === -1 ? null : spec.columns[rank]![1], rank };
  });
  const winner = new Map<TargetField, { rank: number; index: number }>();
  for (const p of proposals) {
    if (!p.field || MULTI_COLUMN_FIELDS.has(p.field)) continue;
    const current = winner.get(p.field);
    if (!current || p.rank < current.rank) winner.set(p.field, { rank: p.rank, index: p.index });
  }
  return proposals.map(({ index, header: h, field }) => ({
    index,
    header: h,
    field: field && (MULTI_COLUMN_FIELDS.has(field) || winner.get(field)?.index === index) ? field : null,
  }));
}

/** Required fields: one of each inner list must have a column. */
const REQUIRED: Record<RecordKind, readonly (readonly TargetField[])[]> = {
  contacts: [['email', 'otherEmails']],
  events: [['email'], ['eventType'], ['timestamp']],
  'campaign-members': [['campaignId', 'campaignName'], ['email', 'recordId'], ['memberStatus', 'responded']],
};

function missingFields(kind: RecordKind, mapping: ColumnMapping): TargetField[] {
  const mapped = new Set(mapping.map((m) => m.field));
  return REQUIRED[kind].filter((any) => !any.some((f) => mapped.has(f))).map((any) => any[0]!);
}

/**
 * What is wrong with a mapping the user adjusted: fields the format's kind has no use for, a single-column field on
 * two columns, required fields without a column. Empty when it can be imported.
 */
export function checkMapping(format: CsvFormatId, mapping: ColumnMapping): string[] {
  const kind = formatSpec(format).kind;
  const allowed = new Set<TargetField>(FIELDS_BY_KIND[kind]);
  const problems: string[] = [];
  const seen = new Map<TargetField, string>();
  for (const m of mapping) {
    if (!m.field) continue;
    if (!allowed.has(m.field)) problems.push(`"${m.header}" is mapped to ${FIELD_LABEL[m.field]}, which this kind of file does not have`);
    else if (!MULTI_COLUMN_FIELDS.has(m.field)) {
      const first = seen.get(m.field);
      if (first !== undefined) problems.push(`"${first}" and "${m.header}" are both mapped to ${FIELD_LABEL[m.field]}; choose one`);
      else seen.set(m.field, m.header);
    }
  }
  for (const field of missingFields(kind, mapping)) problems.push(`no column is mapped to ${FIELD_LABEL[field]}`);
  return problems;
}

/** CSV or a marketing pack, from the first characters of a file and its name. */
export function sniffFileKind(start: string, fileName = ''): 'csv' | 'pack' {
  const text = start.replace(/^\ufeff/, '').trimStart();
  if (/\.json$/i.test(fileName) || text.startsWith('{')) return 'pack';
  return 'csv';
}

