/**
 * Where things are in a JSON text, for errors that name a line: a marketing pack's issues (pack.ts) and the scoring
 * model's JSON view (lib/options/scoring-model.ts). A second, small scan of a text JSON.parse accepted, rather than a
 * parser with positions: it runs only when there is something to point at.
 */

/** ["content", 3, "url"] → "content[3].url": a path as people read it. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** The 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/**
 * Where the value at each path starts (paths as formatPath writes them; '' is the root). A later duplicate key wins,
 * as in JSON.parse. Nesting too deep for the stack ends the scan with what was found.
 */
export function jsonValueOffsets(text: string): Map<string, number> {
  const found = new Map<string, number>();
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const string = (): string => {
    const start = i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: readonly PropertyKey[]): void => {
    ws();
    found.set(formatPath(path), i);
    const ch = text[i];
    if (ch === '{' || ch === '[') {
      const close = ch === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) return void i++;
      for (let n = 0; i < text.length; n++) {
        ws();
        if (ch === '{') {
          const key = string();
          ws();
          i++; // the colon
          value([...path, key]);
        } else value([...path, n]);
        ws();
        if (text[i++] === close) return;
      }
      return;
    }
    if (ch === '"') return void string();
    while (i < text.length && !',}] \t\n\r'.includes(text[i]!)) i++;
  };
  try {
    value([]);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
  }
  return found;
}

/** The offset of the value at `path`, or of its nearest enclosing value that is there (a missing key belongs to its object). */
export function offsetOf(offsets: ReadonlyMap<string, number>, path: readonly PropertyKey[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const offset = offsets.get(formatPath(path.slice(0, n)));
    if (offset !== undefined) return offset;
  }
  return undefined;
}

/** The value at `path` in a parsed JSON value, if it is there. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let here = root;
  for (const key of path) {
    if (typeof here !== 'object' || here === null || typeof key === 'symbol' || !Object.hasOwn(here, key)) return undefined;
    here = (here as Record<string | number, unknown>)[key];
  }
  return here;
}
