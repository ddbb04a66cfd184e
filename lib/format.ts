import type { ContentType } from './model/marketing';

const DATE = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

const formatted = new Map<string, string>();

/** "Nov 18, 2026" — UTC so the same event reads the same everywhere. Remembered: Intl formatting is slow, dates repeat. */
export function formatDate(iso: string): string {
  let text = formatted.get(iso);
  if (text === undefined) {
    text = DATE.format(new Date(iso));
    if (formatted.size > 2000) formatted.clear();
    formatted.set(iso, text);
  }
  return text;
}

export function formatHours(hours: number): string {
  const h = Math.abs(hours);
  return h >= 48 ? `${Math.round(h / 24)} days` : `${h} h`;
}

export const CONTENT_TYPE_LABEL: Record<ContentType, string> = {
  case_study: 'Case study',
  one_pager: 'One-pager',
  pricing_sheet: 'Pricing sheet',
  webinar_recording: 'Webinar recording',
  whitepaper: 'Whitepaper',
  ebook: 'E-book',
  datasheet: 'Datasheet',
  demo_video: 'Demo video',
  roi_calculator: 'ROI calculator',
  blog_post: 'Blog post',
};

/** The line that names a person: their name, else their address, else their LinkedIn profile. */
export function contactLabel(c: { name?: string; email?: string; linkedinSlug?: string }): string {
  return c.name ?? c.email ?? (c.linkedinSlug ? `linkedin.com/in/${c.linkedinSlug}` : 'Unknown person');
}

/** Only http(s) URLs become links; anything else is shown as text. */
export function safeHref(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
