import { EventType, type EngagementEvent } from '../model/marketing';
import { hash64Into, hex64 } from './text';

/**
 * Imported events held column by column until they are written: about 30 bytes an event in typed arrays, with the
 * strings that repeat (contact ids, campaigns, content, details) stored once in tables. A 1M-row events file is ~30 MB
 * this way instead of a million objects (~300 MB, and a garbage collector busy with them), and a worker hands its
 * columns to the page by transfer, not by copying. The id is kept as its hash (the id is `ev-` + those 16 hex digits),
 * the time as milliseconds (the model's text is its toISOString). event(i) rebuilds exactly the object the importer
 * validated.
 */

const TYPES = EventType.options;
const TYPE_INDEX: ReadonlyMap<string, number> = new Map(TYPES.map((t, i) => [t, i]));
const NONE = -1;

/** What crosses from a worker to the page (its buffers transferred). */
export interface EventColumnsData {
  length: number;
  contactIds: string[];
  texts: string[];
  contact: Uint32Array;
  type: Uint8Array;
  ms: Float64Array;
  /** Two 32-bit lanes per event: the id's hash. */
  hash: Uint32Array;
  campaign: Int32Array;
  content: Int32Array;
  details: Int32Array;
}

export class EventColumns {
  length = 0;
  private contactIds: string[] = [];
  private contactIndex = new Map<string, number>();
  private texts: string[] = [];
  private textIndex = new Map<string, number>();
  private contact: Uint32Array = new Uint32Array(1024);
  private type: Uint8Array = new Uint8Array(1024);
  private ms: Float64Array = new Float64Array(1024);
  private hash: Uint32Array = new Uint32Array(2048);
  private campaign: Int32Array = new Int32Array(1024);
  private content: Int32Array = new Int32Array(1024);
  private details: Int32Array = new Int32Array(1024);

  /** Columns a worker sent (see data()). */
  static from(data: EventColumnsData): EventColumns {
    const columns = new EventColumns();
    columns.length = data.length;
    columns.contactIds = data.contactIds;
    columns.contactIndex = new Map(data.contactIds.map((id, i) => [id, i]));
    columns.texts = data.texts;
    columns.textIndex = new Map(data.texts.map((t, i) => [t, i]));
    columns.contact = data.contact;
    columns.type = data.type;
    columns.ms = data.ms;
    columns.hash = data.hash;
    columns.campaign = data.campaign;
    columns.content = data.content;
    columns.details = data.details;
    return columns;
  }

  /**
   * Adds an event whose id is eventId(key) (the key is hashed here, not kept). Its parts must be valid already (the
   * importer checks each distinct value with the model's schema).
   */
  push(key: string, contactId: string, type: EventType, ms: number, campaignId?: string, contentId?: string, details?: string): void {
    const i = this.length;
    if (i === this.contact.length) this.grow();
    let c = this.contactIndex.get(contactId);
    if (c === undefined) {
      c = this.contactIds.length;
      this.contactIds.push(contactId);
      this.contactIndex.set(contactId, c);
    }
    this.contact[i] = c;
    this.type[i] = TYPE_INDEX.get(type)!;
    this.ms[i] = ms;
    hash64Into(key, this.hash, 2 * i);
    this.campaign[i] = this.text(campaignId);
    this.content[i] = this.text(contentId);
    this.details[i] = this.text(details);
    this.length = i + 1;
  }

  /** Appends another set of columns (a batch, or a worker's part), in order. */
  append(other: EventColumns): void {
    const contactMap = other.contactIds.map((id) => {
      let c = this.contactIndex.get(id);
      if (c === undefined) {
        c = this.contactIds.length;
        this.contactIds.push(id);
        this.contactIndex.set(id, c);
      }
      return c;
    });
    const textMap = other.texts.map((t) => this.text(t));
    const remap = (i: number) => (i === NONE ? NONE : textMap[i]!);
    for (let j = 0; j < other.length; j++) {
      const i = this.length;
      if (i === this.contact.length) this.grow();
      this.contact[i] = contactMap[other.contact[j]!]!;
      this.type[i] = other.type[j]!;
      this.ms[i] = other.ms[j]!;
      this.hash[2 * i] = other.hash[2 * j]!;
      this.hash[2 * i + 1] = other.hash[2 * j + 1]!;
      this.campaign[i] = remap(other.campaign[j]!);
      this.content[i] = remap(other.content[j]!);
      this.details[i] = remap(other.details[j]!);
      this.length = i + 1;
    }
  }

  /** Forgets every event (a file read again from the start). */
  clear(): void {
    this.length = 0;
    this.contactIds = [];
    this.contactIndex = new Map();
    this.texts = [];
    this.textIndex = new Map();
  }

  /** The contact ids the events name, each once; contactIndexOf(i) points into it. */
  contacts(): readonly string[] {
    return this.contactIds;
  }

  contactIndexOf(i: number): number {
    return this.contact[i]!;
  }

  /** Event i as the model's object (the shape the importer validated: no undefined properties). */
  event(i: number): EngagementEvent {
    const event: EngagementEvent = {
      id: `ev-${hex64(this.hash[2 * i]!, this.hash[2 * i + 1]!)}`,
      contactId: this.contactIds[this.contact[i]!]!,
      type: TYPES[this.type[i]!]!,
      at: new Date(this.ms[i]!).toISOString(),
    };
    const campaign = this.campaign[i]!;
    const content = this.content[i]!;
    const details = this.details[i]!;
    if (campaign !== NONE) event.campaignId = this.texts[campaign]!;
    if (content !== NONE) event.contentId = this.texts[content]!;
    if (details !== NONE) event.details = this.texts[details]!;
    return event;
  }

  toEvents(): EngagementEvent[] {
    const out: EngagementEvent[] = [];
    for (let i = 0; i < this.length; i++) out.push(this.event(i));
    return out;
  }

  /** A trimmed copy to post to another thread, and the buffers to transfer with it. */
  data(): { data: EventColumnsData; transfer: ArrayBuffer[] } {
    const n = this.length;
    const data: EventColumnsData = {
      length: n,
      contactIds: this.contactIds,
      texts: this.texts,
      contact: this.contact.slice(0, n),
      type: this.type.slice(0, n),
      ms: this.ms.slice(0, n),
      hash: this.hash.slice(0, 2 * n),
      campaign: this.campaign.slice(0, n),
      content: this.content.slice(0, n),
      details: this.details.slice(0, n),
    };
    return { data, transfer: [data.contact, data.type, data.ms, data.hash, data.campaign, data.content, data.details].map((a) => a.buffer as ArrayBuffer) };
  }

  private text(value: string | undefined): number {
    if (value === undefined) return NONE;
    let t = this.textIndex.get(value);
    if (t === undefined) {
      t = this.texts.length;
      this.texts.push(value);
      this.textIndex.set(value, t);
    }
    return t;
  }

  private grow(): void {
    const size = this.contact.length * 2;
    const bigger = <T extends Uint32Array | Uint8Array | Float64Array | Int32Array>(from: T, make: new (n: number) => T, n = size): T => {
      const to = new make(n);
      to.set(from);
      return to;
    };
    this.contact = bigger(this.contact, Uint32Array);
    this.type = bigger(this.type, Uint8Array);
    this.ms = bigger(this.ms, Float64Array);
    this.hash = bigger(this.hash, Uint32Array, 2 * size);
    this.campaign = bigger(this.campaign, Int32Array);
    this.content = bigger(this.content, Int32Array);
    this.details = bigger(this.details, Int32Array);
  }
}
