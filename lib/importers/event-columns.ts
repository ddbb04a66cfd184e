import { EventType, type EngagementEvent } from '../model/marketing';
import { eventKeyOf } from './merge';
import { Hash64, hex64 } from './text';

/**
 * Engagement events column by column: 33 bytes an event in typed arrays (views of one buffer), with the strings that
 * repeat (contact ids, campaigns, content, details) stored once in tables. An import holds a 1M-row file this way
 * (~33 MB instead of a million objects and a garbage collector busy with them), a worker hands its part to the page by
 * transferring the buffer, and the store keeps each event shard in this form (an IndexedDB value of one buffer is
 * copied, not walked property by property, and is a quarter of the size).
 *
 * Each event keeps the 64-bit hash of its eventKey; its id is `ev-` + those 16 hex digits, as eventId() makes it, and its
 * time is the milliseconds' toISOString. An event that came with another id or another spelling of its time (the
 * demo's, a pack's, one moved to the person its contact was merged into) keeps them in `exact`. event(i) gives back
 * exactly the object that was put in (its properties in the model's order).
 */

const TYPES = EventType.options;
/** push()'s hasher, reused. */
const keyHasher = new Hash64();
const TYPE_INDEX: ReadonlyMap<string, number> = new Map(TYPES.map((t, i) => [t, i]));
const NONE = -1;

/** What an event keeps beyond its columns: the id and time text it came with, when they are not the derived ones. */
export interface ExactParts {
  id?: string;
  at?: string;
}

/** The columns as plain data: posted to another thread (its buffers transferred) or stored in IndexedDB. */
export interface EventColumnsData {
  length: number;
  contactIds: string[];
  texts: string[];
  contact: Uint32Array;
  type: Uint8Array;
  ms: Float64Array;
  /** Two 32-bit lanes per event: the hash of its eventKey. */
  hash: Uint32Array;
  campaign: Int32Array;
  content: Int32Array;
  details: Int32Array;
  /** Event index → what it keeps exactly (see ExactParts); absent when nothing is. */
  exact?: Map<number, ExactParts>;
}

/**
 * pushFrom's answers for one source of events copied into one target: the target's number for each of the source's
 * contacts and texts, found once (a Map lookup each) instead of per event — 4 lookups an event were most of the commit's
 * copying of 1M events. Made once per source; next() starts over for another target (a new round, no clearing).
 */
export class CopyMemo {
  round = 1;
  readonly contactSeen: Uint32Array;
  readonly contactAs: Uint32Array;
  readonly textSeen: Uint32Array;
  readonly textAs: Int32Array;

  constructor(source: EventColumns) {
    const contacts = source.contacts().length;
    const texts = source.textCount;
    this.contactSeen = new Uint32Array(contacts);
    this.contactAs = new Uint32Array(contacts);
    this.textSeen = new Uint32Array(texts);
    this.textAs = new Int32Array(texts);
  }

  /** The events that follow go to another target. */
  next(): void {
    this.round++;
  }
}

/**
 * A hash of an eventKey as one small integer (30 of its 64 bits): what duplicate checks look up first, then confirm
 * field by field. Small enough for V8 to keep as an unboxed integer (a 53-bit number would be a heap object per key of
 * a million-event import); with ~250 events a shard among 2^30 values, two keys of one shard rarely share one.
 */
export type KeyHash = number;

export class EventColumns {
  length = 0;
  private contactIds: string[] = [];
  private texts: string[] = [];
  // Built on first write: a lookup that only reads a stored shard never pays for them.
  private contactIndex: Map<string, number> | undefined = new Map();
  private textIndex: Map<string, number> | undefined = new Map();
  // Set by use(), from the constructor on.
  private contact!: Uint32Array;
  private type!: Uint8Array;
  private ms!: Float64Array;
  private hash!: Uint32Array;
  private campaign!: Int32Array;
  private content!: Int32Array;
  private details!: Int32Array;
  private exact: Map<number, ExactParts> | undefined;

  /** `capacity`: room for that many events before the columns grow (none by default: see reserve). */
  constructor(capacity = 0) {
    this.use(allocate(Math.max(0, Math.floor(capacity))));
  }

  /** Columns posted by a worker or read from the store (see data()); they are used as they are, not copied. */
  static from(data: EventColumnsData): EventColumns {
    const columns = new EventColumns();
    columns.length = data.length;
    columns.contactIds = data.contactIds;
    columns.texts = data.texts;
    columns.contactIndex = undefined;
    columns.textIndex = undefined;
    columns.use(data);
    columns.exact = data.exact && data.exact.size > 0 ? data.exact : undefined;
    return columns;
  }

  /** Events given as objects (a pack's, a backup's, the demo's), each kept exactly. */
  static of(events: Iterable<EngagementEvent>): EventColumns {
    const columns = new EventColumns();
    for (const event of events) columns.pushEvent(event);
    return columns;
  }

  /**
   * Adds an event whose id is eventId(key) and whose time text is toISOString (an importer's: the key is hashed here,
   * not kept). Its parts must be valid already (the importer checks each distinct value with the model's schema).
   */
  push(key: string, contactId: string, type: EventType, ms: number, campaignId?: string, contentId?: string, details?: string): void {
    this.pushNumbered(this.contactNumber(contactId), keyHasher.start().text(key), type, ms, campaignId, contentId, details);
  }

  /** The number of a contact id in this set's table (added when new): for an importer that keeps it per contact. */
  numberOf(contactId: string): number {
    return this.contactNumber(contactId);
  }

  /**
   * As push, for an importer that numbered the contact (numberOf) and fed the eventKey to `key` (the same text push
   * would hash, without making it): a 1M-row file hashes each contact's part of the key once.
   */
  pushNumbered(contact: number, key: Hash64, type: EventType, ms: number, campaignId?: string, contentId?: string, details?: string): void {
    const i = this.length;
    if (i === this.contact.length) this.grow();
    this.contact[i] = contact;
    this.type[i] = TYPE_INDEX.get(type)!;
    this.ms[i] = ms;
    key.into(this.hash, 2 * i);
    this.campaign[i] = this.text(campaignId);
    this.content[i] = this.text(contentId);
    this.details[i] = this.text(details);
    this.length = i + 1;
  }

  /** Adds a model event as it is: an id or time text other than the derived ones is kept in `exact`. */
  pushEvent(event: EngagementEvent): void {
    const ms = Date.parse(event.at);
    const i = this.length;
    this.push(eventKeyOf(event.contactId, event.type, ms, event.campaignId, event.contentId), event.contactId, event.type, ms, event.campaignId, event.contentId, event.details);
    const id = event.id === this.derivedId(i) ? undefined : event.id;
    const at = event.at === new Date(ms).toISOString() ? undefined : event.at;
    if (id !== undefined || at !== undefined) this.setExact(i, { id, at });
  }

  /** Adds event j of `other` (same id, time and texts, numbered in this set's tables); returns its index here. */
  pushFrom(other: EventColumns, j: number, memo?: CopyMemo): number {
    const i = this.length;
    if (i === this.contact.length) this.grow();
    const c = other.contact[j]!;
    if (memo && memo.contactSeen[c] === memo.round) this.contact[i] = memo.contactAs[c]!;
    else {
      this.contact[i] = this.contactNumber(other.contactIds[c]!);
      if (memo) {
        memo.contactSeen[c] = memo.round;
        memo.contactAs[c] = this.contact[i]!;
      }
    }
    this.type[i] = other.type[j]!;
    this.ms[i] = other.ms[j]!;
    this.hash[2 * i] = other.hash[2 * j]!;
    this.hash[2 * i + 1] = other.hash[2 * j + 1]!;
    this.campaign[i] = this.textFrom(other, other.campaign[j]!, memo);
    this.content[i] = this.textFrom(other, other.content[j]!, memo);
    this.details[i] = this.textFrom(other, other.details[j]!, memo);
    const exact = other.exact?.get(j);
    if (exact) this.setExact(i, exact);
    this.length = i + 1;
    return i;
  }

  /** How many distinct texts (campaigns, content, details) the events name. */
  get textCount(): number {
    return this.texts.length;
  }

  /** How many events fit before the columns grow. */
  get capacity(): number {
    return this.contact.length;
  }

  /** Makes room for `more` events beyond the current ones (one allocation instead of doubling as they come). */
  reserve(more: number): void {
    const needed = this.length + more;
    if (needed > this.contact.length) this.grow(Math.max(needed, this.contact.length * 2));
  }

  /** Forgets every event (a file read again from the start). */
  clear(): void {
    this.length = 0;
    this.contactIds = [];
    this.texts = [];
    this.contactIndex = new Map();
    this.textIndex = new Map();
    this.exact = undefined;
  }

  /** The contact ids the events name, each once; contactNumberOf(i) points into it. */
  contacts(): readonly string[] {
    return this.contactIds;
  }

  contactNumberOf(i: number): number {
    return this.contact[i]!;
  }

  contactOf(i: number): string {
    return this.contactIds[this.contact[i]!]!;
  }

  keyHash(i: number): KeyHash {
    return this.hash[2 * i]! >>> 2;
  }

  /** Whether event i here and event j of `other` have the same eventKey (contact, type, time, campaign, content). */
  sameKey(i: number, other: EventColumns, j: number): boolean {
    return (
      this.ms[i] === other.ms[j] &&
      this.type[i] === other.type[j] &&
      this.contactOf(i) === other.contactOf(j) &&
      this.textAt(this.campaign[i]!) === other.textAt(other.campaign[j]!) &&
      this.textAt(this.content[i]!) === other.textAt(other.content[j]!)
    );
  }

  detailsOf(i: number): string | undefined {
    return this.textAt(this.details[i]!);
  }

  setDetails(i: number, details: string): void {
    this.details[i] = this.text(details);
  }

  /** Event i as the model's object, exactly as it was put in. */
  event(i: number): EngagementEvent {
    const exact = this.exact?.get(i);
    const event: EngagementEvent = {
      id: exact?.id ?? this.derivedId(i),
      contactId: this.contactIds[this.contact[i]!]!,
      type: TYPES[this.type[i]!]!,
      at: exact?.at ?? new Date(this.ms[i]!).toISOString(),
    };
    const campaign = this.campaign[i]!;
    const content = this.content[i]!;
    const details = this.details[i]!;
    if (campaign !== NONE) event.campaignId = this.texts[campaign]!;
    if (content !== NONE) event.contentId = this.texts[content]!;
    if (details !== NONE) event.details = this.texts[details]!;
    return event;
  }

  /** The events as objects: all, or those `order` picks, in its order. */
  toEvents(order?: ArrayLike<number>): EngagementEvent[] {
    const out: EngagementEvent[] = [];
    const count = order ? order.length : this.length;
    for (let k = 0; k < count; k++) out.push(this.event(order ? order[k]! : k));
    return out;
  }

  /** The events of one contact, as objects (a lookup's). */
  eventsOf(contactId: string): EngagementEvent[] {
    const c = this.contactIds.indexOf(contactId);
    const out: EngagementEvent[] = [];
    if (c === -1) return out;
    for (let i = 0; i < this.length; i++) if (this.contact[i] === c) out.push(this.event(i));
    return out;
  }

  /** A copy without the events of `contactId` (their person was deleted or merged into another). */
  without(contactId: string): EventColumns {
    const out = new EventColumns();
    for (let i = 0; i < this.length; i++) if (this.contactOf(i) !== contactId) out.pushFrom(this, i);
    return out;
  }

  /** The events the track record looks at (meetings, and touches of content), as the light objects it reads. */
  outcomeSignals(): Array<Pick<EngagementEvent, 'contactId' | 'type' | 'contentId' | 'at'>> {
    const out: Array<Pick<EngagementEvent, 'contactId' | 'type' | 'contentId' | 'at'>> = [];
    const meeting = TYPE_INDEX.get('meeting_booked');
    for (let i = 0; i < this.length; i++) {
      const content = this.content[i]!;
      if (this.type[i] !== meeting && content === NONE) continue;
      const signal: Pick<EngagementEvent, 'contactId' | 'type' | 'contentId' | 'at'> = { contactId: this.contactOf(i), type: TYPES[this.type[i]!]!, at: new Date(this.ms[i]!).toISOString() };
      if (content !== NONE) signal.contentId = this.texts[content]!;
      out.push(signal);
    }
    return out;
  }

  /**
   * The columns as plain data, trimmed to their length, and the buffers to transfer when posting it. Columns with room
   * to spare are copied (a typed array view would carry its whole buffer); full ones (reserve() sized them) are given
   * as they are, so transferring them leaves this set empty-handed: post it last.
   */
  data(): { data: EventColumnsData; transfer: ArrayBuffer[] } {
    const n = this.length;
    const full = n === this.contact.length;
    const trim = <T extends Uint32Array | Uint8Array | Float64Array | Int32Array>(column: T, size = n): T => (full ? column : (column.slice(0, size) as T));
    const data: EventColumnsData = {
      length: n,
      contactIds: this.contactIds,
      texts: this.texts,
      contact: trim(this.contact),
      type: trim(this.type),
      ms: trim(this.ms),
      hash: trim(this.hash, 2 * n),
      campaign: trim(this.campaign),
      content: trim(this.content),
      details: trim(this.details),
    };
    if (this.exact) data.exact = this.exact;
    const buffers = new Set([data.contact, data.type, data.ms, data.hash, data.campaign, data.content, data.details].map((a) => a.buffer as ArrayBuffer));
    return { data, transfer: [...buffers] };
  }

  private derivedId(i: number): string {
    return `ev-${hex64(this.hash[2 * i]!, this.hash[2 * i + 1]!)}`;
  }

  private setExact(i: number, parts: ExactParts): void {
    const kept: ExactParts = {};
    if (parts.id !== undefined) kept.id = parts.id;
    if (parts.at !== undefined) kept.at = parts.at;
    (this.exact ??= new Map()).set(i, kept);
  }

  private textAt(t: number): string | undefined {
    return t === NONE ? undefined : this.texts[t];
  }

  private contactNumber(contactId: string): number {
    return intern(this.contactIds, (this.contactIndex ??= indexOf(this.contactIds)), contactId);
  }

  /** This table's number for text t of `other` (remembered in `memo` for the next event that names it). */
  private textFrom(other: EventColumns, t: number, memo: CopyMemo | undefined): number {
    if (t === NONE) return NONE;
    if (memo && memo.textSeen[t] === memo.round) return memo.textAs[t]!;
    const mine = this.text(other.texts[t]);
    if (memo) {
      memo.textSeen[t] = memo.round;
      memo.textAs[t] = mine;
    }
    return mine;
  }

  private text(value: string | undefined): number {
    return value === undefined ? NONE : intern(this.texts, (this.textIndex ??= indexOf(this.texts)), value);
  }

  private grow(size = Math.max(64, this.contact.length * 2)): void {
    const to = allocate(size);
    to.contact.set(this.contact);
    to.type.set(this.type);
    to.ms.set(this.ms);
    to.hash.set(this.hash);
    to.campaign.set(this.campaign);
    to.content.set(this.content);
    to.details.set(this.details);
    this.use(to);
  }

  private use(columns: Columns): void {
    this.contact = columns.contact;
    this.type = columns.type;
    this.ms = columns.ms;
    this.hash = columns.hash;
    this.campaign = columns.campaign;
    this.content = columns.content;
    this.details = columns.details;
  }
}

type Columns = Pick<EventColumnsData, 'contact' | 'type' | 'ms' | 'hash' | 'campaign' | 'content' | 'details'>;

/**
 * Room for n events: the seven columns as views of ONE buffer (the 8-byte times first, for alignment). A 1M-event
 * commit makes a set per shard: 4,096 buffers instead of 28,672 keeps the collector (which counts them) quieter, and
 * IndexedDB and postMessage copy or move one buffer per set.
 */
function allocate(n: number): Columns {
  const buffer = new ArrayBuffer(n * BYTES_PER_EVENT);
  let at = 0;
  const take = <T>(make: (offset: number) => T, bytes: number): T => {
    const view = make(at);
    at += bytes;
    return view;
  };
  return {
    ms: take((o) => new Float64Array(buffer, o, n), 8 * n),
    hash: take((o) => new Uint32Array(buffer, o, 2 * n), 8 * n),
    contact: take((o) => new Uint32Array(buffer, o, n), 4 * n),
    campaign: take((o) => new Int32Array(buffer, o, n), 4 * n),
    content: take((o) => new Int32Array(buffer, o, n), 4 * n),
    details: take((o) => new Int32Array(buffer, o, n), 4 * n),
    type: take((o) => new Uint8Array(buffer, o, n), n),
  };
}

/** ms 8, hash 8, contact, campaign, content and details 4 each, type 1. */
const BYTES_PER_EVENT = 33;

const indexOf = (list: readonly string[]) => new Map(list.map((value, i) => [value, i]));

/** The number of `value` in a table of strings kept once each (added at the end when new). */
function intern(list: string[], index: Map<string, number>, value: string): number {
  let n = index.get(value);
  if (n === undefined) {
    n = list.length;
    list.push(value);
    index.set(value, n);
  }
  return n;
}
