import { z } from 'zod';
import { DATASET_FIELDS, checkDatasetReferences } from '../model/dataset';
import { formatPath, jsonValueOffsets, lineColumn, offsetOf, valueAt } from './json-position';
import { issueValue } from './text';

export { formatPath };
import { ImportError } from './types';

/**
 * Marketing packs: the JSON marketing publishes (personas, content, campaigns, scoring model, SLA), validated with the
 * dataset's fields and cross-reference check. A pack need not carry people: `contacts` and `events` default to [].
 * The defaults are part of the schema (not a preprocess step) so that the published JSON Schema, generated from this
 * one (pack-schema.ts, `npm run schema`), says they are optional.
 */

export const PACK_VERSION = 1;

/** A pack as marketing writes it: a MarketingDataset whose contacts and events may be left out. */
export const MarketingPack = z
  .object({
    ...DATASET_FIELDS,
    contacts: DATASET_FIELDS.contacts.default([]),
    events: DATASET_FIELDS.events.default([]),
  })
  .superRefine(checkDatasetReferences);
export type MarketingPack = z.infer<typeof MarketingPack>;

/**
 * Where in the pack ("content[3].url") and what is wrong there. When the pack was read from a file (readPack, or
 * parsePack with a file name), also the file, the line and column the value starts at (of the enclosing object when
 * the value is missing) and the value itself as JSON, cut to 200 characters.
 */
export interface PackIssue {
  path: string;
  reason: string;
  file?: string;
  line?: number;
  column?: number;
  value?: string;
}

export type PackResult =
  | { ok: true; pack: MarketingPack; counts: Record<'campaigns' | 'personas' | 'content' | 'contacts' | 'events', number> }
  | { ok: false; errors: PackIssue[] };

/** Reads a pack file: UTF-8 (a byte order mark is fine), JSON, then the schema. */
export async function readPack(input: Blob | string, file = 'pack.json'): Promise<PackResult> {
  if (typeof input === 'string') return parsePack(input, file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await input.arrayBuffer());
  } catch (error) {
    if (error instanceof TypeError) return { ok: false, errors: [{ path: '', reason: 'is not UTF-8 text: a marketing pack is a UTF-8 JSON file' }] };
    throw new ImportError('read-failed', `The file could not be read (${error instanceof Error ? error.message : String(error)}).`, file);
  }
  return parsePack(text, file);
}

/** Parses and validates a pack's text; with `file`, every issue also says where in that file it is (see PackIssue). */
export function parsePack(text: string, file?: string): PackResult {
  const body = text.replace(/^\ufeff/, '');
  if (body.trim() === '') return { ok: false, errors: [{ path: '', reason: 'is empty', ...(file === undefined ? {} : { file }) }] };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    const problem = jsonProblem(body, error);
    const issue: PackIssue = { path: '', reason: `is not valid JSON: ${problem.message}` };
    if (file !== undefined) Object.assign(issue, { file }, problem.at);
    return { ok: false, errors: [issue] };
  }
  const result = validate(value);
  if (result.ok) return result;
  if (file === undefined) return { ok: false, errors: result.errors.map(({ raw: _, ...issue }) => issue) };
  return { ok: false, errors: locate(body, value, file, result.errors) };
}

export function validatePack(value: unknown): PackResult {
  const result = validate(value);
  return result.ok ? result : { ok: false, errors: result.errors.map(({ raw: _, ...issue }) => issue) };
}

type RawIssue = PackIssue & { raw: readonly PropertyKey[] };

function validate(value: unknown): Extract<PackResult, { ok: true }> | { ok: false; errors: RawIssue[] } {
  const at = (raw: readonly PropertyKey[], reason: string): RawIssue => ({ path: formatPath(raw), reason, raw });
  if (!isRecord(value)) return { ok: false, errors: [at([], 'must be a JSON object with "version": 1')] };
  // The version is checked first: a newer pack would otherwise drown in errors about fields this Lens does not know.
  if (!('version' in value)) return { ok: false, errors: [at(['version'], `is missing: a marketing pack starts with "version": ${PACK_VERSION}`)] };
  if (value.version !== PACK_VERSION)
    return {
      ok: false,
      errors: [
        at(
          ['version'],
          typeof value.version === 'number' && value.version > PACK_VERSION
            ? `is ${value.version}, newer than this Lens reads (${PACK_VERSION}): update the extension`
            : `is ${JSON.stringify(value.version)}, but this Lens reads version ${PACK_VERSION}`,
        ),
      ],
    };
  const parsed = MarketingPack.safeParse(value);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((issue) => at(issue.path, issue.message)) };
  const pack = parsed.data;
  return {
    ok: true,
    pack,
    counts: {
      campaigns: pack.campaigns.length,
      personas: pack.personas.length,
      content: pack.content.length,
      contacts: pack.contacts.length,
      events: pack.events.length,
    },
  };
}


/**
 * Adds the file, line, column and value to each issue. The place is that of the value at the issue's path or, for a
 * value that is missing, of the nearest enclosing one found (a missing "url" points at its content item).
 */
function locate(text: string, pack: unknown, file: string, issues: readonly RawIssue[]): PackIssue[] {
  const offsets = jsonValueOffsets(text);
  return issues.map(({ raw, ...issue }) => {
    const located: PackIssue = { ...issue, file };
    const offset = offsetOf(offsets, raw);
    if (offset !== undefined) Object.assign(located, lineColumn(text, offset));
    const value = valueAt(pack, raw);
    if (value !== undefined) located.value = issueValue(typeof value === 'string' ? value : JSON.stringify(value));
    return located;
  });
}


/**
 * The parser's message with the line and column of the problem. Engines differ on whether (and how) they say where it
 * is, so the place comes from a small scan of our own, run only on failure.
 */
function jsonProblem(text: string, error: unknown): { message: string; at?: { line: number; column: number } } {
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ');
  const offset = jsonErrorOffset(text);
  if (offset === undefined) return { message };
  const at = lineColumn(text, offset);
  return { message: `${message.replace(/\s*\(line \d+ column \d+\)$/, '')} (line ${at.line}, column ${at.column})`, at };
}

/** Where a JSON text first stops being JSON (RFC 8259 grammar), or undefined when it is valid. */
export function jsonErrorOffset(text: string): number | undefined {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      const ch = text.charCodeAt(i);
      if (ch < 0x20) fail();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  const number = () => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail();
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail();
      }
    }
    if (ch === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail();
      }
    }
    if (ch === '"') return string();
    if (ch === 't') return literal('true');
    if (ch === 'f') return literal('false');
    if (ch === 'n') return literal('null');
    return number();
  };
  try {
    value();
    ws();
    return i < text.length ? i : undefined;
  } catch (at) {
    if (typeof at === 'number') return Math.min(at, text.length);
    throw at;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
