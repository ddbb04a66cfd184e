import type { ImportedScore, LifecycleStage } from '../../model/contact';
import type { CsvFormatId, RecordKind, TargetField } from '../types';

/** A header that points to a format, and how strongly (3: only this tool writes it; 0.5: everyone does). */
export interface Marker {
  key: string | RegExp;
  weight: number;
}

/** A header (its normKey, or a pattern over it) and the field it feeds. Earlier entries win a field. */
export type Alias = readonly [key: string | RegExp, field: TargetField];

/** What a CRM record id becomes in Lens. */
export interface RecordRef {
  /** "hubspot:123": how site detectors name the record (Mautic has none). */
  crmId?: string;
  /** The Lens contact id for a new contact. */
  contactId: string;
}

export interface FormatSpec {
  id: CsvFormatId;
  /** "HubSpot contacts export", as the preview names it. */
  label: string;
  kind: RecordKind;
  /** Whose scores and record ids the file carries. */
  system?: ImportedScore['system'];
  markers: readonly Marker[];
  /** Marker weight that makes a sure match. */
  sure: number;
  /** 0–1: how well the headers' spelling fits the tool (labels with spaces, API names, lower-case aliases). */
  style: (header: readonly string[]) => number;
  columns: readonly Alias[];
  /** The tool's own stage words, looked up before the shared ones. */
  stageWords?: ReadonlyMap<string, LifecycleStage>;
  /** The stage of a contact the file gives none for. */
  defaultStage: (record: string | undefined) => LifecycleStage;
  /** A record id cell; undefined when it is not one of this tool's ids. */
  recordRef?: (value: string) => RecordRef | undefined;
  /** Says what a valid record id looks like, for the error. */
  recordIdHint?: string;
}

const nonEmpty = (header: readonly string[]) => header.filter((h) => h.trim() !== '');

/** Share of headers written as labels ("First Name") rather than identifiers ("FirstName", "first_name"). */
export function spacedShare(header: readonly string[]): number {
  const all = nonEmpty(header);
  return all.length === 0 ? 0 : all.filter((h) => /\s/.test(h.trim())).length / all.length;
}

/** Share of headers that are lower-case identifiers ("firstname", "last_active"), as Mautic writes its aliases. */
export function aliasShare(header: readonly string[]): number {
  const all = nonEmpty(header);
  return all.length === 0 ? 0 : all.filter((h) => /^[a-z0-9_]+$/.test(h.trim())).length / all.length;
}
