import type { ComponentChildren } from 'preact';
import { EVENT_LABEL } from '../../lib/engine/scoring';
import {
  DECAY_KINDS,
  EVENT_TYPES,
  RULE_FIELDS,
  SENIORITY_FIELDS,
  pathKey,
  type Path,
  type PropertyList,
  type RuleField,
  type ScoringModelEditor,
} from '../../lib/options/scoring-model';

const idOf = (path: Path) => `sm-${pathKey(path).replace(/[^\w-]/g, '-')}`;

/** The problems of one field, right under it; the input points at them (aria-describedby). */
function FieldIssues({ editor, path }: { editor: ScoringModelEditor; path: Path }) {
  const issues = editor.issuesAt(path);
  if (issues.length === 0) return null;
  return (
    <span class="field-error" id={`${idOf(path)}-error`} role="alert">
      {issues.map((i) => i.message).join('; ')}
    </span>
  );
}

/** Attributes an input needs to show (and announce) that its value has a problem. */
function invalid(editor: ScoringModelEditor, path: Path) {
  return editor.issuesAt(path).length > 0 ? { 'aria-invalid': true, 'aria-describedby': `${idOf(path)}-error` } : {};
}

function NumberInput({ editor, path, label, onInput }: { editor: ScoringModelEditor; path: Path; label: string; onInput?: (text: string) => void }) {
  return (
    <>
      <input
        type="number"
        step="1"
        id={idOf(path)}
        aria-label={label}
        value={editor.textAt(path)}
        onInput={(e) => (onInput ?? ((text: string) => editor.editNumber(path, text)))(e.currentTarget.value)}
        {...invalid(editor, path)}
      />
      <FieldIssues editor={editor} path={path} />
    </>
  );
}

function Field({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="sm-field">
      <span class="sm-label" aria-hidden="true">
        {label}
      </span>
      <span class="sm-control">{children}</span>
    </div>
  );
}

const RULE_HEADINGS: Record<RuleField, string> = { points: 'Points', capPerType: 'Cap per type', capPerDay: 'Cap per day' };

function MqlRule({ editor }: { editor: ScoringModelEditor }) {
  const threshold = editor.valueAt(['mql', 'scoreThreshold']);
  const kind = threshold === undefined || threshold === 'sla' ? 'sla' : 'score';
  const grade = editor.valueAt(['mql', 'minFitGrade']);
  return (
    <fieldset>
      <legend>MQL rule</legend>
      <Field label="MQL threshold">
        <select aria-label="MQL threshold" value={kind} onChange={(e) => editor.setThresholdKind(e.currentTarget.value === 'sla' ? 'sla' : 'score')}>
          <option value="sla">The SLA’s score threshold</option>
          <option value="score">A score of at least…</option>
        </select>
        {kind === 'score' && <NumberInput editor={editor} path={['mql', 'scoreThreshold']} label="MQL score threshold" onInput={(t) => editor.editThreshold(t)} />}
      </Field>
      <Field label="Minimum fit grade">
        <select
          aria-label="Minimum fit grade"
          value={typeof grade === 'string' ? grade : 'D'}
          onChange={(e) => editor.editChoice(['mql', 'minFitGrade'], e.currentTarget.value)}
          {...invalid(editor, ['mql', 'minFitGrade'])}
        >
          {['A', 'B', 'C', 'D'].map((g) => (
            <option key={g} value={g}>
              {g === 'D' ? 'Any (D or better)' : `${g} or better`}
            </option>
          ))}
        </select>
        <FieldIssues editor={editor} path={['mql', 'minFitGrade']} />
      </Field>
    </fieldset>
  );
}

function Engagement({ editor }: { editor: ScoringModelEditor }) {
  const kind = editor.valueAt(['engagement', 'decay', 'kind']);
  return (
    <fieldset>
      <legend>Engagement</legend>
      <table class="sm-rules">
        <thead>
          <tr>
            <th scope="col">Event</th>
            {RULE_FIELDS.map((f) => (
              <th key={f} scope="col">
                {RULE_HEADINGS[f]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {EVENT_TYPES.map((type) => (
            <tr key={type}>
              <th scope="row">{EVENT_LABEL[type]}</th>
              {RULE_FIELDS.map((f) => (
                <td key={f}>
                  <NumberInput editor={editor} path={['engagement', 'rules', type, f]} label={`${RULE_HEADINGS[f]}: ${EVENT_LABEL[type]}`} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted">An empty points cell leaves the event type out; an empty cap means no cap. Negative events never fade.</p>
      <Field label="Decay">
        <select
          aria-label="Decay"
          value={typeof kind === 'string' ? kind : ''}
          onChange={(e) => editor.setDecayKind(e.currentTarget.value)}
          {...invalid(editor, ['engagement', 'decay', 'kind'])}
        >
          {DECAY_KINDS.map((d) => (
            <option key={d.kind} value={d.kind}>
              {d.label}
            </option>
          ))}
        </select>
        <FieldIssues editor={editor} path={['engagement', 'decay', 'kind']} />
        {kind !== 'none' && <NumberInput editor={editor} path={['engagement', 'decay', 'days']} label="Decay days" />}
        {kind !== 'none' && <span class="muted">days</span>}
      </Field>
    </fieldset>
  );
}

const LIST_TITLE: Record<PropertyList, string> = { industries: 'Target industries', departments: 'Target departments' };

function PropertyRows({ editor, list }: { editor: ScoringModelEditor; list: PropertyList }) {
  const rules = editor.valueAt(['fit', list]);
  const count = Array.isArray(rules) ? Math.max(1, rules.length) : 1;
  return (
    <>
      {Array.from({ length: count }, (_, i) => {
        const label = editor.valueAt(['fit', list, i, 'label']);
        const name = i === 0 ? LIST_TITLE[list] : `${LIST_TITLE[list]} (${typeof label === 'string' ? label : `rule ${i + 1}`})`;
        const values: Path = ['fit', list, i, 'values'];
        return (
          <Field key={i} label={name}>
            <input
              type="text"
              class="sm-list"
              id={idOf(values)}
              aria-label={name}
              placeholder={list === 'industries' ? 'Logistics, Retail' : 'Operations, Finance'}
              value={editor.textAt(values)}
              onInput={(e) => editor.editPropertyValues(list, i, e.currentTarget.value)}
              {...invalid(editor, values)}
            />
            <FieldIssues editor={editor} path={values} />
            <NumberInput
              editor={editor}
              path={['fit', list, i, 'points']}
              label={`Points: ${name}`}
              onInput={(t) => editor.editPropertyPoints(list, i, t)}
            />
            <span class="muted">points</span>
          </Field>
        );
      })}
    </>
  );
}

function DomainRow({ editor, list, name, pointsLabel }: { editor: ScoringModelEditor; list: 'freeMail' | 'competitors'; name: string; pointsLabel: string }) {
  const domains: Path = ['fit', 'emailDomains', list, 'domains'];
  return (
    <Field label={name}>
      <input
        type="text"
        class="sm-list"
        id={idOf(domains)}
        aria-label={name}
        placeholder="example.com, example.org"
        value={editor.textAt(domains)}
        onInput={(e) => editor.editList(domains, e.currentTarget.value)}
        {...invalid(editor, domains)}
      />
      <FieldIssues editor={editor} path={domains} />
      <NumberInput editor={editor} path={['fit', 'emailDomains', list, 'points']} label={pointsLabel} />
      <span class="muted">points</span>
    </Field>
  );
}

function Fit({ editor }: { editor: ScoringModelEditor }) {
  return (
    <fieldset>
      <legend>Fit</legend>
      <div class="sm-grid">
        {SENIORITY_FIELDS.map(({ key, label }) => (
          <Field key={key} label={label}>
            <NumberInput editor={editor} path={['fit', 'seniority', key]} label={`Points for seniority ${label}`} />
          </Field>
        ))}
      </div>
      <p class="muted">Comma-separated lists; compared without regard to case or spelling of plurals.</p>
      <PropertyRows editor={editor} list="industries" />
      <PropertyRows editor={editor} list="departments" />
      <DomainRow editor={editor} list="freeMail" name="Free-mail domains" pointsLabel="Points for free-mail addresses only" />
      <DomainRow editor={editor} list="competitors" name="Competitor domains" pointsLabel="Points for competitor domains" />
    </fieldset>
  );
}

/** The parts of the model a marketer changes most; everything else is in the JSON view. */
export function ScoringModelForm({ editor }: { editor: ScoringModelEditor }) {
  const syntax = editor.syntax.value;
  const others = editor.otherIssues.value;
  return (
    <div class="sm-form">
      {syntax && (
        <p class="error" role="alert">
          The JSON has a syntax error at line {syntax.line}: fix it in the JSON view first.
        </p>
      )}
      {others.length > 0 && (
        <div class="error" role="alert" aria-label="Other scoring model problems">
          Also to fix, in the JSON view:
          <ul>
            {others.map((i) => (
              <li key={`${i.path}:${i.message}`}>
                {i.path || 'model'}: {i.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <fieldset class="sm-plain" disabled={syntax !== null}>
        <MqlRule editor={editor} />
        <Engagement editor={editor} />
        <Fit editor={editor} />
      </fieldset>
    </div>
  );
}
