import type { LifecycleStage, Seniority } from '../model/contact';
import type { CampaignType, EventType } from '../model/marketing';
import { normKey } from './text';

/**
 * The words each tool writes, to Lens's vocabularies. Keys are normKey()s, so "Marketing Qualified Lead",
 * "marketingqualifiedlead" and "MARKETING_QUALIFIED_LEAD" are one entry.
 */

function table<T extends string>(entries: Partial<Record<T, readonly string[]>>): ReadonlyMap<string, T> {
  const map = new Map<string, T>();
  for (const [value, words] of Object.entries(entries) as [T, readonly string[]][]) for (const word of words) map.set(normKey(word), value);
  return map;
}

/**
 * Lifecycle stages in any tool's words. HubSpot's eight stages (labels and internal values) are all here; "Evangelist"
 * has no stage of its own in Lens and counts as a customer. Words for a lead that left the funnel (disqualified, lost)
 * are "other". Mautic's stages are whatever its admins named them; the usual names are covered.
 */
export const STAGE_WORDS = table<LifecycleStage>({
  subscriber: ['subscriber', 'subscribed', 'newsletter subscriber', 'visitor', 'anonymous'],
  lead: ['lead', 'new', 'new lead', 'prospect', 'contact', 'inquiry', 'raw', 'nurture', 'nurturing', 'recycled', 'open'],
  mql: ['mql', 'marketing qualified lead', 'marketing qualified', 'marketingqualifiedlead', 'marketing-qualified lead'],
  sql: ['sql', 'sales qualified lead', 'sales qualified', 'salesqualifiedlead', 'sal', 'sales accepted lead', 'sales accepted', 'qualified', 'working', 'contacted'],
  opportunity: ['opportunity', 'opp', 'converted', 'deal'],
  customer: ['customer', 'client', 'closed won', 'won', 'evangelist', 'advocate', 'promoter'],
  other: ['other', 'disqualified', 'unqualified', 'lost', 'closed lost', 'junk', 'churned'],
});

/**
 * Salesforce's standard Lead Status picklist. "Open - Not Contacted" is a lead nobody worked yet; "Working - Contacted"
 * means sales accepted and is working it, the nearest Lens stage being SQL; "Closed - Converted" made a contact and
 * usually an opportunity; "Closed - Not Converted" left the funnel.
 */
export const SALESFORCE_STATUS_WORDS = table<LifecycleStage>({
  lead: ['Open - Not Contacted', 'Open', 'New'],
  sql: ['Working - Contacted', 'Working', 'Contacted', 'Qualified'],
  opportunity: ['Closed - Converted', 'Converted'],
  other: ['Closed - Not Converted', 'Unqualified', 'Closed'],
});

export const LIFECYCLE_STAGES: readonly LifecycleStage[] = ['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer', 'other'];

/** Engagement in the words of generic event exports, HubSpot email events (OPEN, CLICK…) and Mautic point actions (email.open…). */
export const EVENT_WORDS = table<EventType>({
  email_open: ['email_open', 'open', 'opened', 'email open', 'email opened', 'opens', 'email.open'],
  email_click: ['email_click', 'click', 'clicked', 'email click', 'email clicked', 'link click', 'link clicked'],
  page_view: ['page_view', 'page view', 'pageview', 'page visit', 'visit', 'website visit', 'page.hit', 'url.hit', 'viewed page'],
  content_download: ['content_download', 'download', 'downloaded', 'content download', 'asset download', 'asset.download', 'ebook download', 'whitepaper download'],
  form_submit: ['form_submit', 'form submit', 'form submission', 'form submitted', 'form fill', 'submit', 'submitted', 'form.submit', 'conversion'],
  ad_click: ['ad_click', 'ad click', 'ad clicked', 'ad interaction'],
  webinar_registered: ['webinar_registered', 'webinar registered', 'webinar registration', 'registered', 'registration', 'webinar signup', 'no show', 'noshow'],
  webinar_attended: ['webinar_attended', 'webinar attended', 'attended webinar', 'webinar attendance'],
  event_visited: ['event_visited', 'event visited', 'event attended', 'attended event', 'booth visit', 'visited booth', 'event check-in', 'checked in'],
  meeting_booked: ['meeting_booked', 'meeting booked', 'meeting', 'meeting scheduled', 'demo booked'],
  unsubscribe: ['unsubscribe', 'unsubscribed', 'opt out', 'opted out', 'optout'],
  email_bounce: ['email_bounce', 'bounce', 'bounced', 'hard bounce', 'soft bounce', 'email bounced'],
  spam_complaint: ['spam_complaint', 'spam', 'spam report', 'spamreport', 'spam complaint', 'marked as spam'],
});

/** Words that name something a tool logs but that is no engagement of the person: such rows are skipped, not errors. */
export const NOT_ENGAGEMENT = new Set(
  ['sent', 'send', 'email sent', 'email.send', 'delivered', 'processed', 'deferred', 'dropped', 'suppressed', 'planned', 'invited', 'received', 'targeted', 'member', 'added'].map(normKey),
);

/** Salesforce's standard campaign Type picklist (and common variants) to Lens's campaign types. */
export const CAMPAIGN_TYPE_WORDS = table<CampaignType>({
  webinar: ['webinar', 'online event', 'virtual event'],
  email_nurture: ['email', 'email nurture', 'nurture', 'newsletter', 'email campaign', 'drip'],
  event: ['conference', 'trade show', 'tradeshow', 'event', 'seminar', 'seminar / conference', 'user conference', 'roadshow', 'field event', 'meetup'],
  paid_social: ['paid social', 'social ads', 'advertisement', 'banner ads', 'ppc', 'paid search', 'display', 'linkedin ads', 'ads'],
  content_syndication: ['content syndication', 'syndication'],
  other: ['other', 'direct mail', 'public relations', 'referral program', 'partners', 'telemarketing'],
});

/** A campaign's type from its name, for campaigns an events file names but no file describes. */
export function campaignTypeFromName(name: string): CampaignType {
  const n = name.toLowerCase();
  if (/webinar/.test(n)) return 'webinar';
  if (/nurture|newsletter|drip|e-?mail/.test(n)) return 'email_nurture';
  if (/syndicat/.test(n)) return 'content_syndication';
  if (/\bads?\b|paid|ppc|sponsored/.test(n)) return 'paid_social';
  if (/conference|summit|trade ?show|expo|booth|event|meetup|roadshow/.test(n)) return 'event';
  return 'other';
}

/**
 * A CampaignMember's Status to the engagement it records. "Responded" (Salesforce's default responded status) means
 * what responding to that kind of campaign means; "Attended" is a webinar attended or an event visited.
 */
export function memberStatusEvent(status: string, campaignType: CampaignType, responded: boolean | undefined): EventType | 'skip' | undefined {
  const key = normKey(status);
  const response: Record<CampaignType, EventType> = {
    webinar: 'webinar_registered',
    event: 'event_visited',
    email_nurture: 'email_click',
    paid_social: 'ad_click',
    content_syndication: 'content_download',
    other: 'form_submit',
  };
  if (key === 'responded') return response[campaignType];
  if (key === 'attended') return campaignType === 'event' ? 'event_visited' : 'webinar_attended';
  if (key === 'visited') return campaignType === 'event' ? 'event_visited' : 'page_view';
  const word = EVENT_WORDS.get(key);
  if (word) return word;
  if (NOT_ENGAGEMENT.has(key)) return 'skip';
  if (responded === true) return response[campaignType];
  if (responded === false) return 'skip';
  return undefined;
}

export const SENIORITY_WORDS = table<Seniority>({
  c_level: ['c-level', 'c level', 'c-suite', 'cxo', 'executive', 'chief', 'ceo', 'cfo', 'cto', 'coo', 'cmo'],
  vp: ['vp', 'vice president', 'svp', 'evp', 'vp-level'],
  director: ['director', 'head', 'head of'],
  manager: ['manager', 'management', 'team lead'],
  owner: ['owner', 'founder', 'co-founder', 'partner'],
  individual: ['individual', 'individual contributor', 'ic', 'entry', 'entry level', 'senior', 'staff', 'employee', 'junior', 'intern', 'specialist'],
});

/** HubSpot's internal Original Source values, as its UI labels them. */
const HUBSPOT_SOURCES: Record<string, string> = {
  ORGANIC_SEARCH: 'Organic search',
  PAID_SEARCH: 'Paid search',
  EMAIL_MARKETING: 'Email marketing',
  SOCIAL_MEDIA: 'Organic social',
  PAID_SOCIAL: 'Paid social',
  REFERRALS: 'Referrals',
  OTHER_CAMPAIGNS: 'Other campaigns',
  DIRECT_TRAFFIC: 'Direct traffic',
  OFFLINE: 'Offline sources',
  AI_REFERRALS: 'AI referrals',
};

/** "ORGANIC_SEARCH" → "Organic search"; labels pass through. */
export function sourceLabel(value: string): string {
  const known = HUBSPOT_SOURCES[value];
  if (known) return known;
  if (/^[A-Z0-9]+(?:_[A-Z0-9]+)+$/.test(value)) {
    const words = value.toLowerCase().replace(/_/g, ' ');
    return words[0]!.toUpperCase() + words.slice(1);
  }
  return value;
}
