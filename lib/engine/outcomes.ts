import type { Contact, EngagementEvent, Feedback } from '../model';

/**
 * What happened after contacts received a piece of content: the evidence behind "worked before".
 * Counted once per contact, when a win followed their first touch with the asset within the window.
 */
export interface ContentOutcome {
  /** Contacts who moved on after the content. */
  contacts: number;
  meetings: number;
  sqls: number;
  goodFits: number;
}

export interface OutcomeSignals {
  contacts: ReadonlyArray<Pick<Contact, 'id' | 'becameSqlAt'>>;
  events: ReadonlyArray<Pick<EngagementEvent, 'contactId' | 'type' | 'contentId' | 'at'>>;
  feedback: ReadonlyArray<Pick<Feedback, 'contactId' | 'verdict' | 'createdAt'>>;
}

/** A win long after the content says little about the content. */
export const OUTCOME_WINDOW_DAYS = 120;
const WINDOW_MS = OUTCOME_WINDOW_DAYS * 86_400_000;

type WinKind = 'meeting' | 'sql' | 'goodFit';

/**
 * Per asset, the contacts who booked a meeting, became SQL (sales accepted) or were rated "good fit" by a rep after
 * they touched it (clicked, downloaded, attended, viewed). The data records no "sent by a rep" event and no date a deal
 * was won, so those are not counted yet.
 */
export function contentOutcomes(signals: OutcomeSignals): Map<string, ContentOutcome> {
  const wins = new Map<string, Array<{ at: number; kind: WinKind }>>();
  const addWin = (contactId: string, at: number, kind: WinKind) => {
    if (!Number.isFinite(at)) return;
    const list = wins.get(contactId);
    if (list) list.push({ at, kind });
    else wins.set(contactId, [{ at, kind }]);
  };
  for (const e of signals.events) if (e.type === 'meeting_booked') addWin(e.contactId, Date.parse(e.at), 'meeting');
  for (const c of signals.contacts) if (c.becameSqlAt) addWin(c.id, Date.parse(c.becameSqlAt), 'sql');
  for (const f of signals.feedback) if (f.contactId && f.verdict === 'good_fit') addWin(f.contactId, Date.parse(f.createdAt), 'goodFit');

  // First touch per contact and asset.
  const firstTouch = new Map<string, Map<string, number>>();
  for (const e of signals.events) {
    if (!e.contentId || !wins.has(e.contactId)) continue;
    const at = Date.parse(e.at);
    let touches = firstTouch.get(e.contactId);
    if (!touches) firstTouch.set(e.contactId, (touches = new Map()));
    const before = touches.get(e.contentId);
    if (before === undefined || at < before) touches.set(e.contentId, at);
  }

  const out = new Map<string, ContentOutcome>();
  for (const [contactId, touches] of firstTouch) {
    const contactWins = wins.get(contactId) ?? [];
    for (const [assetId, at] of touches) {
      const after = contactWins.filter((w) => w.at > at && w.at - at <= WINDOW_MS);
      if (after.length === 0) continue;
      const o = out.get(assetId) ?? { contacts: 0, meetings: 0, sqls: 0, goodFits: 0 };
      o.contacts += 1;
      if (after.some((w) => w.kind === 'meeting')) o.meetings += 1;
      if (after.some((w) => w.kind === 'sql')) o.sqls += 1;
      if (after.some((w) => w.kind === 'goodFit')) o.goodFits += 1;
      out.set(assetId, o);
    }
  }
  return out;
}

/** "2 meetings, 1 SQL" */
export function describeOutcome(o: ContentOutcome): string {
  const parts: string[] = [];
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  if (o.meetings > 0) parts.push(plural(o.meetings, 'meeting', 'meetings'));
  if (o.sqls > 0) parts.push(plural(o.sqls, 'SQL', 'SQLs'));
  if (o.goodFits > 0) parts.push(plural(o.goodFits, '"good fit" verdict', '"good fit" verdicts'));
  return parts.join(', ');
}
