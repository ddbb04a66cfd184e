import { watchContact } from '../../lib/content/watch-contact';
import { createSiteSettings, memoryStore } from '../../lib/background/site-settings';
import { REQUESTS } from '../../lib/messaging/protocol';
import { DetectedContact, type DetectedContactInput } from '../../lib/sites/contact';
import { detectGmailContact } from '../../lib/sites/gmail/detect';
import { createGmailSite, type TeamDomainsSource } from '../../lib/sites/gmail';
import { TEAM_DOMAINS_KEY, checkTeamDomain, teamDomainsFrom } from '../../lib/sites/settings';
import { loadFixture } from './helpers';

const AGENCY_THREAD = new URL('https://mail.google.com/mail/u/1/#inbox/FMfcgzQXJWmiaBrightwaveCopy');
const AGENCY = 'brightwave-agency.example';

describe('Gmail detection with the team’s own domains', () => {
  it('takes the partner agency for the prospect until the team lists its domain', () => {
    const doc = loadFixture('2026-11-20-partner-agency.html');
    expect(detectGmailContact(doc, AGENCY_THREAD)?.email).toBe('mia.chen@brightwave-agency.example');
    expect(detectGmailContact(doc, AGENCY_THREAD, { ownDomains: [AGENCY] })).toBeNull();
  });

  it('shows the real prospect, without the agency among the others, when both are on the thread', () => {
    const doc = loadFixture('2026-11-20-partner-agency.html');
    // The agency copies in the client's buyer on its first message.
    const to = doc.querySelector('.hb')!;
    const buyer = doc.createElement('span');
    buyer.className = 'g2';
    buyer.setAttribute('email', 'dana.whitfield@northwind.example');
    buyer.setAttribute('name', 'Dana Whitfield');
    to.append(', ', buyer);
    const before = DetectedContact.parse(detectGmailContact(doc, AGENCY_THREAD));
    expect(before.email).toBe('mia.chen@brightwave-agency.example');
    expect(before.others.map((p) => p.email)).toEqual(['dana.whitfield@northwind.example']);
    const after = DetectedContact.parse(detectGmailContact(doc, AGENCY_THREAD, { ownDomains: [AGENCY] }));
    expect(after).toMatchObject({ email: 'dana.whitfield@northwind.example', name: 'Dana Whitfield', others: [] });
  });

  it('matches domains whatever their case, and only whole domains', () => {
    const doc = loadFixture('2026-11-20-partner-agency.html');
    expect(detectGmailContact(doc, AGENCY_THREAD, { ownDomains: ['Brightwave-Agency.Example'] })).toBeNull();
    expect(detectGmailContact(doc, AGENCY_THREAD, { ownDomains: ['agency.example'] })?.email).toBe('mia.chen@brightwave-agency.example');
  });

  it('detects again when the domains change, although the page did not', async () => {
    document.title = loadFixture('2026-11-20-partner-agency.html').title;
    document.body.replaceChildren(...[...loadFixture('2026-11-20-partner-agency.html').body.childNodes].map((n) => document.importNode(n, true)));
    let domains: readonly string[] = [];
    const listeners = new Set<() => void>();
    const team: TeamDomainsSource = {
      current: () => domains,
      onChange: (listener, signal) => {
        listeners.add(listener);
        signal.addEventListener('abort', () => listeners.delete(listener));
      },
    };
    const seen: (DetectedContactInput | null)[] = [];
    const controller = new AbortController();
    void watchContact({ site: createGmailSite(team), doc: document, currentUrl: () => AGENCY_THREAD, signal: controller.signal, onChange: (c) => seen.push(c), debounceMs: 10 });
    await new Promise((r) => setTimeout(r, 50));
    domains = [AGENCY];
    for (const listener of listeners) listener();
    expect(seen.map((c) => c?.email ?? null)).toEqual(['mia.chen@brightwave-agency.example', null]);
    controller.abort();
    expect(listeners.size).toBe(0);
  });
});

describe('team domain rules', () => {
  it.each([
    ['Partner-Agency.com', 'partner-agency.com'],
    ['  @brightwave-agency.example ', 'brightwave-agency.example'],
    ['lumenary.co.uk.', 'lumenary.co.uk'],
    ['bücher.example', 'xn--bcher-kva.example'],
  ])('accepts %j as %s', (input, domain) => {
    expect(checkTeamDomain(input)).toEqual({ ok: true, domain });
  });

  it.each([
    ['', 'Enter a domain, such as partner-agency.com'],
    ['mia@brightwave-agency.example', 'Enter only the part after @ (brightwave-agency.example)'],
    ['https://brightwave-agency.example/', 'Enter a domain such as partner-agency.com, not a web address'],
    ['*.brightwave.example', 'No wildcards: list each email domain as it appears after @'],
    ['localhost', 'localhost is not a full domain name: add its ending, such as .com'],
    ['bright_wave.example', 'bright_wave.example is not a valid domain name (letters, digits and hyphens between dots)'],
    ['-bad.example', '-bad.example is not a valid domain name (letters, digits and hyphens between dots)'],
    ['10.0.0.1', '10.0.0.1 does not end in a known kind of top-level domain'],
    ['gmail.com', 'gmail.com is a personal mailbox domain: every prospect writing from it would be hidden'],
    ['two words.example', 'A domain has no spaces'],
  ])('refuses %j: %s', (input, error) => {
    expect(checkTeamDomain(input)).toEqual({ ok: false, error });
  });

  it('refuses a domain already listed', () => {
    expect(checkTeamDomain('Brightwave-Agency.example', [AGENCY])).toEqual({ ok: false, error: `${AGENCY} is already in the list` });
  });

  it('reads stored lists tolerantly in content scripts (no zod there)', () => {
    expect(teamDomainsFrom(undefined)).toEqual([]);
    expect(teamDomainsFrom('brightwave-agency.example')).toEqual([]);
    expect(teamDomainsFrom([AGENCY, 42, 'not a domain', 'ok.example'])).toEqual([AGENCY, 'ok.example']);
  });
});

describe('team.getDomains / team.saveDomains', () => {
  const schema = REQUESTS['team.saveDomains'].payload;

  it('parses the list with the same rules, naming the entry at fault', () => {
    expect(schema.parse({ domains: ['Partner.Example', '@partner.example', 'b.example'] })).toEqual({ domains: ['partner.example', 'b.example'] });
    const bad = schema.safeParse({ domains: ['ok.example', 'gmail.com'] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ path: ['domains', 1], message: expect.stringContaining('personal mailbox domain') });
    expect(schema.safeParse({ domains: Array.from({ length: 51 }, (_, i) => `d${i}.example`) }).success).toBe(false);
    expect(REQUESTS['team.saveDomains'].from).toBe('page');
    expect(REQUESTS['team.getDomains'].from).toBe('page');
  });

  it('keeps them in storage.local where Gmail tabs read them', async () => {
    const store = memoryStore();
    const { handlers } = createSiteSettings({ store, scripting: undefined, permissions: { contains: async () => false, remove: async () => false } });
    expect(await handlers['team.getDomains']()).toEqual({ domains: [] });
    const payload = schema.parse({ domains: ['Brightwave-Agency.example'] });
    expect(await handlers['team.saveDomains'](payload)).toEqual({ domains: [AGENCY] });
    expect(store.data.get(TEAM_DOMAINS_KEY)).toEqual([AGENCY]);
    expect(await handlers['team.getDomains']()).toEqual({ domains: [AGENCY] });
  });
});
