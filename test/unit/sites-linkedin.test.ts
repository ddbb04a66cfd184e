import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DetectedContact } from '../../lib/sites/contact';
import { linkedinSite } from '../../lib/sites/linkedin';
import { detectLinkedinContact, embeddedProfile, findViewerSlug, linkedinLayoutUnrecognized } from '../../lib/sites/linkedin/detect';
import { LINKEDIN } from '../../lib/sites/linkedin/selectors';
import {
  isLinkedinCompanyUrl,
  isLinkedinProfileUrl,
  isSalesNavigatorLeadUrl,
  linkedinCompanySlug,
  linkedinProfileSlug,
  salesNavigatorLeadId,
} from '../../lib/sites/linkedin/urls';
import { ROOT, fixtureNames } from './helpers';

const DIR = join(ROOT, 'test', 'fixtures', 'linkedin');

/**
 * The real captures hold third-party tracking iframes; happy-dom would try to load each one and print an error.
 * Renaming the tag keeps the page's structure and leaves them inert (detection never reads frames).
 */
function load(name: string, dir = DIR): Document {
  const html = readFileSync(join(dir, name), 'utf8').replace(/<(\/?)iframe\b/gi, '<$1x-inert-iframe');
  return new DOMParser().parseFromString(html, 'text/html');
}

const PROFILE_A = new URL('https://www.linkedin.com/in/eduardo-alvarez-nowak/');
const PROFILE_B = new URL('https://www.linkedin.com/in/sri-lalitha-jeevanige-35520a61/');
const LEAD = new URL('https://www.linkedin.com/sales/lead/ACwAACkVogeBxq3Kp0Lh2ZeT6cMW9ZrIyDvQj8s,NAME_SEARCH,K3vg');
const COMPANY = new URL('https://www.linkedin.com/company/northwind-logistics/');

describe('LinkedIn fixtures → detected contact', () => {
  const names = fixtureNames(DIR);
  it('has the fixtures this suite is about', () => {
    expect(names).toEqual(
      expect.arrayContaining(['2024-07-12-profile-a.html', '2024-07-12-profile-b.html', '2026-11-20-sales-lead.html', '2026-11-20-company.html']),
    );
  });

  for (const name of names) {
    it(`${name} matches its expected result`, () => {
      const expected = JSON.parse(readFileSync(join(DIR, name.replace('.html', '.expected.json')), 'utf8'));
      const found = detectLinkedinContact(load(name), new URL(expected.url));
      // The background parses what content scripts send with this schema: fixtures must pass it too.
      expect(found === null ? null : DetectedContact.parse(found)).toEqual(expected.contact);
      expect(linkedinLayoutUnrecognized(load(name), new URL(expected.url))).toBe(false);
    });
  }
});

describe('LinkedIn profile: the signed-in viewer is never the person shown', () => {
  it('finds the viewer in the embedded /voyager/api/me answer of both captures', () => {
    expect(findViewerSlug(load('2024-07-12-profile-a.html'))).toBe('novare-potential-7975a4243');
    expect(findViewerSlug(load('2024-07-12-profile-b.html'))).toBe('eduardo-alvarez-nowak');
  });

  it('reads the person shown although the page embeds the viewer (and another, earlier profile) as JSON', () => {
    const doc = load('2024-07-12-profile-b.html');
    // The capture's nav "Me" photo and its embedded JSON name Eduardo (the viewer); its profile answer is about
    // shuyi-li-74948836, the page first loaded before LinkedIn navigated in place to Sri's profile.
    expect(doc.querySelector('img.global-nav__me-photo')?.getAttribute('alt')).toBe('Eduardo Alvarez Nowak');
    expect(embeddedProfile(doc, 'eduardo-alvarez-nowak')?.name).toBe('Eduardo Alvarez Nowak');
    expect(embeddedProfile(doc, 'shuyi-li-74948836')?.name).toBe('Shuyi Li');
    expect(detectLinkedinContact(doc, PROFILE_B)).toMatchObject({ linkedinSlug: 'sri-lalitha-jeevanige-35520a61', name: 'Sri Lalitha Jeevanige' });
    // With the DOM's fields gone, the JSON fallback must not hand out the viewer's or the earlier profile's data.
    for (const css of [LINKEDIN.name.css, LINKEDIN.headline.css, LINKEDIN.location.css, LINKEDIN.experienceAnchor.css]) doc.querySelector(css)?.remove();
    const found = detectLinkedinContact(doc, PROFILE_B);
    expect(found).toMatchObject({ linkedinSlug: 'sri-lalitha-jeevanige-35520a61', company: 'Swedbank' });
    expect(found?.name).toBeUndefined();
    expect(found?.title).toBeUndefined();
    expect(JSON.stringify(found)).not.toMatch(/Eduardo|Shuyi|Novare/);
    expect(embeddedProfile(doc, 'sri-lalitha-jeevanige-35520a61')).toBeNull();
  });

  it('shows no one on the viewer’s own profile', () => {
    const doc = load('2024-07-12-profile-a.html');
    expect(detectLinkedinContact(doc, PROFILE_A)?.name).toBe('Eduardo Alvarez Nowak');
    // Make the signed-in viewer Eduardo himself.
    const request = [...doc.querySelectorAll('code[id^="datalet-bpr-guid-"]')].find((c) => c.textContent?.includes('/voyager/api/me'))!;
    const answer = doc.getElementById(request.id.replace('datalet-', ''))!;
    answer.textContent = answer.textContent!.replaceAll('novare-potential-7975a4243', 'eduardo-alvarez-nowak');
    expect(detectLinkedinContact(doc, PROFILE_A)).toBeNull();
    expect(linkedinLayoutUnrecognized(doc, PROFILE_A)).toBe(false);
  });
});

describe('LinkedIn profile detection rules', () => {
  it('returns no one while the previous profile is still drawn under the new URL', () => {
    const doc = load('2024-07-12-profile-a.html');
    expect(detectLinkedinContact(doc, PROFILE_B)).toBeNull();
    expect(linkedinLayoutUnrecognized(doc, PROFILE_B)).toBe(false);
  });

  it('takes the public slug from the card when the URL carries the member id', () => {
    const doc = load('2024-07-12-profile-a.html');
    const byMemberId = new URL('https://www.linkedin.com/in/ACoAABS9BdoBSJFfAvbRCM0dr7lB5Eggww93Ld0/');
    expect(detectLinkedinContact(doc, byMemberId)).toMatchObject({ linkedinSlug: 'eduardo-alvarez-nowak', name: 'Eduardo Alvarez Nowak' });
    doc.querySelector('main section[data-member-id]')!.remove();
    expect(detectLinkedinContact(doc, byMemberId)).toBeNull();
  });

  it('parses no JSON when the DOM has every field, and the matching blob once when it lacks some', () => {
    const doc = load('2024-07-12-profile-a.html');
    const parse = vi.spyOn(JSON, 'parse');
    expect(detectLinkedinContact(doc, PROFILE_A)?.location).toBe('Greater Stockholm Metropolitan Area');
    expect(parse).not.toHaveBeenCalled();

    doc.querySelector(LINKEDIN.name.css)!.remove();
    doc.querySelector(LINKEDIN.location.css)!.remove();
    for (let i = 0; i < 3; i++) {
      expect(detectLinkedinContact(doc, PROFILE_A)).toMatchObject({
        name: 'Eduardo Alvarez Nowak',
        location: 'Greater Stockholm Metropolitan Area',
        title: 'Tech Education Team Lead',
        company: 'Novare Potential',
      });
    }
    // One blob names the slug; it is parsed once for all three detections.
    expect(parse).toHaveBeenCalledTimes(1);
  });

  it('uses the headline as the title when the first employer is not the current company', () => {
    const doc = load('2024-07-12-profile-a.html');
    const button = doc.querySelector(LINKEDIN.currentCompany.css)!;
    button.setAttribute('aria-label', 'Current company: Lumenary. Click to skip to experience card');
    expect(detectLinkedinContact(doc, PROFILE_A)).toMatchObject({
      company: 'Lumenary',
      title: 'Tech Education Lead, Tech Expert & Frontend Dev at Novare Potential',
    });
  });

  it('reads a profile from the embedded JSON before the top card is drawn, and says when neither is there', () => {
    const early = load('2024-07-12-profile-a.html');
    early.querySelector('main section[data-member-id]')!.remove();
    expect(detectLinkedinContact(early, PROFILE_A)).toMatchObject({ linkedinSlug: 'eduardo-alvarez-nowak', name: 'Eduardo Alvarez Nowak' });
    expect(linkedinLayoutUnrecognized(early, PROFILE_A)).toBe(false);

    const drawing = load('2024-07-12-profile-b.html');
    drawing.querySelector('main section[data-member-id]')!.remove();
    expect(detectLinkedinContact(drawing, PROFILE_B)).toBeNull();
    expect(linkedinLayoutUnrecognized(drawing, PROFILE_B)).toBe(true);
  });

  it('uses no hashed class names', () => {
    const hashed = Object.values(LINKEDIN)
      .flatMap((spec) => (typeof spec.css === 'string' ? [spec.css] : [...spec.css]))
      .filter((css) => /\.[A-Za-z]{20,}\b/.test(css));
    expect(hashed).toEqual([]);
  });
});

describe('Sales Navigator lead page', () => {
  it('reads the lead from the header only, not the rep in the top bar nor other people on the page', () => {
    const doc = load('2026-11-20-sales-lead.html');
    expect(doc.querySelectorAll('[data-anonymize="person-name"]').length).toBeGreaterThan(2);
    expect(detectLinkedinContact(doc, LEAD)).toMatchObject({ pageKind: 'sales-lead', linkedinSlug: 'katrin-vogel', name: 'Katrin Vogel' });
  });

  it('has no one to look up without the public profile link in the header', () => {
    const doc = load('2026-11-20-sales-lead.html');
    doc.querySelector('section[class*="header"] a[href^="https://www.linkedin.com/in/"]')!.remove();
    // Tobias Brandt's link further down is not the lead's.
    expect(doc.querySelector(LINKEDIN.leadProfileLink.css)).not.toBeNull();
    expect(detectLinkedinContact(doc, LEAD)).toBeNull();
    expect(linkedinLayoutUnrecognized(doc, LEAD)).toBe(true);
  });

  it('falls back to the headline for the title', () => {
    const doc = load('2026-11-20-sales-lead.html');
    doc.querySelector('section[class*="header"] [data-anonymize="title"]')!.remove();
    expect(detectLinkedinContact(doc, LEAD)?.title).toBe('Head of Operations at Fabrikam Manufacturing · Lean plants, digital shop floor');
  });
});

describe('LinkedIn company page', () => {
  it('names the company from the top card, also when its class is gone', () => {
    const doc = load('2026-11-20-company.html');
    expect(detectLinkedinContact(doc, COMPANY)).toEqual({ site: 'linkedin', pageKind: 'company', company: 'Northwind Logistics' });
    const title = doc.querySelector('.org-top-card-summary__title')!;
    title.className = 't-24 t-black';
    title.removeAttribute('title');
    expect(detectLinkedinContact(doc, new URL('https://www.linkedin.com/company/northwind-logistics/about/'))?.company).toBe('Northwind Logistics');
  });

  it('says so while no company is drawn', () => {
    const doc = load('2026-11-20-company.html');
    doc.querySelector('main')!.remove();
    expect(detectLinkedinContact(doc, COMPANY)).toBeNull();
    expect(linkedinLayoutUnrecognized(doc, COMPANY)).toBe(true);
  });
});

describe('LinkedIn adapter', () => {
  it('observes the app outlet, or the body in Sales Navigator', () => {
    expect(linkedinSite.findObservedRoot(load('2024-07-12-profile-b.html'))?.className).toBe('application-outlet');
    const lead = load('2026-11-20-sales-lead.html');
    expect(linkedinSite.findObservedRoot(lead)).toBe(lead.body);
  });

  it('reserves room beside the page and under the fixed top bar, and gives it back', () => {
    const doc = load('2026-11-20-company.html');
    linkedinSite.reserveSpace(doc, 340);
    linkedinSite.reserveSpace(doc, 340);
    const styles = doc.querySelectorAll('#smarketing-lens-reserve');
    expect(styles.length).toBe(1);
    expect(styles[0]!.textContent).toContain('margin-right: 340px');
    expect(styles[0]!.textContent).toContain('#global-nav { max-width: calc(100vw - 340px)');
    linkedinSite.reserveSpace(doc, 0);
    expect(styles[0]!.textContent).toBe('');
  });

  it('reads no layout, requests nothing and clicks nothing', () => {
    const spies = [
      vi.spyOn(Element.prototype, 'getBoundingClientRect'),
      vi.spyOn(window, 'getComputedStyle'),
      vi.spyOn(HTMLElement.prototype, 'click'),
      vi.spyOn(globalThis, 'fetch'),
    ];
    const innerText = vi.spyOn(HTMLElement.prototype, 'innerText', 'get');
    const offsetWidth = vi.spyOn(HTMLElement.prototype, 'offsetWidth', 'get');
    for (const [name, url] of [
      ['2024-07-12-profile-a.html', PROFILE_A],
      ['2026-11-20-sales-lead.html', LEAD],
      ['2026-11-20-company.html', COMPANY],
    ] as const) {
      const doc = load(name);
      expect(detectLinkedinContact(doc, url)).not.toBeNull();
      linkedinSite.layoutUnrecognized!(doc, url);
    }
    for (const spy of [...spies, innerText, offsetWidth]) expect(spy).not.toHaveBeenCalled();
  });

  it('gives the sidebar the company on company pages (account view)', () => {
    const doc = load('2026-11-20-company.html');
    expect(linkedinSite.detect(doc, COMPANY)).toMatchObject({ pageKind: 'company', company: 'Northwind Logistics' });
  });
});

describe('LinkedIn URLs', () => {
  const profiles: [string, string][] = [
    ['https://www.linkedin.com/in/eduardo-alvarez-nowak/', 'eduardo-alvarez-nowak'],
    ['https://www.linkedin.com/in/eduardo-alvarez-nowak', 'eduardo-alvarez-nowak'],
    ['https://www.linkedin.com/in/Eduardo-Alvarez-Nowak/?originalSubdomain=se', 'eduardo-alvarez-nowak'],
    ['https://www.linkedin.com/in/sri-lalitha-jeevanige-35520a61/overlay/contact-info/', 'sri-lalitha-jeevanige-35520a61'],
    ['https://linkedin.com/in/thilde-markstr%C3%B6m-02a5192b7/', 'thilde-markström-02a5192b7'],
  ];
  const notProfiles = [
    'https://www.linkedin.com/feed/',
    'https://www.linkedin.com/in/',
    'https://www.linkedin.com/in/eduardo-alvarez-nowak/details/experience/',
    'https://www.linkedin.com/in/eduardo-alvarez-nowak/recent-activity/all/',
    'https://www.linkedin.com/company/northwind-logistics/',
    'http://www.linkedin.com/in/eduardo-alvarez-nowak/',
    'https://www.linkedin.com.evil.example/in/eduardo-alvarez-nowak/',
    'https://de.linkedin.com/in/eduardo-alvarez-nowak/',
  ];
  it.each(profiles)('%s is the profile of %s', (u, slug) => {
    expect(isLinkedinProfileUrl(new URL(u))).toBe(true);
    expect(linkedinProfileSlug(new URL(u))).toBe(slug);
  });
  it.each(notProfiles)('%s is not a profile', (u) => expect(isLinkedinProfileUrl(new URL(u))).toBe(false));

  const leads = [
    'https://www.linkedin.com/sales/lead/ACwAACkVogeBxq3Kp0Lh2ZeT6cMW9ZrIyDvQj8s,NAME_SEARCH,K3vg',
    'https://www.linkedin.com/sales/lead/ACwAACkVogeBxq3Kp0Lh2ZeT6cMW9ZrIyDvQj8s,NAME_SEARCH,K3vg/',
    'https://www.linkedin.com/sales/lead/ACwAACkVogeBxq3Kp0Lh2ZeT6cMW9ZrIyDvQj8s,OUT_OF_NETWORK,zZ9a?_ntb=abc',
  ];
  const notLeads = [
    'https://www.linkedin.com/sales/home',
    'https://www.linkedin.com/sales/search/people?query=x',
    'https://www.linkedin.com/sales/company/2481357',
    'https://www.linkedin.com/sales/lead/',
    'https://www.linkedin.com/in/katrin-vogel/',
  ];
  it.each(leads)('%s is a Sales Navigator lead', (u) => {
    expect(isSalesNavigatorLeadUrl(new URL(u))).toBe(true);
    expect(salesNavigatorLeadId(new URL(u))).toBe('ACwAACkVogeBxq3Kp0Lh2ZeT6cMW9ZrIyDvQj8s');
  });
  it.each(notLeads)('%s is not a Sales Navigator lead', (u) => expect(isSalesNavigatorLeadUrl(new URL(u))).toBe(false));

  const companies: [string, string][] = [
    ['https://www.linkedin.com/company/northwind-logistics/', 'northwind-logistics'],
    ['https://www.linkedin.com/company/northwind-logistics', 'northwind-logistics'],
    ['https://www.linkedin.com/company/northwind-logistics/about/', 'northwind-logistics'],
    ['https://www.linkedin.com/company/northwind-logistics/people/?keywords=ops', 'northwind-logistics'],
    ['https://www.linkedin.com/company/10464352/', '10464352'],
  ];
  const notCompanies = [
    'https://www.linkedin.com/company/',
    'https://www.linkedin.com/company/setup/new/',
    'https://www.linkedin.com/company/northwind-logistics/admin/',
    'https://www.linkedin.com/company/northwind-logistics/posts/feed/x/y/',
    'https://www.linkedin.com/school/some-university/',
    'http://www.linkedin.com/company/northwind-logistics/',
  ];
  it.each(companies)('%s is the company page of %s', (u, slug) => {
    expect(isLinkedinCompanyUrl(new URL(u))).toBe(true);
    expect(linkedinCompanySlug(new URL(u))).toBe(slug);
  });
  it.each(notCompanies)('%s is not a company page', (u) => expect(isLinkedinCompanyUrl(new URL(u))).toBe(false));

  it('ignores pages outside the three kinds', () => {
    const doc = load('2024-07-12-profile-a.html');
    expect(detectLinkedinContact(doc, new URL('https://www.linkedin.com/feed/'))).toBeNull();
    expect(linkedinLayoutUnrecognized(doc, new URL('https://www.linkedin.com/feed/'))).toBe(false);
  });
});
