import Papa from 'papaparse';
import type { Insights } from '../insights/compute';
import { REASON_LABEL, VERDICT_LABEL, type Feedback } from '../model/feedback';

/**
 * CSV a spreadsheet opens safely: papaparse quotes as needed and, with escapeFormulae, prefixes cells that start
 * with = + - @ (or tab / carriage return) with a quote so they are never run as formulas.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | undefined)[])[]): string {
  return Papa.unparse(
    { fields: [...header], data: rows.map((row) => row.map((cell) => (cell === undefined ? '' : String(cell)))) },
    { escapeFormulae: true, newline: '\r\n' },
  );
}

/** Content usage per asset, as Insights shows it. */
export function usageCsv(insights: Insights): string {
  return toCsv(
    ['asset_id', 'title', 'type', 'shown', 'opened', 'link_copied', 'inserted', 'ignored_rate'],
    insights.assets.map((a) => [
      a.asset.id,
      a.asset.title,
      a.asset.type,
      a.counts.shown,
      a.counts.opened,
      a.counts.link_copied,
      a.counts.inserted,
      a.ignoredRate === undefined ? undefined : a.ignoredRate.toFixed(3),
    ]),
  );
}

export function feedbackCsv(items: readonly Feedback[]): string {
  return toCsv(
    ['id', 'created_at', 'contact_key', 'contact_email', 'contact_name', 'verdict', 'reason', 'note', 'source_campaign', 'delivered_at'],
    items.map((f) => [
      f.id,
      f.createdAt,
      f.contactKey,
      f.contactEmail,
      f.contactName,
      VERDICT_LABEL[f.verdict],
      f.reason ? REASON_LABEL[f.reason] : undefined,
      f.note,
      f.sourceCampaignName,
      f.deliveredAt,
    ]),
  );
}
