import type { Contact, ImportedScore } from '../model/contact';
import type { EngagementEvent } from '../model/marketing';
import { hash64 } from './text';
import type { IncomingContact } from './types';

/**
 * Re-import semantics, pure: contacts are one person when they share any email or any CRM id; events are one event
 * when eventKey() agrees. The store applies the result (and moves events of contacts that were merged away).
 */

export interface ContactMerge {
  /** Every contact after the merge: the existing ones (updated in place, same order), then the new ones. */
  contacts: Contact[];
  created: number;
  updated: number;
  unchanged: number;
  /**
   * Ids that are no longer a contact's because their record turned out to be the same person as another (an incoming
   * row had both addresses, or one address and the other's CRM id) → the id kept. Events must follow (remapEvents),
   * and the store deletes the records merged away.
   */
  mergedIds: ReadonlyMap<string, string>;
}

/**
 * Merges incoming contacts into existing ones. Records that share an email or a CRM id, directly or through others,
 * are one person: the oldest existing record keeps its id (events point at it) and its values, other existing records
 * only fill its gaps, then every incoming record updates it in file order: a value in the file wins (a re-import
 * updates), an empty one keeps what was there, and the lifecycle stage is taken unless the file had none
 * (`stageIsDefault`). Addresses and CRM ids are joined. Idempotent: merging the same incoming contacts again changes
 * nothing.
 */
export function mergeContacts(existing: readonly Contact[], incoming: readonly IncomingContact[]): ContactMerge {
  if (existing.length === 0 && !sharesAKey(incoming)) {
    // Everyone is new and nobody shares an address or CRM id (a first import of 100k contacts): each is their own
    // person, in file order, which is what the clustering below would find, without its bookkeeping.
    return { contacts: incoming.map(storedForm), created: incoming.length, updated: 0, unchanged: 0, mergedIds: new Map() };
  }
  const nodes: IncomingContact[] = [...existing, ...incoming];
  const parent = nodes.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const owner = new Map<string, number>();
  nodes.forEach((c, i) => {
    const keys = [...c.emails.map((e) => `e:${e.toLowerCase()}`), ...c.crmIds.map((id) => `c:${id}`)];
    for (const key of keys) {
      const seen = owner.get(key);
      if (seen === undefined) owner.set(key, i);
      else {
        // The smaller index becomes the root: existing before incoming, older before newer.
        const [x, y] = [find(seen), find(i)];
        if (x !== y) parent[Math.max(x, y)] = Math.min(x, y);
      }
    }
  });
  const clusters = new Map<number, number[]>();
  nodes.forEach((_, i) => {
    const root = find(i);
    clusters.set(root, [...(clusters.get(root) ?? []), i]);
  });

  const mergedIds = new Map<string, string>();
  const contacts: Contact[] = [];
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  for (const [root, members] of [...clusters].toSorted(([a], [b]) => a - b)) {
    const olds = members.filter((i) => i < existing.length);
    const news = members.filter((i) => i >= existing.length);
    let merged = tidy(strip(nodes[root]!));
    for (const i of olds.slice(1)) merged = combine(merged, nodes[i]!, 'base', false);
    for (const i of news) if (i !== root) merged = combine(merged, strip(nodes[i]!), 'next', !nodes[i]!.stageIsDefault);
    for (const i of members) if (nodes[i]!.id !== merged.id) mergedIds.set(nodes[i]!.id, merged.id);
    contacts.push(merged);
    if (olds.length === 0) created++;
    else if (olds.length === 1 && canonical(merged) === canonical(existing[root]!)) unchanged++;
    else updated++;
  }
  return { contacts, created, updated, unchanged, mergedIds };
}

/** Whether two of the contacts share an email or a CRM id (then they are one person). */
function sharesAKey(contacts: readonly IncomingContact[]): boolean {
  // Key → the record that has it: a key repeated within one record is no sharing.
  const owner = new Map<string, number>();
  const sharedBy = (key: string, i: number) => {
    const seen = owner.get(key);
    if (seen === undefined) owner.set(key, i);
    return seen !== undefined && seen !== i;
  };
  for (let i = 0; i < contacts.length; i++) {
    const c = contacts[i]!;
    for (const e of c.emails) if (sharedBy(`e:${e.toLowerCase()}`, i)) return true;
    for (const id of c.crmIds) if (sharedBy(`c:${id}`, i)) return true;
  }
  return false;
}

/** A contact in the form a merge stores a new one in (see tidy): what ContactRows keeps as text. */
export function storedForm(c: IncomingContact): Contact {
  // Most rows are in that form already (one address, one CRM id, one score, a stage of their own): kept as they are.
  return !('stageIsDefault' in c) && isTidy(c) ? c : tidy(strip(c));
}

const distinct = (list: readonly string[]) => list.length < 2 || new Set(list).size === list.length;

/** Whether tidy would change nothing (it makes new lists, not other values). */
function isTidy(c: Contact): boolean {
  const scores = c.importedScores;
  const scoresTidy = !scores || (scores.length <= 20 && scores.every((s, i) => scores.findIndex((x) => x.system === s.system && x.label === s.label) === i));
  return scoresTidy && distinct(c.emails) && distinct(c.crmIds);
}

function strip(c: IncomingContact): Contact {
  const { stageIsDefault: _, ...contact } = c;
  return contact;
}

/**
 * `base` joined with `next`, keeping base's id. Lists are joined, base's entries first. With `prefer: 'next'` next's
 * values win where it has them (a re-import updates); with 'base' they only fill what base lacks.
 */
function combine(base: Contact, next: Contact, prefer: 'base' | 'next', takeStage: boolean): Contact {
  const out: Contact = { ...base };
  const has = (v: string | undefined) => v !== undefined && v !== '';
  const scalar = ['title', 'company', 'companyDomain', 'linkedinSlug', 'owner', 'sourceCampaignId', 'originalSource', 'becameMqlAt', 'becameSqlAt'] as const;
  for (const key of scalar) if (has(next[key]) && (prefer === 'next' || !has(base[key]))) out[key] = next[key];
  if (has(next.firstName) && (prefer === 'next' || !has(base.firstName))) out.firstName = next.firstName;
  if (has(next.lastName) && (prefer === 'next' || !has(base.lastName))) out.lastName = next.lastName;
  out.emails = union(base.emails, next.emails);
  out.crmIds = union(base.crmIds, next.crmIds);
  if (takeStage) out.lifecycleStage = next.lifecycleStage;
  const defined = (p: Contact['properties']) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined));
  out.properties = prefer === 'next' ? { ...base.properties, ...defined(next.properties) } : { ...defined(next.properties), ...defined(base.properties) };
  const scores = prefer === 'next' ? mergeScores(base.importedScores, next.importedScores) : mergeScores(next.importedScores, base.importedScores);
  if (scores) out.importedScores = scores;
  return out;
}

function union(a: readonly string[], b: readonly string[]): string[] {
  const seen = new Set(a);
  return [...a, ...b.filter((x) => !seen.has(x) && (seen.add(x), true))];
}

/** One score per system and label; the newer value replaces the older in place. */
function mergeScores(a: readonly ImportedScore[] | undefined, b: readonly ImportedScore[] | undefined): ImportedScore[] | undefined {
  if (!a && !b) return undefined;
  const out: ImportedScore[] = [];
  for (const score of [...(a ?? []), ...(b ?? [])]) {
    const at = out.findIndex((s) => s.system === score.system && s.label === score.label);
    if (at === -1) out.push(score);
    else out[at] = score;
  }
  return out.slice(0, 20);
}

/** A new contact in the form a merge leaves contacts in (no repeated address, CRM id or score), so merging is idempotent. */
function tidy(c: Contact): Contact {
  const out: Contact = { ...c, emails: union([], c.emails), crmIds: union([], c.crmIds) };
  const scores = mergeScores(undefined, c.importedScores);
  if (scores) out.importedScores = scores;
  return out;
}

/** A stable string of a contact, for telling whether a merge changed it. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).toSorted(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}

/**
 * What makes two events the same event: the person, what they did, when (to the millisecond, whatever the file's date
 * format), and the campaign and content it was about. Details are not part of it: a re-export may word them differently.
 */
export function eventKey(event: Pick<EngagementEvent, 'contactId' | 'type' | 'at' | 'campaignId' | 'contentId'>): string {
  return eventKeyOf(event.contactId, event.type, Date.parse(event.at), event.campaignId, event.contentId);
}

/** eventKey from its parts, for an importer that has the time in milliseconds already. */
export function eventKeyOf(contactId: string, type: string, ms: number, campaignId?: string, contentId?: string): string {
  return `${contactId}|${type}|${ms}|${campaignId ?? ''}|${contentId ?? ''}`;
}

/** The id an imported event gets: derived from its key, so importing it again writes the same record. */
export function eventId(key: string): string {
  return `ev-${hash64(key)}`;
}

/** Events with contact ids moved as mergeContacts says. */
export function remapEvents(events: readonly EngagementEvent[], mergedIds: ReadonlyMap<string, string>): EngagementEvent[] {
  if (mergedIds.size === 0) return [...events];
  return events.map((e) => {
    const to = mergedIds.get(e.contactId);
    return to ? { ...e, contactId: to } : e;
  });
}

export interface EventMerge {
  events: EngagementEvent[];
  added: number;
  /** Incoming events that were already there (their details, if any, replace the old ones). */
  duplicates: number;
}

/** Existing events plus the incoming ones that are new by eventKey(); a known event keeps its id. */
export function mergeEvents(existing: readonly EngagementEvent[], incoming: readonly EngagementEvent[]): EventMerge {
  const out = [...existing];
  const at = new Map<string, number>();
  out.forEach((e, i) => at.set(eventKey(e), i));
  let added = 0;
  let duplicates = 0;
  for (const event of incoming) {
    const key = eventKey(event);
    const i = at.get(key);
    if (i === undefined) {
      at.set(key, out.length);
      out.push(event);
      added++;
    } else {
      duplicates++;
      if (event.details !== undefined) out[i] = { ...out[i]!, details: event.details };
    }
  }
  return { events: out, added, duplicates };
}
