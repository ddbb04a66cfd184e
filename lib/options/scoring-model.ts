import { computed, signal } from '@preact/signals';
import type { z } from 'zod';
import { formatPath, jsonErrorOffset } from '../importers/pack';
import { jsonValueOffsets, lineColumn, offsetOf, valueAt } from '../importers/json-position';
import type { RequestFn } from '../messaging/client';
import { createActions } from './action';
import type { ScoringModelView } from '../messaging/protocol';
import { EventType } from '../model/marketing';
import { Seniority } from '../model/contact';
import { ScoringModel, type Decay } from '../model/scoring';

/**
 * The options page's editor of the lead-scoring model: one draft (plain JSON), edited through the form or as JSON text,
 * validated with ScoringModel on every change. Every problem is placed: next to the form field it belongs to, and for
 * the JSON view with the line of the JSON where its path is. Nothing is sent while there is a problem.
 */

export type PathPart = string | number;
export type Path = readonly PathPart[];

export interface ModelIssue {
  /** Where, as in pack errors: "fit.industries[0].values". */
  path: string;
  parts: Path;
  message: string;
  /** The line of the JSON view where the path (or, when it is missing, its nearest parent) is. */
  line: number;
}

export interface JsonSyntaxProblem {
  line: number;
  column: number;
  message: string;
}

export const SENIORITY_FIELDS: ReadonlyArray<{ key: Seniority; label: string }> = [
  { key: 'c_level', label: 'C-level' },
  { key: 'owner', label: 'Owner / founder' },
  { key: 'vp', label: 'VP / head of' },
  { key: 'director', label: 'Director' },
  { key: 'manager', label: 'Manager' },
  { key: 'individual', label: 'Individual contributor' },
];
export const EVENT_TYPES: readonly EventType[] = EventType.options;
export const DECAY_KINDS: ReadonlyArray<{ kind: Decay['kind']; label: string }> = [
  { kind: 'half_life', label: 'Half-life' },
  { kind: 'linear', label: 'Linear (fades to nothing)' },
  { kind: 'window', label: 'Rolling window' },
  { kind: 'none', label: 'No decay' },
];
export const RULE_FIELDS = ['points', 'capPerType', 'capPerDay'] as const;
export type RuleField = (typeof RULE_FIELDS)[number];

/** Property-rule lists the form edits as comma lists, with the label a new rule gets. */
export const PROPERTY_LISTS = { industries: 'Target industry', departments: 'Buying department' } as const;
export type PropertyList = keyof typeof PROPERTY_LISTS;
export const DOMAIN_LISTS = ['freeMail', 'competitors'] as const;
export type DomainList = (typeof DOMAIN_LISTS)[number];

/** A stable key for a path: DOM ids and maps. */
export const pathKey = (path: Path) => path.map(String).join('.');

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);


/** A copy of `root` with `value` at `path` (undefined removes the key); missing parents are created as objects. */
function setAt(root: unknown, path: Path, value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (Array.isArray(root) && typeof head === 'number') {
    const copy = [...root];
    copy[head] = setAt(root[head], rest, value);
    return copy;
  }
  const copy: Record<string, unknown> = isObject(root) ? { ...root } : {};
  const next = setAt(copy[String(head)], rest, value);
  if (next === undefined) delete copy[String(head)];
  else copy[String(head)] = next;
  return copy;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const article = (word: string) => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);

/** Plainer words than zod's defaults; the schema's own messages ("needs A > B > C") are kept as they are. */
const messages: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `is missing: it must be ${article(issue.expected)}` : `must be ${article(issue.expected)}`;
    case 'too_big':
      return issue.origin === 'number' ? `must be at most ${String(issue.maximum)}` : undefined;
    case 'too_small':
      return issue.origin === 'number' ? (issue.inclusive ? `must be at least ${String(issue.minimum)}` : `must be more than ${String(issue.minimum)}`) : undefined;
    case 'unrecognized_keys':
      return `${issue.keys.map((k) => `"${k}"`).join(', ')} ${issue.keys.length === 1 ? 'is' : 'are'} not known here`;
    default:
      return undefined;
  }
};

/** Keys in the draft that parsing dropped: a typo ("scoreTreshold") must not be saved as if it were a setting. */
function unknownKeys(input: unknown, output: unknown, path: PathPart[], out: Array<{ parts: Path; message: string }>) {
  if (Array.isArray(input) && Array.isArray(output)) input.forEach((item, i) => unknownKeys(item, output[i], [...path, i], out));
  else if (isObject(input) && isObject(output))
    for (const key of Object.keys(input)) {
      if (Object.hasOwn(output, key)) unknownKeys(input[key], output[key], [...path, key], out);
      else out.push({ parts: [...path, key], message: `"${key}" is not a setting of the scoring model` });
    }
}

export function checkModel(draft: unknown): { model?: ScoringModel; issues: Array<{ parts: Path; message: string }> } {
  const parsed = ScoringModel.safeParse(draft, { error: messages });
  if (!parsed.success)
    return {
      issues: parsed.error.issues.map((issue) => {
        const parts = issue.path.filter((p): p is PathPart => typeof p !== 'symbol');
        // Place an unknown key at the key itself, not at the object holding it.
        if (issue.code === 'invalid_union' && parts.at(-1) === 'scoreThreshold') return { parts, message: 'must be "sla" or a whole number from 1 to 100' };
        return { parts: issue.code === 'unrecognized_keys' && issue.keys.length === 1 ? [...parts, issue.keys[0]!] : parts, message: issue.message };
      }),
    };
  const issues: Array<{ parts: Path; message: string }> = [];
  unknownKeys(draft, parsed.data, [], issues);
  return issues.length > 0 ? { issues } : { model: parsed.data, issues };
}

/** Parses the JSON view's text; a syntax problem says where (line and column) and what was found there. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; problem: JsonSyntaxProblem } {
  const offset = jsonErrorOffset(text);
  if (offset === undefined) {
    try {
      return { ok: true, value: JSON.parse(text) as unknown };
    } catch (error) {
      return { ok: false, problem: { line: 1, column: 1, message: error instanceof Error ? error.message : String(error) } };
    }
  }
  const { line, column } = lineColumn(text, offset);
  const found = text[offset];
  const previous = text.slice(0, offset).trimEnd().at(-1);
  const message =
    found === undefined
      ? 'the JSON ends too early (a missing "}" or "]"?)'
      : found === '"' && previous !== undefined && !'{[,:'.includes(previous)
        ? `unexpected '"': is a comma missing before it?`
        : (found === '}' || found === ']') && previous === ','
          ? `unexpected '${found}': is there a comma too many before it?`
          : `unexpected '${found}'`;
  return { ok: false, problem: { line, column, message } };
}

const stringify = (value: unknown) => JSON.stringify(value, null, 2);
const isPrefix = (prefix: Path, path: Path) => prefix.length <= path.length && prefix.every((p, i) => p === path[i]);
const splitList = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
/** A number input's text: empty → left out; a number → that number; anything else kept, to be reported. */
const numberOf = (text: string): unknown => (text.trim() === '' ? undefined : Number.isFinite(Number(text)) ? Number(text) : text);

/** Every path the form has an input for, given the draft (its property rules are one row each). */
export function formFieldPaths(draft: unknown): Path[] {
  const paths: Path[] = [
    ['mql', 'scoreThreshold'],
    ['mql', 'minFitGrade'],
    ['engagement', 'decay', 'kind'],
    ['engagement', 'decay', 'days'],
  ];
  for (const type of EVENT_TYPES) for (const field of RULE_FIELDS) paths.push(['engagement', 'rules', type, field]);
  for (const { key } of SENIORITY_FIELDS) paths.push(['fit', 'seniority', key]);
  for (const list of Object.keys(PROPERTY_LISTS) as PropertyList[]) {
    const rules = valueAt(draft, ['fit', list]);
    const count = Array.isArray(rules) ? Math.max(1, rules.length) : 1;
    for (let i = 0; i < count; i++) paths.push(['fit', list, i, 'values'], ['fit', list, i, 'points']);
  }
  for (const list of DOMAIN_LISTS) paths.push(['fit', 'emailDomains', list, 'domains'], ['fit', 'emailDomains', list, 'points']);
  return paths;
}

/** The options page's scoring-model section: state and actions; the components only render it. */
export function createScoringModelEditor(request: RequestFn) {
  const draft = signal<unknown>(undefined);
  const jsonText = signal('');
  const syntax = signal<JsonSyntaxProblem | null>(null);
  /** What the user typed in form fields, by pathKey, so "Retail, " or "1." stay as typed while the draft holds the value. */
  const typed = signal<Record<string, string>>({});
  const view = signal<'form' | 'json'>('form');
  const isDefault = signal(true);
  const loaded = signal(false);
  const { busy, notice, act } = createActions();

  const checked = computed(() => checkModel(draft.value));
  const offsets = computed(() => (syntax.value ? new Map<string, number>() : jsonValueOffsets(jsonText.value)));
  /** Validation problems of the draft; none while the JSON has a syntax error (the draft is then the last valid one). */
  const issues = computed<ModelIssue[]>(() =>
    syntax.value ? [] : checked.value.issues.map((i) => ({ path: formatPath(i.parts), parts: i.parts, message: i.message, line: lineColumn(jsonText.value, offsetOf(offsets.value, i.parts) ?? 0).line })),
  );
  const fieldPaths = computed(() => formFieldPaths(draft.value));
  /** Problems no form field shows (they are listed above the form). */
  const otherIssues = computed(() => issues.value.filter((i) => !fieldPaths.value.some((f) => isPrefix(f, i.parts))));
  const problemCount = computed(() => (syntax.value ? 1 : issues.value.length));

  const show = (answer: ScoringModelView) => {
    draft.value = answer.model;
    jsonText.value = stringify(answer.model);
    syntax.value = null;
    typed.value = {};
    isDefault.value = answer.isDefault;
    loaded.value = true;
  };
  const edit = (path: Path, value: unknown, text?: string) => {
    let next = setAt(draft.value, path, value);
    // An engagement rule left with nothing in it is no rule: the event type does not count.
    if (path[0] === 'engagement' && path[1] === 'rules' && path.length === 4) {
      const rule = valueAt(next, path.slice(0, 3));
      if (isObject(rule) && Object.keys(rule).length === 0) next = setAt(next, path.slice(0, 3), undefined);
    }
    draft.value = next;
    jsonText.value = stringify(next);
    typed.value = text === undefined ? typed.value : { ...typed.value, [pathKey(path)]: text };
    notice.value = null;
  };

  return {
    draft,
    jsonText,
    syntax,
    view,
    isDefault,
    loaded,
    busy,
    notice,
    issues,
    otherIssues,
    problemCount,
    /** The value at a path of the draft. */
    valueAt: (path: Path) => valueAt(draft.value, path),
    /** What a form field shows: the text as typed, or the draft's value. */
    textAt(path: Path): string {
      const text = typed.value[pathKey(path)];
      if (text !== undefined) return text;
      const value = valueAt(draft.value, path);
      if (Array.isArray(value)) return value.join(', ');
      return value === undefined || value === null ? '' : String(value);
    },
    /** Problems shown next to the form field at `path` (at it or below it). */
    issuesAt: (path: Path) => issues.value.filter((i) => isPrefix(path, i.parts)),

    load: () => act(async () => show(await request('scoring.get', {}))),
    setView(next: 'form' | 'json') {
      view.value = next;
    },
    editNumber(path: Path, text: string) {
      edit(path, numberOf(text), text);
    },
    editList(path: Path, text: string) {
      edit(path, splitList(text), text);
    },
    /** A target-industry or department row; a list with no rule yet gets one with the usual label and 10 points. */
    editPropertyValues(list: PropertyList, index: number, text: string) {
      if (valueAt(draft.value, ['fit', list, index]) === undefined) edit(['fit', list, index], { label: PROPERTY_LISTS[list], values: [], points: 10 });
      edit(['fit', list, index, 'values'], splitList(text), text);
    },
    editPropertyPoints(list: PropertyList, index: number, text: string) {
      if (valueAt(draft.value, ['fit', list, index]) === undefined) edit(['fit', list, index], { label: PROPERTY_LISTS[list], values: [], points: 10 });
      edit(['fit', list, index, 'points'], numberOf(text), text);
    },
    editChoice(path: Path, value: string) {
      edit(path, value);
    },
    /** The MQL score threshold as a number; left empty it is not "the SLA's" (a choice of its own) but a problem. */
    editThreshold(text: string) {
      edit(['mql', 'scoreThreshold'], text.trim() === '' ? null : numberOf(text), text);
    },
    /** "sla" or a score of at least N (the last number shown, else 60). */
    setThresholdKind(kind: 'sla' | 'score') {
      const current = valueAt(draft.value, ['mql', 'scoreThreshold']);
      if (kind === 'sla') edit(['mql', 'scoreThreshold'], 'sla', '');
      else if (typeof current !== 'number') edit(['mql', 'scoreThreshold'], 60, '60');
    },
    setDecayKind(kind: string) {
      const days = valueAt(draft.value, ['engagement', 'decay', 'days']);
      edit(['engagement', 'decay'], kind === 'none' ? { kind } : { kind, days: typeof days === 'number' ? days : 30 });
      typed.value = { ...typed.value, [pathKey(['engagement', 'decay', 'days'])]: kind === 'none' ? '' : String(typeof days === 'number' ? days : 30) };
    },
    /** The JSON view's text; a valid text becomes the draft (and the form shows it). */
    editJson(text: string) {
      jsonText.value = text;
      notice.value = null;
      const parsed = parseJson(text);
      if (!parsed.ok) {
        syntax.value = parsed.problem;
        return;
      }
      syntax.value = null;
      draft.value = parsed.value;
      typed.value = {};
    },
    save: () =>
      act(async () => {
        const model = syntax.value ? undefined : checked.value.model;
        if (!model) {
          notice.value = { kind: 'error', text: `${plural(problemCount.value, 'problem')} to fix first (marked below). Nothing was saved.` };
          return;
        }
        show(await request('scoring.save', { model }));
        notice.value = { kind: 'ok', text: 'Scoring model saved. The sidebar scores with it from now on.' };
      }),
    reset: () =>
      act(async () => {
        show(await request('scoring.reset', {}));
        notice.value = { kind: 'ok', text: 'Back to the default scoring model. The sidebar scores with it from now on.' };
      }),
  };
}

export type ScoringModelEditor = ReturnType<typeof createScoringModelEditor>;
