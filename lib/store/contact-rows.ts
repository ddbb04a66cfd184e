import { storedForm } from '../importers/merge';
import type { IncomingContact } from '../importers/types';
import { keysOf } from './shards';

/** ContactRows as plain data: what a worker posts (arrays of strings clone fast; no contact objects to walk). */
export interface ContactRowsData {
  ids: string[];
  /** Each contact in the form the store keeps it (storedForm), as JSON: a people shard's text is these joined. */
  json: string[];
  /** Each contact's lookup keys (keysOf), one after another: contact i's are keys[keyEnds[i - 1] ?? 0 … keyEnds[i]). */
  keys: string[];
  keyEnds: number[];
  /** becameSqlAt (the track record's only contact field), or null. */
  sqlDates: Array<string | null>;
  /** The file had no lifecycle stage for this contact (see IncomingContact.stageIsDefault). */
  stageIsDefault: boolean[];
}

/**
 * Contacts as an import hands them to the commit: each one's stored JSON text, id, lookup keys and SQL date, worked out
 * where the contact was read — in an import worker, for a large file — so the page never walks 100k contact objects.
 * (On the page's heap, after the read, serializing 100k contacts took ~0.45 s, against ~0.1 s for the same objects just
 * made; the key index and merge passes paid the same.) A contact that shares no email or CRM id with a stored record or
 * another row (in a first import, all of them) is stored as its text (PeopleWriter.putRow); the others are parsed back
 * (contact(i)) and go through mergeContacts, as before ContactRows.
 */
export class ContactRows {
  private constructor(private readonly rows: ContactRowsData) {}

  static empty(): ContactRows {
    return new ContactRows({ ids: [], json: [], keys: [], keyEnds: [], sqlDates: [], stageIsDefault: [] });
  }

  static of(contacts: Iterable<IncomingContact>): ContactRows {
    const rows = ContactRows.empty();
    for (const c of contacts) rows.add(c);
    return rows;
  }

  static from(data: ContactRowsData): ContactRows {
    return new ContactRows(data);
  }

  /** Several sets' contacts one after another (a file read in parts). */
  static join(sets: readonly ContactRows[]): ContactRows {
    const out = ContactRows.empty();
    for (const { rows } of sets) {
      const shift = out.rows.keys.length;
      // Loops, not push(...): spreading 50k values overflows the call stack.
      for (let i = 0; i < rows.ids.length; i++) {
        out.rows.ids.push(rows.ids[i]!);
        out.rows.json.push(rows.json[i]!);
        out.rows.keyEnds.push(rows.keyEnds[i]! + shift);
        out.rows.sqlDates.push(rows.sqlDates[i]!);
        out.rows.stageIsDefault.push(rows.stageIsDefault[i]!);
      }
      for (const key of rows.keys) out.rows.keys.push(key);
    }
    return out;
  }

  add(contact: IncomingContact): void {
    const stored = storedForm(contact);
    const { rows } = this;
    rows.ids.push(stored.id);
    rows.json.push(JSON.stringify(stored));
    for (const key of keysOf(stored)) rows.keys.push(key);
    rows.keyEnds.push(rows.keys.length);
    rows.sqlDates.push(stored.becameSqlAt ?? null);
    rows.stageIsDefault.push(contact.stageIsDefault === true);
  }

  get length(): number {
    return this.rows.ids.length;
  }

  data(): ContactRowsData {
    return this.rows;
  }

  id(i: number): string {
    return this.rows.ids[i]!;
  }

  json(i: number): string {
    return this.rows.json[i]!;
  }

  keysOf(i: number): string[] {
    return this.rows.keys.slice(i === 0 ? 0 : this.rows.keyEnds[i - 1], this.rows.keyEnds[i]);
  }

  sqlDate(i: number): string | undefined {
    return this.rows.sqlDates[i] ?? undefined;
  }

  /** Contact i as the import read it (parsed back from its text). */
  contact(i: number): IncomingContact {
    const contact = JSON.parse(this.rows.json[i]!) as IncomingContact;
    if (this.rows.stageIsDefault[i]) contact.stageIsDefault = true;
    return contact;
  }

  /**
   * The keys that make two records one person (emails and CRM ids: mergeContacts's), each once, and which contacts
   * share one with another of these contacts (sharing[i] = 1: they are one person, and the commit merges them).
   */
  personKeys(): { keys: string[]; sharing: Uint8Array } {
    const owner = new Map<string, number>();
    const sharing = new Uint8Array(this.length);
    this.forEachPersonKey((key, i) => {
      const seen = owner.get(key);
      if (seen === undefined) owner.set(key, i);
      else if (seen !== i) sharing[i] = sharing[seen] = 1;
    });
    return { keys: [...owner.keys()], sharing };
  }

  /** Calls `visit` with each contact's email and CRM id keys, contact by contact. */
  forEachPersonKey(visit: (key: string, i: number) => void): void {
    let from = 0;
    this.rows.keyEnds.forEach((end, i) => {
      for (let k = from; k < end; k++) if (isPersonKey(this.rows.keys[k]!)) visit(this.rows.keys[k]!, i);
      from = end;
    });
  }
}

/** An email's or a CRM id's key (lookupKey.email / crmId), not a LinkedIn slug's, domain's or company's. */
const isPersonKey = (key: string) => key.charCodeAt(1) === 58 /* : */ && (key.charCodeAt(0) === 101 /* e */ || key.charCodeAt(0) === 99); /* c */
