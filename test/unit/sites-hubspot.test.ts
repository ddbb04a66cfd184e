import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DetectedContact } from '../../lib/sites/contact';
import { hubspotSite } from '../../lib/sites/hubspot';
import { detectHubspotContact, hubspotLayoutUnrecognized } from '../../lib/sites/hubspot/detect';
import { hubspotContactRecord, isHubspotContactRecordUrl } from '../../lib/sites/hubspot/urls';
import { ROOT, fixtureNames } from './helpers';

const DIR = join(ROOT, 'test', 'fixtures', 'hubspot');
const load = (name: string) => new DOMParser().parseFromString(readFileSync(join(DIR, name), 'utf8'), 'text/html');

const RECORD = new URL('https://app.hubspot.com/contacts/4817263/record/0-1/1204518');

describe('HubSpot fixtures → detected contact', () => {
  const names = fixtureNames(DIR);
  it('has the fixtures this suite is about', () => {
    expect(names).toEqual(expect.arrayContaining(['2026-11-20-contact-record.html', '2026-11-20-contact-record-eu1.html']));
  });

  for (const name of names) {
    it(`${name} matches its expected result`, () => {
      const expected = JSON.parse(readFileSync(join(DIR, name.replace('.html', '.expected.json')), 'utf8'));
      const found = detectHubspotContact(load(name), new URL(expected.url));
      expect(found === null ? null : DetectedContact.parse(found)).toEqual(expected.contact);
      expect(hubspotLayoutUnrecognized(load(name), new URL(expected.url))).toBe(false);
    });
  }
});

describe('HubSpot detection rules', () => {
  it('ignores the preview panel of another contact drawn before the record', () => {
    const doc = load('2026-11-20-contact-record.html');
    const first = doc.querySelector('[data-selenium-test="highlightTitle"]');
    expect(first?.textContent).toBe('Liam Tremblay');
    expect(detectHubspotContact(doc, RECORD)).toMatchObject({ name: 'Priya Raman', email: 'priya.raman@contoso-health.example' });
  });

  it('reads the same record page on a regional host and under the legacy URL', () => {
    const doc = load('2026-11-20-contact-record.html');
    for (const [url, portalId, id] of [
      ['https://app-eu1.hubspot.com/contacts/25117093/record/0-1/3051', '25117093', '3051'],
      ['https://app-na2.hubspot.com/contacts/4817263/contact/1204518/', '4817263', '1204518'],
    ]) {
      expect(detectHubspotContact(doc, new URL(url!))).toMatchObject({ crm: { system: 'hubspot', objectType: 'contact', id, portalId }, name: 'Priya Raman' });
    }
  });

  it('prefers the associated company over the free-text company property', () => {
    const doc = load('2026-11-20-contact-record.html');
    expect(detectHubspotContact(doc, RECORD)?.company).toBe('Contoso Health');
    for (const chicklet of doc.querySelectorAll('[data-selenium-test="company-chicklet-title-link"]')) chicklet.remove();
    expect(detectHubspotContact(doc, RECORD)?.company).toBe('Contoso Health Inc.');
  });

  it('reads the address linked in the highlight card when there is no email property, not the timeline’s', () => {
    const doc = load('2026-11-20-contact-record-eu1.html');
    expect(doc.querySelector('a[href^="mailto:"]')?.getAttribute('href')).toBe('mailto:sam.patel@lumenary.example');
    expect(detectHubspotContact(doc, new URL('https://app-eu1.hubspot.com/contacts/25117093/contact/3051/'))?.email).toBe(
      'priya.raman@contoso-health.example',
    );
  });

  it('returns no one while the record is still drawing, and says so when no record markup is known', () => {
    const doc = load('2026-11-20-contact-record.html');
    for (const el of doc.querySelectorAll('main [data-selenium-test="highlightTitle"]')) el.textContent = '';
    expect(detectHubspotContact(doc, RECORD)).toBeNull();
    doc.querySelector('main')!.remove();
    // Only the preview panel is left: it is not the record.
    expect(detectHubspotContact(doc, RECORD)).toBeNull();
    expect(hubspotLayoutUnrecognized(doc, RECORD)).toBe(true);
    expect(hubspotLayoutUnrecognized(doc, new URL('https://app.hubspot.com/contacts/4817263/objects/0-1/views/all/list'))).toBe(false);
  });

  it('reads no layout, requests nothing and clicks nothing', () => {
    const spies = [
      vi.spyOn(Element.prototype, 'getBoundingClientRect'),
      vi.spyOn(window, 'getComputedStyle'),
      vi.spyOn(HTMLElement.prototype, 'click'),
      vi.spyOn(globalThis, 'fetch'),
      vi.spyOn(HTMLElement.prototype, 'innerText', 'get'),
      vi.spyOn(HTMLElement.prototype, 'offsetHeight', 'get'),
    ];
    expect(hubspotSite.detect(load('2026-11-20-contact-record.html'), RECORD)).not.toBeNull();
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });

  it('observes the record’s landmark (the body until the record is drawn) and reserves room the way Gmail does', () => {
    for (const name of ['2026-11-20-contact-record.html', '2026-11-20-contact-record-eu1.html']) {
      const page = load(name);
      const root = hubspotSite.findObservedRoot(page)!;
      expect(root.tagName).toBe('MAIN');
      // Everything detection reads about the record is inside it; the preview panel and the top bar are not.
      expect(root.contains(page.querySelector('main [data-selenium-test="highlightTitle"]'))).toBe(true);
      expect(root.querySelector('[data-selenium-test="sidebar-preview-panel"]')).toBeNull();
    }
    const doc = load('2026-11-20-contact-record.html');
    const drawing = load('2026-11-20-contact-record.html');
    drawing.querySelector('main')!.replaceChildren();
    expect(hubspotSite.findObservedRoot(drawing)).toBe(drawing.body);
    hubspotSite.reserveSpace(doc, 340);
    expect(doc.getElementById('smarketing-lens-reserve')?.textContent).toBe('html > body { margin-right: 340px !important; }');
  });
});

describe('HubSpot URLs', () => {
  const records: [string, string, string][] = [
    ['https://app.hubspot.com/contacts/4817263/record/0-1/1204518', '4817263', '1204518'],
    ['https://app.hubspot.com/contacts/4817263/record/0-1/1204518/', '4817263', '1204518'],
    ['https://app.hubspot.com/contacts/4817263/record/0-1/1204518/view/1?interaction=note', '4817263', '1204518'],
    ['https://app-eu1.hubspot.com/contacts/25117093/record/0-1/3051', '25117093', '3051'],
    ['https://app-na2.hubspot.com/contacts/4817263/record/0-1/1204518', '4817263', '1204518'],
    ['https://app.hubspot.com/contacts/4817263/contact/1204518', '4817263', '1204518'],
    ['https://app-eu1.hubspot.com/contacts/25117093/contact/3051/', '25117093', '3051'],
  ];
  const notRecords = [
    'https://app.hubspot.com/contacts/4817263/record/0-2/9300417',
    'https://app.hubspot.com/contacts/4817263/record/0-3/5521',
    'https://app.hubspot.com/contacts/4817263/record/0-5/77',
    'https://app.hubspot.com/contacts/4817263/objects/0-1/views/all/list',
    'https://app.hubspot.com/contacts/4817263/company/9300417',
    'https://app.hubspot.com/reports-dashboard/4817263',
    'https://www.hubspot.com/contacts/4817263/record/0-1/1204518',
    'https://app.hubspot.com.evil.example/contacts/4817263/record/0-1/1204518',
    'http://app.hubspot.com/contacts/4817263/record/0-1/1204518',
    'https://app.hubspotqa.com/contacts/4817263/record/0-1/1204518',
  ];
  it.each(records)('%s is contact %s/%s', (u, portalId, id) => {
    expect(isHubspotContactRecordUrl(new URL(u))).toBe(true);
    expect(hubspotContactRecord(new URL(u))).toEqual({ portalId, id });
  });
  it.each(notRecords)('%s is not a contact record', (u) => expect(isHubspotContactRecordUrl(new URL(u))).toBe(false));
});
