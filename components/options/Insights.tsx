import type { Insights as InsightsData } from '../../lib/insights/compute';
import { CONTENT_TYPE_LABEL } from '../../lib/format';
import { REASON_LABEL } from '../../lib/model/feedback';
import { BarChart } from './BarChart';

export interface InsightsProps {
  data: InsightsData | null;
  range: string;
  onRange: (range: string) => void;
  onExport: () => void;
}

const RANGES: [string, string][] = [
  ['7', 'Last 7 days'],
  ['30', 'Last 30 days'],
  ['90', 'Last 90 days'],
  ['all', 'All time'],
];
const VERDICT_COLUMNS = [
  ['good_fit', 'Good fit', '#2b8a3e'],
  ['bad_fit', 'Bad fit', '#c92a2a'],
  ['not_ready', 'Not ready', '#e8a33d'],
  ['wrong_persona', 'Wrong persona', '#7048e8'],
] as const;
const REASON_TEXT: Record<string, string> = { ...REASON_LABEL, none: 'No reason given' };
const count = (n: number, noun: string) => `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
const pct = (rate: number | undefined) => (rate === undefined ? '—' : `${Math.round(rate * 100)}%`);

/** The marketer's view: content reps use and ignore, lead quality by source campaign and reason. */
export function Insights({ data, range, onRange, onExport }: InsightsProps) {
  return (
    <section aria-labelledby="insights-title" class="insights">
      <h2 id="insights-title">Insights</h2>
      <div class="row">
        <label class="inline">
          Period
          <select value={range} onChange={(e) => onRange(e.currentTarget.value)}>
            {RANGES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" class="quiet" onClick={onExport} disabled={!data}>
          Download content usage (CSV)
        </button>
      </div>
      {!data ? (
        <p class="muted">Loading…</p>
      ) : (
        <>
          <p>
            {count(data.totals.usage, 'content action')} · {count(data.totals.feedback, 'feedback item')} · good-fit rate{' '}
            {pct(data.totals.goodFitRate)}
          </p>
          <h3>Content usage</h3>
          <BarChart
            title="Content usage per asset"
            labels={data.assets.slice(0, 12).map((a) => a.asset.title)}
            series={[
              { label: 'Opened', values: data.assets.slice(0, 12).map((a) => a.counts.opened), color: '#3b5bdb' },
              { label: 'Link copied', values: data.assets.slice(0, 12).map((a) => a.counts.link_copied), color: '#2b8a3e' },
              { label: 'Inserted', values: data.assets.slice(0, 12).map((a) => a.counts.inserted), color: '#e8a33d' },
            ]}
          />
          <table>
            <caption class="muted">Per asset: how often shown, used, and shown but ignored</caption>
            <thead>
              <tr>
                <th scope="col">Asset</th>
                <th scope="col">Shown</th>
                <th scope="col">Opened</th>
                <th scope="col">Copied</th>
                <th scope="col">Inserted</th>
                <th scope="col">Ignored</th>
              </tr>
            </thead>
            <tbody>
              {data.assets.map((a) => (
                <tr key={a.asset.id}>
                  <th scope="row">
                    {a.asset.title} <span class="muted">{CONTENT_TYPE_LABEL[a.asset.type]}</span>
                  </th>
                  <td>{a.counts.shown}</td>
                  <td>{a.counts.opened}</td>
                  <td>{a.counts.link_copied}</td>
                  <td>{a.counts.inserted}</td>
                  <td>{pct(a.ignoredRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            <strong>Never used by a rep:</strong> {data.neverUsed.length === 0 ? 'none' : data.neverUsed.map((a) => a.title).join(', ')}
          </p>
          <div class="split">
            <div>
              <h3>By persona</h3>
              <ul>
                {data.byPersona.map((p) => (
                  <li key={p.key}>
                    {p.key}: {p.used} used, {p.shown} shown
                  </li>
                ))}
              </ul>
            </div>
            <div>
              <h3>By stage</h3>
              <ul>
                {data.byStage.map((s) => (
                  <li key={s.key}>
                    {s.key}: {s.used} used, {s.shown} shown
                  </li>
                ))}
              </ul>
            </div>
          </div>
          <h3>Lead quality by source campaign</h3>
          <BarChart
            title="Feedback verdicts per source campaign"
            labels={data.feedbackByCampaign.map((c) => c.campaign)}
            series={VERDICT_COLUMNS.map(([key, label, color]) => ({ label, color, values: data.feedbackByCampaign.map((c) => c.verdicts[key]) }))}
          />
          <table>
            <thead>
              <tr>
                <th scope="col">Source campaign</th>
                {VERDICT_COLUMNS.map(([key, label]) => (
                  <th key={key} scope="col">
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.feedbackByCampaign.map((c) => (
                <tr key={c.campaign}>
                  <th scope="row">{c.campaign}</th>
                  {VERDICT_COLUMNS.map(([key]) => (
                    <td key={key}>{c.verdicts[key]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Why leads were judged</h3>
          <ul>
            {data.feedbackByReason.map((r) => (
              <li key={r.reason}>
                {REASON_TEXT[r.reason] ?? r.reason}: {r.total}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
