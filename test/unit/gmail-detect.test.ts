import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DetectedContact } from '../../lib/sites/contact';
import { detectGmailContact, findSignedInAccount, gmailLayoutUnrecognized } from '../../lib/sites/gmail/detect';
import { isGmailApp, isGmailConversationUrl } from '../../lib/sites/gmail/urls';
import { GMAIL_FIXTURES, fixtureNames, loadFixture } from './helpers';

describe('Gmail fixtures → detected contact', () => {
  const names = fixtureNames();
  it('has the fixtures this suite is about', () => {
    expect(names).toEqual(
      expect.arrayContaining([
        '2014-12-inbox-list.html',
        '2026-11-20-conversation.html',
        '2026-11-20-conversation-display-name.html',
        '2026-11-20-conversation-unknown.html',
        '2026-11-20-inbox.html',
        '2026-11-20-own-thread.html',
        '2026-11-20-compose.html',
      ]),
    );
  });

  for (const name of names) {
    it(`${name} matches its expected result`, () => {
      const expected = JSON.parse(readFileSync(join(GMAIL_FIXTURES, name.replace('.html', '.expected.json')), 'utf8'));
      const found = detectGmailContact(loadFixture(name), new URL(expected.url));
      // The background parses what content scripts send with this schema: fixtures must pass it too.
      expect(found === null ? null : DetectedContact.parse(found)).toEqual(expected.contact);
    });
  }
});

describe('Gmail detection rules', () => {
  const url = new URL('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWdanaNorthwindPricing40');

  it('reads the signed-in account from the title, and from the account button when the title lacks it', () => {
    const doc = loadFixture('2026-11-20-conversation.html');
    expect(findSignedInAccount(doc)).toBe('sam.patel@lumenary.example');
    doc.title = 'Gmail';
    expect(findSignedInAccount(doc)).toBe('sam.patel@lumenary.example');
  });

  it('reads the visible conversation although the hidden inbox list comes first in the page', () => {
    const doc = loadFixture('2026-11-20-conversation.html');
    const [list, thread] = doc.querySelectorAll('div[role="main"]');
    expect(list?.getAttribute('style')).toContain('display: none');
    expect(detectGmailContact(doc, url)?.email).toBe('dana.whitfield@northwind.example');
    // Back to the inbox: Gmail shows the list and drops the thread view.
    thread!.remove();
    list!.removeAttribute('style');
    expect(detectGmailContact(doc, url)).toBeNull();
  });

  it('treats extra team domains as colleagues', () => {
    const doc = loadFixture('2026-11-20-conversation.html');
    const found = detectGmailContact(doc, url, { ownDomains: ['northwind.example'] });
    expect(found).toBeNull();
  });

  it('uses the flat selector when the structural path is missing', () => {
    const doc = loadFixture('2026-11-20-conversation.html');
    for (const td of doc.querySelectorAll('td.gF')) td.classList.remove('gF');
    expect(detectGmailContact(doc, url)?.email).toBe('dana.whitfield@northwind.example');
  });

  it('prefers the open conversation over a compose window, and reads a reply being written to someone new', () => {
    const doc = loadFixture('2026-11-20-conversation.html');
    const compose = loadFixture('2026-11-20-compose.html').querySelector('.dw')!;
    doc.querySelector('.dw')!.replaceWith(doc.importNode(compose, true));
    expect(detectGmailContact(doc, url)?.email).toBe('dana.whitfield@northwind.example');
    const internal = loadFixture('2026-11-20-own-thread.html');
    internal.querySelector('.dw')!.replaceWith(internal.importNode(compose, true));
    expect(detectGmailContact(internal, url)).toMatchObject({ pageKind: 'compose', email: 'raj.patel@tailspin.example' });
  });

  it('tells an unrecognised layout from a conversation with no one external', () => {
    const own = loadFixture('2026-11-20-own-thread.html');
    expect(detectGmailContact(own, url)).toBeNull();
    expect(gmailLayoutUnrecognized(own, url)).toBe(false);
    const changed = loadFixture('2026-11-20-conversation.html');
    for (const el of changed.querySelectorAll('[email]')) el.removeAttribute('email');
    expect(detectGmailContact(changed, url)).toBeNull();
    expect(gmailLayoutUnrecognized(changed, url)).toBe(true);
    expect(gmailLayoutUnrecognized(changed, new URL('https://mail.google.com/mail/u/0/#inbox'))).toBe(false);
  });

  it('ignores pages outside the Gmail app', () => {
    const doc = loadFixture('2026-11-20-conversation.html');
    expect(detectGmailContact(doc, new URL('https://mail.google.com/chat/u/0/'))).toBeNull();
    expect(detectGmailContact(doc, new URL('http://mail.google.com/mail/u/0/'))).toBeNull();
  });
});

describe('Gmail URLs', () => {
  const conversation = [
    'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWdanaNorthwindPricing40',
    'https://mail.google.com/mail/u/1/#label/Customers/FMfcgzGxxxxxxxxxxxxxxx',
    'https://mail.google.com/mail/#sent/1837a0b2c3d4e5f6',
    'https://mail.google.com/mail/u/0/#search/pricing/FMfcgzQXJWdanaNorthwindPricing40',
  ];
  const notConversation = [
    'https://mail.google.com/mail/u/0/#inbox',
    'https://mail.google.com/mail/u/0/#settings/general',
    'https://mail.google.com/mail/u/0/#label/Customers',
    'https://mail.google.com/chat/u/0/#chat/space/AAAA',
    'https://calendar.google.com/calendar/u/0/r',
    'http://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWdanaNorthwindPricing40',
  ];
  it.each(conversation)('%s is a conversation', (u) => expect(isGmailConversationUrl(new URL(u))).toBe(true));
  it.each(notConversation)('%s is not a conversation', (u) => expect(isGmailConversationUrl(new URL(u))).toBe(false));
  it('knows the app from other Google pages', () => {
    expect(isGmailApp(new URL('https://mail.google.com/mail/u/2/'))).toBe(true);
    expect(isGmailApp(new URL('https://mail.google.com/a/example.com/'))).toBe(false);
  });
});
