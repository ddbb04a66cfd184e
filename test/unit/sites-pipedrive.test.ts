import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DetectedContact } from '../../lib/sites/contact';
import { pipedriveSite } from '../../lib/sites/pipedrive';
import { detectPipedriveContact, pipedriveLayoutUnrecognized } from '../../lib/sites/pipedrive/detect';
import { isPipedrivePersonUrl, pipedrivePersonId } from '../../lib/sites/pipedrive/urls';
import { ROOT, fixtureNames } from './helpers';

const DIR = join(ROOT, 'test', 'fixtures', 'pipedrive');
const load = (name: string) => new DOMParser().parseFromString(readFileSync(join(DIR, name), 'utf8'), 'text/html');

const GRACE = new URL('https://lumenary.pipedrive.com/person/318');

describe('Pipedrive fixtures → detected contact', () => {
  const names = fixtureNames(DIR);
  it('has the fixtures this suite is about', () => {
    expect(names).toEqual(expect.arrayContaining(['2026-11-20-person.html']));
  });

  for (const name of names) {
    it(`${name} matches its expected result`, () => {
      const expected = JSON.parse(readFileSync(join(DIR, name.replace('.html', '.expected.json')), 'utf8'));
      const found = detectPipedriveContact(load(name), new URL(expected.url));
      expect(found === null ? null : DetectedContact.parse(found)).toEqual(expected.contact);
      expect(pipedriveLayoutUnrecognized(load(name), new URL(expected.url))).toBe(false);
    });
  }
});

describe('Pipedrive detection rules', () => {
  it('reads the person’s own email and organization, not those quoted in the history further down', () => {
    const doc = load('2026-11-20-person.html');
    const history = doc.querySelector('.flow')!;
    expect(history.querySelector('a[href^="mailto:"]')?.getAttribute('href')).toBe('mailto:raj.patel@tailspin.example');
    expect(history.querySelector('a[href*="/organization/"]')?.textContent).toBe('Woodgrove Foods');
    expect(detectPipedriveContact(doc, GRACE)).toMatchObject({ email: 'grace.liu@tailspin.example', company: 'Tailspin Retail' });
    // The header names the organization even before the details are drawn.
    doc.querySelector('.sidebar')!.remove();
    expect(detectPipedriveContact(doc, GRACE)?.company).toBe('Tailspin Retail');
  });

  it('falls back to the document title for the name', () => {
    const doc = load('2026-11-20-person.html');
    doc.querySelector('[data-testid="header-title"]')!.remove();
    expect(detectPipedriveContact(doc, GRACE)?.name).toBe('Grace Liu');
  });

  it('returns no one while the person is still drawing, and says so when the view is unknown', () => {
    const doc = load('2026-11-20-person.html');
    doc.querySelector('[data-testid="header-title"]')!.remove();
    doc.title = 'Pipedrive';
    expect(detectPipedriveContact(doc, GRACE)).toBeNull();
    expect(pipedriveLayoutUnrecognized(doc, GRACE)).toBe(false);
    doc.querySelector('.detailView')!.remove();
    expect(detectPipedriveContact(doc, GRACE)).toBeNull();
    expect(pipedriveLayoutUnrecognized(doc, GRACE)).toBe(true);
    expect(pipedriveLayoutUnrecognized(doc, new URL('https://lumenary.pipedrive.com/deal/5521'))).toBe(false);
  });

  it('observes the detail view, which holds everything it reads, and the body until it is drawn', () => {
    const doc = load('2026-11-20-person.html');
    const root = pipedriveSite.findObservedRoot(doc)!;
    expect(root).toBe(doc.querySelector('.detailView'));
    expect(root.contains(doc.querySelector('[data-testid="header-title"]'))).toBe(true);
    expect(root.contains(doc.querySelector('header[role="banner"]'))).toBe(false);
    root.remove();
    expect(pipedriveSite.findObservedRoot(doc)).toBe(doc.body);
  });

  it('reads no layout, requests nothing and clicks nothing', () => {
    const spies = [
      vi.spyOn(Element.prototype, 'getBoundingClientRect'),
      vi.spyOn(window, 'getComputedStyle'),
      vi.spyOn(HTMLElement.prototype, 'click'),
      vi.spyOn(globalThis, 'fetch'),
      vi.spyOn(HTMLElement.prototype, 'innerText', 'get'),
      vi.spyOn(HTMLElement.prototype, 'offsetTop', 'get'),
    ];
    expect(pipedriveSite.detect(load('2026-11-20-person.html'), GRACE)).not.toBeNull();
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });
});

describe('Pipedrive URLs', () => {
  const people: [string, string][] = [
    ['https://lumenary.pipedrive.com/person/318', '318'],
    ['https://lumenary.pipedrive.com/person/318/', '318'],
    ['https://app.pipedrive.com/person/318?tab=activities', '318'],
    ['https://lumenary-sales.pipedrive.com/person/90412', '90412'],
  ];
  const notPeople = [
    'https://lumenary.pipedrive.com/organization/2043',
    'https://lumenary.pipedrive.com/deal/5521',
    'https://lumenary.pipedrive.com/leads/inbox/5f0c2c1e-1b7a-4f7e-9a51-3d2d1f0e8a11',
    'https://lumenary.pipedrive.com/persons/list',
    'https://lumenary.pipedrive.com/person/abc',
    'https://www.pipedrive.com/person/318',
    'https://pipedrive.com/person/318',
    'https://lumenary.pipedrive.com.evil.example/person/318',
    'http://lumenary.pipedrive.com/person/318',
  ];
  it.each(people)('%s is person %s', (u, id) => {
    expect(isPipedrivePersonUrl(new URL(u))).toBe(true);
    expect(pipedrivePersonId(new URL(u))).toBe(id);
  });
  it.each(notPeople)('%s is not a person page', (u) => expect(isPipedrivePersonUrl(new URL(u))).toBe(false));
});
