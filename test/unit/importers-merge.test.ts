import * as fc from 'fast-check';
import type { Contact } from '../../lib/model/contact';
import type { EngagementEvent } from '../../lib/model/marketing';
import { eventId, eventKey, mergeContacts, mergeEvents, remapEvents, type IncomingContact } from '../../lib/importers';
import { eventKeyOf } from '../../lib/importers/merge';
import { Hash64, clean, hasSpaceToFold, hash64, hash64Into } from '../../lib/importers/text';

const contact = (id: string, emails: string[], extra: Partial<Contact> = {}): Contact => ({
  id,
  emails,
  firstName: '',
  lastName: '',
  crmIds: [],
  lifecycleStage: 'lead',
  properties: {},
  ...extra,
});

describe('mergeContacts', () => {
  it('updates a contact found by any of its emails and keeps its id', () => {
    const existing = [
      contact('ct-dana', ['dana@northwind.example', 'dana.w@gmail.example'], { firstName: 'Dana', title: 'VP Ops', lifecycleStage: 'mql', owner: 'Jordan' }),
      contact('ct-other', ['other@northwind.example']),
    ];
    const incoming: IncomingContact[] = [
      contact('hubspot-51', ['dana.w@gmail.example', 'dana@new.example'], {
        lastName: 'Whitfield',
        title: 'COO',
        lifecycleStage: 'sql',
        crmIds: ['hubspot:51'],
        properties: { industry: 'Logistics' },
        importedScores: [{ system: 'hubspot', label: 'HubSpot Score', value: 80 }],
      }),
    ];
    const result = mergeContacts(existing, incoming);
    expect(result).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect(result.contacts[0]).toEqual({
      id: 'ct-dana',
      emails: ['dana@northwind.example', 'dana.w@gmail.example', 'dana@new.example'],
      // Empty in the file: kept. Given: updated.
      firstName: 'Dana',
      lastName: 'Whitfield',
      title: 'COO',
      owner: 'Jordan',
      crmIds: ['hubspot:51'],
      lifecycleStage: 'sql',
      properties: { industry: 'Logistics' },
      importedScores: [{ system: 'hubspot', label: 'HubSpot Score', value: 80 }],
    });
  });

  it('finds a contact by CRM id when the address changed', () => {
    const existing = [contact('salesforce-00Q', ['old@x.example'], { crmIds: ['salesforce:00Q5g00000AbCdEEAV'] })];
    const result = mergeContacts(existing, [contact('salesforce-00Q', ['new@x.example'], { crmIds: ['salesforce:00Q5g00000AbCdEEAV'] })]);
    expect(result.contacts).toHaveLength(1);
    expect(result.contacts[0]!.emails).toEqual(['old@x.example', 'new@x.example']);
  });

  it('keeps the stage a contact has when the file gave none', () => {
    const existing = [contact('ct-1', ['a@x.example'], { lifecycleStage: 'mql' })];
    const withDefault: IncomingContact = { ...contact('sf-1', ['a@x.example'], { lifecycleStage: 'other', company: 'Acme' }), stageIsDefault: true };
    const merged = mergeContacts(existing, [withDefault]).contacts[0]!;
    expect(merged).toMatchObject({ lifecycleStage: 'mql', company: 'Acme' });
    expect(merged).not.toHaveProperty('stageIsDefault');
    // A new contact takes the default (and loses the marker).
    const fresh = mergeContacts([], [withDefault]).contacts[0]!;
    expect(fresh).toEqual(contact('sf-1', ['a@x.example'], { lifecycleStage: 'other', company: 'Acme' }));
  });

  it('joins two existing contacts an incoming one shows to be the same person', () => {
    const existing = [
      contact('ct-work', ['dana@work.example'], { title: 'VP', properties: { country: 'DE' } }),
      contact('ct-home', ['dana@home.example'], { title: 'Hobbyist', company: 'Home', properties: { country: 'FR', industry: 'Art' } }),
    ];
    const result = mergeContacts(existing, [contact('x', ['dana@home.example', 'dana@work.example'])]);
    expect(result.contacts).toEqual([
      // The older record keeps its values; the other only fills gaps.
      contact('ct-work', ['dana@work.example', 'dana@home.example'], { title: 'VP', company: 'Home', properties: { country: 'DE', industry: 'Art' } }),
    ]);
    // Both the record merged away and the incoming one's own id now lead to the kept record.
    expect([...result.mergedIds]).toEqual([
      ['ct-home', 'ct-work'],
      ['x', 'ct-work'],
    ]);
    expect(result).toMatchObject({ created: 0, updated: 1 });
    const events = [{ id: 'e1', contactId: 'ct-home', type: 'email_open', at: '2024-03-05T10:00:00.000Z' }] satisfies EngagementEvent[];
    expect(remapEvents(events, result.mergedIds)).toEqual([{ ...events[0], contactId: 'ct-work' }]);
  });

  it('dedupes people who appear twice in the incoming contacts', () => {
    const result = mergeContacts([], [contact('a', ['p@x.example'], { firstName: 'P' }), contact('b', ['q@x.example', 'P@x.example'.toLowerCase()], { lastName: 'Q' })]);
    expect(result.created).toBe(1);
    expect(result.contacts).toEqual([contact('a', ['p@x.example', 'q@x.example'], { firstName: 'P', lastName: 'Q' })]);
  });

  const arbContact = fc.record({
    id: fc.constantFrom('c1', 'c2', 'c3', 'c4'),
    emails: fc.uniqueArray(fc.constantFrom('a@x.example', 'b@x.example', 'c@x.example', 'd@x.example', 'e@x.example'), { minLength: 1, maxLength: 3 }),
    firstName: fc.constantFrom('', 'Ann', 'Bo'),
    lastName: fc.constantFrom('', 'Lee'),
    title: fc.option(fc.constantFrom('CEO', 'CTO'), { nil: undefined }),
    crmIds: fc.uniqueArray(fc.constantFrom('hubspot:1', 'hubspot:2', 'salesforce:003'), { maxLength: 2 }),
    lifecycleStage: fc.constantFrom('lead' as const, 'mql' as const, 'customer' as const),
    properties: fc.record({ country: fc.option(fc.constantFrom('DE', 'US'), { nil: undefined }) }, { requiredKeys: [] }),
    importedScores: fc.option(fc.array(fc.record({ system: fc.constant('hubspot' as const), label: fc.constantFrom('Score', 'Other'), value: fc.integer({ min: 0, max: 100 }) }), { maxLength: 2 }), {
      nil: undefined,
    }),
    stageIsDefault: fc.option(fc.constant(true as const), { nil: undefined }),
  });
  const strip = (c: IncomingContact): Contact => {
    const { stageIsDefault: _, ...rest } = c;
    return JSON.parse(JSON.stringify(rest)) as Contact;
  };

  it('merges a first import exactly as the general path does, shared keys or not (property)', () => {
    // A stored contact that shares nothing sends the same file through the clustering; without it, a file whose
    // people share no key takes the shortcut. Both must give the same people, counts and merges.
    const outsider = contact('ct-outsider', ['nobody@elsewhere.example']);
    fc.assert(
      fc.property(fc.array(arbContact, { maxLength: 8 }), (incoming) => {
        const first = mergeContacts([], incoming);
        const general = mergeContacts([outsider], incoming);
        expect(first.contacts).toEqual(general.contacts.filter((c) => c.id !== outsider.id));
        expect(first.created).toBe(general.created);
        expect(first.mergedIds).toEqual(general.mergedIds);
      }),
    );
  });

  it('is idempotent, and leaves no two contacts sharing an email or CRM id (property)', () => {
    fc.assert(
      fc.property(fc.array(arbContact, { maxLength: 6 }), fc.array(arbContact, { maxLength: 6 }), (existingRaw, incoming) => {
        const existing = mergeContacts([], existingRaw.map(strip)).contacts;
        const once = mergeContacts(existing, incoming);
        const twice = mergeContacts(once.contacts, incoming);
        expect(twice.contacts).toEqual(once.contacts);
        expect(twice.created).toBe(0);
        expect(twice.updated).toBe(0);
        const emails = once.contacts.flatMap((c) => c.emails);
        expect(new Set(emails).size).toBe(emails.length);
        const crm = once.contacts.flatMap((c) => c.crmIds);
        expect(new Set(crm).size).toBe(crm.length);
        // Nobody is lost: every address that came in is on some contact.
        for (const c of [...existing, ...incoming]) for (const e of c.emails) expect(emails).toContain(e);
      }),
    );
  });
});

describe('events on re-import', () => {
  const open: EngagementEvent = { id: 'ev-0001', contactId: 'ct-1', type: 'email_open', campaignId: 'cmp-1', at: '2024-03-05T14:22:00Z' };

  it('knows an event by who, what, when, campaign and content, whatever the date spelling', () => {
    const reworded: EngagementEvent = { ...open, id: 'other', at: '2024-03-05T15:22:00.000+01:00', details: 'new words' };
    expect(eventKey(open)).toBe(eventKey(reworded));
    expect(eventKey(open)).not.toBe(eventKey({ ...open, type: 'email_click' }));
    expect(eventKey(open)).not.toBe(eventKey({ ...open, contentId: 'asset-1' }));
    expect(eventId(eventKey(open))).toMatch(/^ev-[0-9a-f]{16}$/);
    expect(eventId(eventKey(open))).toBe(eventId(eventKey({ ...open })));
  });

  it('merges without duplicates, keeping the known id', () => {
    const again: EngagementEvent = { ...open, id: eventId(eventKey(open)), at: '2024-03-05T14:22:00.000Z', details: 'Opened' };
    const click: EngagementEvent = { ...open, id: 'ev-x', type: 'email_click' };
    const result = mergeEvents([open], [again, click, click]);
    expect(result).toMatchObject({ added: 1, duplicates: 2 });
    expect(result.events).toEqual([{ ...open, details: 'Opened' }, click]);
    expect(mergeEvents(result.events, [again, click]).events).toEqual(result.events);
  });
});

describe('event ids', () => {
  it('come out the same in every release: a re-imported event keeps the id it was stored under', () => {
    expect(['', 'a', 'hubspot-1|email_open|1700000000000|cmp-x|', 'Ünïcode ✓ 🚀', 'x'.repeat(300)].map(hash64)).toEqual([
      '5db4a501470559cb',
      '579640c71410eb44',
      '2697d5942ea5453b',
      '0e267aca7b3e632d',
      'bb82cec4f4ee15d9',
    ]);
    expect(eventId('hubspot-1|email_open|1700000000000|cmp-x|')).toBe('ev-2697d5942ea5453b');
  });

  it('come out the same when an importer hashes the key in steps, without making its text (property)', () => {
    const lanes = new Uint32Array(4);
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.constantFrom('email_open', 'meeting_booked'),
        // Any millisecond from 1900 to 2200 (negative before 1970), and the edges of the integer form.
        fc.oneof(fc.integer({ min: -2_208_988_800_000, max: 7_258_118_400_000 }), fc.constantFrom(0, 9, 10, 99, 100, -1, -10)),
        fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
        fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
        (contactId, type, ms, campaign, content) => {
          hash64Into(eventKeyOf(contactId, type, ms, campaign, content), lanes, 0);
          const prefix = new Hash64().text(contactId).code(124);
          new Hash64().from(prefix.a, prefix.b).text(type).code(124).integer(ms).code(124).text(campaign ?? '').code(124).text(content ?? '').into(lanes, 2);
          expect([lanes[2], lanes[3]]).toEqual([lanes[0], lanes[1]]);
        },
      ),
    );
  });
});

describe('cells', () => {
  it('are trimmed and their runs of white space folded, found as the regular expression finds them (property)', () => {
    const spaces = [' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u1680', '\u2003', '\u2028', '\u202f', '\u3000', '\ufeff'];
    const cell = fc.string({ unit: fc.oneof(fc.constantFrom(...spaces), fc.constantFrom('a', 'Z', 'é', '😀', '\u0085', '\u200b')), maxLength: 12 });
    fc.assert(
      fc.property(cell, (text) => {
        expect(hasSpaceToFold(text)).toBe(/\s\s|[^\S ]/.test(text));
        const trimmed = text.trim();
        expect(clean(text)).toBe(trimmed === '' ? undefined : trimmed.replace(/\s+/g, ' '));
      }),
    );
  });
});
