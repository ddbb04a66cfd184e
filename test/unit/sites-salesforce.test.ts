import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DetectedContact } from '../../lib/sites/contact';
import { salesforceSite } from '../../lib/sites/salesforce';
import { detectSalesforceContact, findActiveView, salesforceLayoutUnrecognized } from '../../lib/sites/salesforce/detect';
import { isSalesforceRecordUrl, salesforceRecord, toSalesforceId18 } from '../../lib/sites/salesforce/urls';
import { ROOT, fixtureNames } from './helpers';

const DIR = join(ROOT, 'test', 'fixtures', 'salesforce');
const load = (name: string) => new DOMParser().parseFromString(readFileSync(join(DIR, name), 'utf8'), 'text/html');

const MARCUS = new URL('https://lumenary.lightning.force.com/lightning/r/Contact/003Hs00004PqRmZIAV/view');
const HELENA = new URL('https://lumenary.lightning.force.com/lightning/r/Contact/003Hs00004TnKwAIAV/view');

describe('Salesforce fixtures → detected contact', () => {
  const names = fixtureNames(DIR);
  it('has the fixtures this suite is about', () => {
    expect(names).toEqual(expect.arrayContaining(['2026-11-20-contact.html', '2026-11-20-lead.html']));
  });

  for (const name of names) {
    it(`${name} matches its expected result`, () => {
      const expected = JSON.parse(readFileSync(join(DIR, name.replace('.html', '.expected.json')), 'utf8'));
      const found = detectSalesforceContact(load(name), new URL(expected.url));
      expect(found === null ? null : DetectedContact.parse(found)).toEqual(expected.contact);
      expect(salesforceLayoutUnrecognized(load(name), new URL(expected.url))).toBe(false);
    });
  }
});

describe('Salesforce: only the active tab counts', () => {
  it('ignores the earlier record still in the DOM before the active one', () => {
    const doc = load('2026-11-20-contact.html');
    const hosts = doc.querySelectorAll('.lafSinglePaneWindowManager > .windowViewMode-normal');
    expect(hosts.length).toBe(2);
    expect(hosts[0]!.classList.contains('active')).toBe(false);
    expect(hosts[0]!.querySelector('lightning-formatted-name')?.textContent).toBe('Helena Marsh');
    expect(detectSalesforceContact(doc, MARCUS)).toMatchObject({ name: 'Marcus Oyelaran', email: 'marcus.oyelaran@fabrikam.example' });
  });

  it('follows the `active` class back to a cached tab', () => {
    const doc = load('2026-11-20-contact.html');
    const [helena, marcus] = doc.querySelectorAll('.lafSinglePaneWindowManager > .windowViewMode-normal');
    marcus!.classList.remove('active');
    helena!.classList.add('active');
    expect(detectSalesforceContact(doc, HELENA)).toMatchObject({
      crm: { system: 'salesforce', objectType: 'contact', id: '003Hs00004TnKwAIAV' },
      name: 'Helena Marsh',
      email: 'helena.marsh@globex.example',
      title: 'Financial Controller',
      company: 'Globex Financial',
    });
    expect(salesforceSite.watchedAttributes).toContain('class');
  });

  it('without an `active` host, takes the only one visible by markup and refuses to guess between several', () => {
    const doc = load('2026-11-20-contact.html');
    const [helena, marcus] = doc.querySelectorAll('.lafSinglePaneWindowManager > .windowViewMode-normal');
    marcus!.classList.remove('active');
    expect(findActiveView(doc)).toBeNull();
    expect(detectSalesforceContact(doc, MARCUS)).toBeNull();
    helena!.setAttribute('hidden', '');
    expect(findActiveView(doc)).toBe(marcus);
    expect(detectSalesforceContact(doc, MARCUS)?.name).toBe('Marcus Oyelaran');
  });
});

describe('Salesforce detection rules', () => {
  it('reads the highlights panel when the details tab is not drawn', () => {
    const doc = load('2026-11-20-contact.html');
    for (const panel of doc.querySelectorAll('records-lwc-detail-panel')) panel.remove();
    expect(detectSalesforceContact(doc, MARCUS)).toMatchObject({
      email: 'marcus.oyelaran@fabrikam.example',
      title: 'CFO',
      company: 'Fabrikam Manufacturing',
    });
  });

  it('returns no one while the active record is still drawing', () => {
    const doc = load('2026-11-20-lead.html');
    const url = new URL('https://lumenary.lightning.force.com/lightning/r/Lead/00QHs00001XyVtSMAV/view');
    doc.querySelector('.oneContent.active records-lwc-highlights-panel')!.remove();
    expect(detectSalesforceContact(doc, url)).toBeNull();
    expect(salesforceLayoutUnrecognized(doc, url)).toBe(true);
    expect(salesforceLayoutUnrecognized(doc, new URL('https://lumenary.lightning.force.com/lightning/o/Lead/list'))).toBe(false);
  });

  it('reads a 15-character id as the 18-character one', () => {
    const doc = load('2026-11-20-contact.html');
    const short = new URL('https://lumenary.lightning.force.com/lightning/r/Contact/003Hs00004PqRmZ/view');
    expect(detectSalesforceContact(doc, short)?.crm?.id).toBe('003Hs00004PqRmZIAV');
  });

  it('reads no layout, requests nothing and clicks nothing', () => {
    const spies = [
      vi.spyOn(Element.prototype, 'getBoundingClientRect'),
      vi.spyOn(window, 'getComputedStyle'),
      vi.spyOn(HTMLElement.prototype, 'click'),
      vi.spyOn(globalThis, 'fetch'),
      vi.spyOn(HTMLElement.prototype, 'innerText', 'get'),
      vi.spyOn(HTMLElement.prototype, 'offsetLeft', 'get'),
    ];
    expect(salesforceSite.detect(load('2026-11-20-contact.html'), MARCUS)).not.toBeNull();
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });

  it('observes the window manager that holds every tab', () => {
    const doc = load('2026-11-20-contact.html');
    expect(salesforceSite.findObservedRoot(doc)?.classList.contains('lafSinglePaneWindowManager')).toBe(true);
  });
});

describe('Salesforce URLs', () => {
  const records: [string, string, string][] = [
    ['https://lumenary.lightning.force.com/lightning/r/Contact/003Hs00004PqRmZIAV/view', 'contact', '003Hs00004PqRmZIAV'],
    ['https://lumenary.lightning.force.com/lightning/r/Contact/003Hs00004PqRmZ/view', 'contact', '003Hs00004PqRmZIAV'],
    ['https://lumenary.lightning.force.com/lightning/r/Lead/00QHs00001XyVtSMAV/view', 'lead', '00QHs00001XyVtSMAV'],
    ['https://lumenary.lightning.force.com/lightning/r/Lead/00QHs00001XyVtSMAV/view?ws=%2Flightning%2Fr', 'lead', '00QHs00001XyVtSMAV'],
    ['https://lumenary.lightning.force.com/lightning/r/00QHs00001XyVtSMAV/view', 'lead', '00QHs00001XyVtSMAV'],
    ['https://lumenary--uat.sandbox.lightning.force.com/lightning/r/Contact/003Hs00004PqRmZIAV/view', 'contact', '003Hs00004PqRmZIAV'],
  ];
  const notRecords = [
    'https://lumenary.lightning.force.com/lightning/r/Account/001Hs00002FbKmQIAV/view',
    'https://lumenary.lightning.force.com/lightning/r/Contact/001Hs00002FbKmQIAV/view',
    'https://lumenary.lightning.force.com/lightning/r/Lead/003Hs00004PqRmZIAV/view',
    'https://lumenary.lightning.force.com/lightning/r/Contact/003Hs00004PqRmZIAV/related/Cases/view',
    'https://lumenary.lightning.force.com/lightning/r/Contact/003Hs00004PqRmZIA/view',
    'https://lumenary.lightning.force.com/lightning/o/Contact/list',
    'https://lumenary.my.salesforce.com/003Hs00004PqRmZ',
    'https://login.salesforce.com/lightning/r/Contact/003Hs00004PqRmZIAV/view',
    'https://lightning.force.com.evil.example/lightning/r/Contact/003Hs00004PqRmZIAV/view',
    'http://lumenary.lightning.force.com/lightning/r/Contact/003Hs00004PqRmZIAV/view',
  ];
  it.each(records)('%s is %s %s', (u, objectType, id) => {
    expect(isSalesforceRecordUrl(new URL(u))).toBe(true);
    expect(salesforceRecord(new URL(u))).toEqual({ objectType, id });
  });
  it.each(notRecords)('%s is not a Contact or Lead record', (u) => expect(isSalesforceRecordUrl(new URL(u))).toBe(false));

  it('computes the 18-character id as Salesforce does', () => {
    // Salesforce's documented example: 001A0000006Vm9r → 001A0000006Vm9rIAC.
    expect(toSalesforceId18('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
    expect(toSalesforceId18('003Hs00004PqRmZIAV')).toBe('003Hs00004PqRmZIAV');
  });
});
