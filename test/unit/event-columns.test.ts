import * as fc from 'fast-check';
import { EventColumns, parseImportDate } from '../../lib/importers';
import { CopyMemo } from '../../lib/importers/event-columns';
import { eventId, eventKey, eventKeyOf } from '../../lib/importers/merge';
import { EngagementEvent, EventType } from '../../lib/model';
import { IsoDateTime } from '../../lib/model/common';

const arbEvent = fc.record({
  contactId: fc.constantFrom('hubspot-1', 'hubspot-2', 'ct-dana-whitfield', 'salesforce-00Q5g00000AbCdEAAZ'),
  type: fc.constantFrom(...EventType.options),
  ms: fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 11, 31, 23, 59, 59, 999) }),
  campaignId: fc.option(fc.constantFrom('cmp-ops-nurture', 'salesforce-7015g000000AbCdAAK'), { nil: undefined }),
  contentId: fc.option(fc.constantFrom('ct-roi-guide', 'ct-case-acme'), { nil: undefined }),
  details: fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
});
interface Row {
  contactId: string;
  type: EventType;
  ms: number;
  campaignId?: string | undefined;
  contentId?: string | undefined;
  details?: string | undefined;
}

/** The object the importer built before events were kept as columns: the model's shape, no undefined properties. */
function asObject(row: Row): EngagementEvent {
  const key = eventKeyOf(row.contactId, row.type, row.ms, row.campaignId, row.contentId);
  const event: EngagementEvent = { id: eventId(key), contactId: row.contactId, type: row.type, at: new Date(row.ms).toISOString() };
  if (row.campaignId !== undefined) event.campaignId = row.campaignId;
  if (row.contentId !== undefined) event.contentId = row.contentId;
  if (row.details !== undefined) event.details = row.details;
  return event;
}

function push(columns: EventColumns, row: Row): void {
  columns.push(eventKeyOf(row.contactId, row.type, row.ms, row.campaignId, row.contentId), row.contactId, row.type, row.ms, row.campaignId, row.contentId, row.details);
}

describe('events kept as columns', () => {
  it('give back exactly the objects they were made from, in order, across copies and a transfer to another thread', () => {
    fc.assert(
      fc.property(fc.array(arbEvent, { maxLength: 3000 }), fc.array(arbEvent, { maxLength: 300 }), fc.boolean(), (first, second, sized) => {
        const a = new EventColumns();
        for (const row of first) push(a, row);
        const b = new EventColumns(1);
        // Sized exactly (data() then hands over its own columns) or grown as they come (data() copies them trimmed).
        if (sized) b.reserve(second.length);
        for (const row of second) push(b, row);
        // What a worker does with its part: post the data with its buffers transferred; the page rebuilds it.
        const { data, transfer } = b.data();
        const received = EventColumns.from(structuredClone(data, { transfer }));
        expect(data.contact.buffer.byteLength).toBe(0); // transferred, not copied
        expect(received.toEvents()).toEqual(second.map(asObject));
        // What a commit does: each event copied into another set, its contact and texts numbered in that set's tables.
        a.reserve(received.length);
        for (let j = 0; j < received.length; j++) a.pushFrom(received, j);
        const expected = [...first, ...second].map(asObject);
        expect(a.length).toBe(expected.length);
        expect(a.toEvents()).toEqual(expected);
        // Same keys in the same order: the store's "did it change" compares JSON.
        expect(a.toEvents().map((e) => JSON.stringify(e))).toEqual(expected.map((e) => JSON.stringify(e)));
        expect(a.toEvents().every((e) => eventId(eventKey(e)) === e.id)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it('copies events into several targets with a memo of their numbers as without it (property)', () => {
    fc.assert(
      fc.property(fc.array(arbEvent, { maxLength: 200 }), fc.array(arbEvent, { maxLength: 50 }), fc.array(fc.nat(), { maxLength: 200 }), (source, seeded, picks) => {
        const from = new EventColumns();
        for (const row of source) push(from, row);
        const memo = new CopyMemo(from);
        // Targets that already hold other events number contacts and texts their own way.
        const target = (k: number) => {
          const t = new EventColumns();
          for (const row of seeded.slice(k * 3)) push(t, row);
          return t;
        };
        for (const targets of [0, 1, 2]) {
          const withMemo = target(targets);
          const without = target(targets);
          memo.next();
          for (const pick of picks.slice(targets * 5)) {
            if (from.length === 0) break;
            const j = pick % from.length;
            withMemo.pushFrom(from, j, memo);
            without.pushFrom(from, j);
          }
          expect(withMemo.toEvents()).toEqual(without.toEvents());
        }
      }),
      { numRuns: 60 },
    );
  });

  it('keeps each repeated contact and text once', () => {
    const columns = new EventColumns();
    for (let i = 0; i < 10_000; i++)
      push(columns, { contactId: `hubspot-${i % 7}`, type: 'email_open', ms: Date.UTC(2026, 0, 1) + i, campaignId: 'cmp-a', contentId: undefined, details: i % 2 ? 'Clicked' : undefined });
    expect(columns.contacts()).toHaveLength(7);
    expect(columns.data().data.texts).toEqual(['cmp-a', 'Clicked']);
    columns.clear();
    expect(columns.length).toBe(0);
    expect(columns.toEvents()).toEqual([]);
  });

  it('rebuilds the time as text the model accepts, for every instant the date reader lets through', () => {
    // Columns keep milliseconds and the model's text is their toISOString: the schema must take all of them.
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 11, 31, 23, 59, 59, 999) }), (ms) => {
        const read = parseImportDate(String(ms), { dateOrder: 'mdy', timeZone: 'UTC' });
        if (!read.ok) return;
        expect(read.iso).toBe(new Date(read.ms).toISOString());
        expect(IsoDateTime.safeParse(read.iso).success).toBe(true);
      }),
    );
  });
});
