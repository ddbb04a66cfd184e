import { useState } from 'preact/hooks';
import { FIELD_LABEL, FIELDS_BY_KIND, type CsvFormatId, type TargetField } from '../../lib/importers';
import type { ImportFile, ImportModel } from '../../lib/options/import-model';

/** What a separator is called where people see it. */
const SEPARATOR: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };
const pct = (x: number) => `${Math.round(x * 100)} %`;

function CsvPreviewView({ model }: { model: ImportModel }) {
  const preview = model.preview.value!;
  const kind = model.kind.value;
  const fields = kind ? FIELDS_BY_KIND[kind] : [];
  const candidates = preview.detection.candidates;
  const chosen = candidates.find((c) => c.format === model.format.value);
  const busy = model.progress.value !== null;
  return (
    <div class="import-preview" aria-label="Import preview">
      <p>
        <strong>{chosen?.label ?? 'Unknown format'}</strong>
        {chosen && <span class="muted"> · detected with {pct(chosen.confidence)} confidence</span>}
        <span class="muted">
          {' '}
          · {preview.encoding === 'text' ? 'text' : preview.encoding.toUpperCase()}
          {preview.hadBom ? ' with byte order mark' : ''} · {SEPARATOR[preview.delimiter] ?? preview.delimiter}-separated · dates read as{' '}
          {preview.dateOrder === 'dmy' ? 'day/month/year' : 'month/day/year'}
        </span>
      </p>
      <label>
        Format
        <select value={model.format.value ?? ''} disabled={busy} onChange={(e) => model.setFormat(e.currentTarget.value as CsvFormatId)}>
          {candidates.map((c) => (
            <option key={c.format} value={c.format}>
              {c.label} ({pct(c.confidence)})
            </option>
          ))}
        </select>
      </label>
      <h3>Column mapping</h3>
      <table class="mapping">
        <thead>
          <tr>
            <th scope="col">Column in the file</th>
            <th scope="col">Lens field</th>
          </tr>
        </thead>
        <tbody>
          {model.mapping.value.map((m) => (
            <tr key={m.index}>
              <th scope="row">{m.header || `(column ${m.index + 1})`}</th>
              <td>
                <select
                  aria-label={`Field for column ${m.header || m.index + 1}`}
                  value={m.field ?? ''}
                  disabled={busy}
                  onChange={(e) => model.setField(m.index, (e.currentTarget.value || null) as TargetField | null)}
                >
                  <option value="">— ignore —</option>
                  {fields.map((f) => (
                    <option key={f} value={f}>
                      {FIELD_LABEL[f]}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {model.headerWarnings.value.length > 0 && (
        <ul class="warning" aria-label="Header warnings">
          {model.headerWarnings.value.map((w) => (
            <li key={w.cell ?? w.column}>
              Column {w.cell?.replace(/\d+$/, '')} “{w.column}” {w.reason}
            </li>
          ))}
        </ul>
      )}
      {model.problems.value.length > 0 && (
        <ul class="error" role="alert" aria-label="Mapping problems">
          {model.problems.value.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <h3>First rows</h3>
      <div class="sample">
        <table>
          <thead>
            <tr>
              <th scope="col">Line</th>
              {preview.header.map((h, i) => (
                <th scope="col" key={i}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.sample.map((row) => (
              <tr key={row.line}>
                <td>{row.line}</td>
                {preview.header.map((_, i) => (
                  <td key={i}>{row.cells[i] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="row">
        <button type="button" class="primary" disabled={busy || model.problems.value.length > 0} onClick={() => void model.confirm()}>
          {model.confirmLabel.value}
        </button>
        <button type="button" class="quiet" disabled={busy} onClick={() => model.reset()}>
          Choose another file
        </button>
      </div>
    </div>
  );
}

function RowErrorsView({ model }: { model: ImportModel }) {
  const errors = model.rowErrors.value!;
  const busy = model.progress.value !== null;
  return (
    <div role="alert" aria-label="Import errors">
      <p class="error">
        {errors.file}: {errors.total} {errors.total === 1 ? 'problem' : 'problems'} in {errors.invalidRows} {errors.invalidRows === 1 ? 'row' : 'rows'}. Nothing
        was imported.
        {errors.total > errors.list.length && ` The first ${errors.list.length} are listed.`}
      </p>
      <table class="errors">
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Line</th>
            <th scope="col">Column</th>
            <th scope="col">Value</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {errors.list.map((e, i) => (
            <tr key={i}>
              <td>{e.file}</td>
              <td>{e.line}</td>
              <td>{e.column}</td>
              <td>{e.value}</td>
              <td>{e.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {errors.validRows > 0 && (
        <button type="button" class="quiet" disabled={busy} onClick={() => void model.skipInvalid()}>
          Skip {errors.invalidRows} invalid {errors.invalidRows === 1 ? 'row' : 'rows'} and import the rest
        </button>
      )}
    </div>
  );
}

function PackView({ model }: { model: ImportModel }) {
  const chosen = model.pack.value;
  const errors = model.packErrors.value;
  if (errors.length > 0)
    return (
      <div role="alert" aria-label="Import errors">
        <p class="error">{model.file.value?.name} is not a valid marketing pack. Nothing was imported.</p>
        <ul class="error">
          {errors.slice(0, 50).map((e, i) => (
            <li key={i}>
              {e.line !== undefined && `Line ${e.line}${e.column !== undefined ? `, column ${e.column}` : ''}: `}
              {e.path || 'The file'} {e.reason}
              {e.value !== undefined && ` (${e.value})`}
            </li>
          ))}
        </ul>
      </div>
    );
  if (!chosen) return null;
  const c = chosen.counts;
  return (
    <div class="import-preview" aria-label="Import preview">
      <p>
        <strong>Marketing pack</strong> (version {chosen.pack.version}, written for {chosen.pack.anchorDate}): {c.personas} personas, {c.content} content assets,{' '}
        {c.campaigns} campaigns, the SLA (MQL at {chosen.pack.sla.mqlScoreThreshold}){chosen.pack.scoringModel ? ', a scoring model' : ''}
        {c.contacts > 0 ? `, ${c.contacts} contacts and ${c.events} events` : ''}.
      </p>
      <p class="muted">Importing replaces the personas, content library, campaigns, SLA and scoring model Lens has now.</p>
      <div class="row">
        <button type="button" class="primary" disabled={model.progress.value !== null} onClick={() => void model.importPack()}>
          Import marketing pack
        </button>
        <button type="button" class="quiet" onClick={() => model.reset()}>
          Choose another file
        </button>
      </div>
    </div>
  );
}

/** The "Import data" section: a file input (and drop zone), then the preview, progress, errors or result. */
export function ImportData({ model, onFile }: { model: ImportModel; onFile: (file: ImportFile) => void }) {
  const [dragging, setDragging] = useState(false);
  const progress = model.progress.value;
  return (
    <section
      aria-labelledby="import-title"
      class={dragging ? 'drop-target dragging' : 'drop-target'}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        const file = e.dataTransfer?.files[0];
        if (file) onFile(file);
      }}
    >
      <h2 id="import-title">Import marketing data</h2>
      <p class="muted">
        A contacts export from HubSpot, Salesforce (report or Data Loader) or Mautic, Salesforce campaign members, an engagement-events CSV, or a marketing
        pack (JSON). Choose a file or drop it here; you see what Lens read before anything is saved.
      </p>
      <label>
        Import data
        <input
          type="file"
          accept=".csv,.tsv,.txt,.json,text/csv,text/tab-separated-values,application/json"
          disabled={progress !== null}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = ''; // the same file can be chosen again after a fix
            if (file) onFile(file);
          }}
        />
      </label>
      {model.reading.value && <p class="muted">Reading {model.file.value?.name}…</p>}
      {model.preview.value && <CsvPreviewView model={model} />}
      <PackView model={model} />
      {progress && (
        <div class="row" aria-live="polite">
          <label class="inline">
            {progress.label}
            {progress.fraction === null ? <progress /> : <progress max={1} value={progress.fraction} />}
          </label>
          <button type="button" class="quiet" disabled={progress.fraction === null} onClick={() => model.cancel()}>
            Cancel
          </button>
        </div>
      )}
      {model.rowErrors.value && <RowErrorsView model={model} />}
      {model.result.value && (
        <p class="ok" role="status">
          {model.result.value}
        </p>
      )}
      {model.error.value && (
        <p class="error" role="alert">
          {model.error.value}
        </p>
      )}
    </section>
  );
}
