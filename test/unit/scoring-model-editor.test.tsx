import { render } from 'preact';
import { act } from 'preact/test-utils';
import { ScoringModelSection } from '../../components/options/ScoringModel';
import { DEFAULT_SCORING_MODEL } from '../../lib/engine/scoring';
import type { RequestFn } from '../../lib/messaging/client';
import type { ScoringModelView } from '../../lib/messaging/protocol';
import type { ScoringModel } from '../../lib/model';
import { jsonValueOffsets, lineColumn } from '../../lib/importers/json-position';
import { createScoringModelEditor, parseJson } from '../../lib/options/scoring-model';

/** A fake background: remembers what was saved, answers like the real handlers. */
function setup() {
  let stored: ScoringModel | undefined;
  const sent: Array<{ type: string; payload: Record<string, unknown> }> = [];
  const view = (): ScoringModelView => (stored ? { model: stored, isDefault: false } : { model: DEFAULT_SCORING_MODEL, isDefault: true });
  const request = (async (type: string, payload: Record<string, unknown>) => {
    sent.push({ type, payload });
    if (type === 'scoring.save') stored = structuredClone(payload.model as ScoringModel);
    if (type === 'scoring.reset') stored = undefined;
    return view();
  }) as RequestFn;
  const editor = createScoringModelEditor(request);
  const root = document.createElement('div');
  document.body.append(root);
  const q = <T extends Element>(selector: string) => root.querySelector<T>(selector);
  const byLabel = <T extends HTMLElement>(label: string) => {
    const el = q<T>(`[aria-label="${label}"]`);
    if (!el) throw new Error(`no control labelled "${label}"`);
    return el;
  };
  const type = (label: string, value: string) =>
    act(() => {
      const el = byLabel<HTMLInputElement | HTMLTextAreaElement>(label);
      el.value = value;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
  const choose = (label: string, value: string) =>
    act(() => {
      const el = byLabel<HTMLSelectElement>(label);
      el.value = value;
      el.dispatchEvent(new Event('change', { bubbles: true }));
    });
  const click = (text: string) =>
    act(async () => {
      const button = [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === text);
      if (!button) throw new Error(`no button "${text}"`);
      button.click();
      await new Promise((resolve) => setTimeout(resolve, 0)); // let the request answer
    });
  const saves = () => sent.filter((s) => s.type === 'scoring.save');
  const errorOf = (label: string) => {
    const id = byLabel(label).getAttribute('aria-describedby');
    return id ? root.querySelector(`#${id}`)?.textContent : undefined;
  };
  return { editor, root, q, byLabel, type, choose, click, saves, sent, errorOf, stored: () => stored };
}

async function mounted() {
  const t = setup();
  await act(() => render(<ScoringModelSection editor={t.editor} />, t.root));
  await act(() => t.editor.load());
  return t;
}

describe('scoring model editor', () => {
  it('shows the model in force in the form, and a form edit becomes the saved model', async () => {
    const t = await mounted();
    expect(t.root.textContent).toContain('In force: Lens’s default model.');
    expect(t.byLabel<HTMLSelectElement>('MQL threshold').value).toBe('sla');
    expect(t.byLabel<HTMLInputElement>('Points: Submitted a form').value).toBe('10');
    expect(t.byLabel<HTMLInputElement>('Target industries').value).toBe('Logistics, Manufacturing, Retail, Healthcare, Financial Services');

    await t.choose('MQL threshold', 'score');
    await t.type('MQL score threshold', '85');
    await t.choose('Minimum fit grade', 'B');
    await t.type('Points: Submitted a form', '4');
    await t.type('Cap per type: Submitted a form', '');
    await t.type('Cap per day: Opened an email', '2');
    await t.type('Points: Unsubscribed', ''); // leaves the event type out
    await t.choose('Decay', 'window');
    await t.type('Decay days', '45');
    await t.type('Points for seniority VP / head of', '20');
    // Typed text stays as typed while the list is being written.
    await t.type('Target industries', 'Logistics, Retail, ');
    expect(t.byLabel<HTMLInputElement>('Target industries').value).toBe('Logistics, Retail, ');
    await t.type('Target departments', 'Operations,Supply Chain');
    await t.type('Competitor domains', 'Rival.example, other-rival.example');
    await t.type('Points for competitor domains', '-40');
    expect(t.editor.problemCount.value).toBe(0);

    await t.click('Save scoring model');
    expect(t.saves()).toHaveLength(1);
    const model = t.saves()[0]!.payload.model as ScoringModel;
    expect(model.mql).toEqual({ scoreThreshold: 85, minFitGrade: 'B' });
    expect(model.engagement.rules.form_submit).toEqual({ points: 4 });
    expect(model.engagement.rules.email_open).toEqual({ points: 1, capPerType: 4, capPerDay: 2 });
    expect(model.engagement.rules.unsubscribe).toBeUndefined();
    expect(model.engagement.decay).toEqual({ kind: 'window', days: 45 });
    expect(model.fit.seniority.vp).toBe(20);
    expect(model.fit.industries[0]).toEqual({ label: 'Target industry', values: ['Logistics', 'Retail'], points: 10 });
    expect(model.fit.departments[0]!.values).toEqual(['Operations', 'Supply Chain']);
    expect(model.fit.emailDomains.competitors).toEqual({ domains: ['rival.example', 'other-rival.example'], points: -40 });
    // Everything the form does not show is kept as it was.
    expect(model.fit.companySize).toEqual(DEFAULT_SCORING_MODEL.fit.companySize);
    expect(model.fitGrades).toEqual(DEFAULT_SCORING_MODEL.fitGrades);

    expect(t.root.querySelector('[role=status]')?.textContent).toBe('Scoring model saved. The sidebar scores with it from now on.');
    expect(t.root.textContent).toContain('In force: a model saved here or carried by a marketing pack.');
    expect(t.byLabel<HTMLInputElement>('Target industries').value).toBe('Logistics, Retail');
  });

  it('shows a form field’s problem next to it, and saves nothing while there is one', async () => {
    const t = await mounted();
    await t.type('Points: Opened an email', '0');
    await t.type('Free-mail domains', 'gmail.com, not a domain');
    await t.choose('MQL threshold', 'score');
    await t.type('MQL score threshold', '150');
    await t.type('Decay days', '');

    expect(t.byLabel('Points: Opened an email').getAttribute('aria-invalid')).toBe('true');
    expect(t.errorOf('Points: Opened an email')).toBe('must not be zero: leave the event type out instead');
    expect(t.errorOf('Free-mail domains')).toBe('is not a domain name like "example.com"');
    expect(t.errorOf('MQL score threshold')).toBe('must be at most 100');
    expect(t.errorOf('Decay days')).toBe('is missing: it must be a number');
    expect(t.byLabel('Points: Clicked an email').getAttribute('aria-invalid')).toBeNull();
    expect(t.root.textContent).toContain('4 problems to fix before saving');

    await t.click('Save scoring model');
    expect(t.saves()).toHaveLength(0);
    expect(t.root.querySelector('section > p[role=alert]')?.textContent).toBe('4 problems to fix first (marked below). Nothing was saved.');

    // Fixed in place, it saves.
    await t.type('Points: Opened an email', '1');
    await t.type('Free-mail domains', 'gmail.com');
    await t.type('MQL score threshold', '70');
    await t.type('Decay days', '30');
    expect(t.root.querySelectorAll('.field-error')).toHaveLength(0);
    await t.click('Save scoring model');
    expect(t.saves()).toHaveLength(1);
  });

  it('lists a model problem the form has no field for above the form', async () => {
    const t = await mounted();
    await t.click('JSON');
    const json = JSON.stringify({ ...DEFAULT_SCORING_MODEL, fitGrades: { A: 20, B: 25, C: 15 } }, null, 2);
    await t.type('Scoring model JSON', json);
    await t.click('Form');
    const others = t.q('[aria-label="Other scoring model problems"]');
    expect(others?.textContent).toContain('fitGrades: needs A > B > C');
  });

  it('shows JSON syntax errors with line and column, and sends nothing', async () => {
    const t = await mounted();
    await t.click('JSON');
    const text = t.byLabel<HTMLTextAreaElement>('Scoring model JSON').value;
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.includes('"max": 50'));
    lines[at] = lines[at]!.replace(',', ''); // a missing comma
    await t.type('Scoring model JSON', lines.join('\n'));
    const problems = t.q('[aria-label="Scoring model JSON problems"]');
    const column = lines[at + 1]!.search(/\S/) + 1;
    expect(problems?.textContent).toBe(`Line ${at + 2}, column ${column} JSON syntax error: unexpected '"': is a comma missing before it?`);
    await t.click('Save scoring model');
    expect(t.saves()).toHaveLength(0);
    // The form says why it cannot be used meanwhile.
    await t.click('Form');
    expect(t.root.textContent).toContain(`The JSON has a syntax error at line ${at + 2}: fix it in the JSON view first.`);

    await t.click('JSON');
    await t.type('Scoring model JSON', '{\n  "version": 1,\n');
    expect(t.q('[aria-label="Scoring model JSON problems"]')?.textContent).toBe('Line 3, column 1 JSON syntax error: the JSON ends too early (a missing "}" or "]"?)');
  });

  it('lists every validation problem of the JSON as "path: message" with the line where that path is', async () => {
    const t = await mounted();
    await t.click('JSON');
    const model = structuredClone(DEFAULT_SCORING_MODEL) as unknown as Record<string, Record<string, unknown>>;
    model.fit!.max = 200;
    (model.engagement!.rules as Record<string, unknown>).email_open = { points: 0 };
    model.mql = { scoreTreshold: 50, minFitGrade: 'C' };
    delete model.engagement!.decay;
    const text = JSON.stringify(model, null, 2);
    await t.type('Scoring model JSON', text);
    const lineOf = (needle: string, from = 0) => text.split('\n').findIndex((l, i) => i >= from && l.includes(needle)) + 1;
    const items = [...t.root.querySelectorAll('[aria-label="Scoring model JSON problems"] li')].map((li) => li.textContent);
    expect(items).toEqual(
      expect.arrayContaining([
        `Line ${lineOf('"max": 200')} fit.max: must be at most 100`,
        `Line ${lineOf('"points": 0', lineOf('"email_open"'))} engagement.rules.email_open.points: must not be zero: leave the event type out instead`,
        // A missing key is placed at the object that should hold it.
        `Line ${lineOf('"engagement"')} engagement.decay: is missing: it must be an object`,
      ]),
    );
    await t.click('Save scoring model');
    expect(t.saves()).toHaveLength(0);

    // Once the types are right, a typo in a key is a problem too: it would otherwise be dropped without a word.
    model.fit!.max = 50;
    (model.engagement!.rules as Record<string, unknown>).email_open = { points: 1 };
    model.engagement!.decay = { kind: 'none' };
    const typo = JSON.stringify(model, null, 2);
    await t.type('Scoring model JSON', typo);
    const typoLine = typo.split('\n').findIndex((l) => l.includes('scoreTreshold')) + 1;
    expect(t.q('[aria-label="Scoring model JSON problems"]')?.textContent).toBe(
      `Line ${typoLine} mql.scoreTreshold: "scoreTreshold" is not a setting of the scoring model`,
    );
    await t.click('Save scoring model');
    expect(t.saves()).toHaveLength(0);

    const fixed = typo.replace('scoreTreshold', 'scoreThreshold');
    await t.type('Scoring model JSON', fixed);
    expect(t.q('[aria-label="Scoring model JSON problems"]')).toBeNull();
    await t.click('Save scoring model');
    expect(t.saves()).toHaveLength(1);
    expect((t.saves()[0]!.payload.model as ScoringModel).mql.scoreThreshold).toBe(50);
    // The JSON edit shows in the form as well.
    await t.click('Form');
    expect(t.byLabel<HTMLInputElement>('MQL score threshold').value).toBe('50');
  });

  it('resets to the default model', async () => {
    const t = await mounted();
    await t.type('Points: Submitted a form', '4');
    await t.click('Save scoring model');
    expect(t.stored()?.engagement.rules.form_submit?.points).toBe(4);
    await t.click('Reset to default');
    expect(t.sent.at(-1)?.type).toBe('scoring.reset');
    expect(t.stored()).toBeUndefined();
    expect(t.byLabel<HTMLInputElement>('Points: Submitted a form').value).toBe('10');
    expect(t.root.textContent).toContain('In force: Lens’s default model.');
    expect(t.root.querySelector('[role=status]')?.textContent).toBe('Back to the default scoring model. The sidebar scores with it from now on.');
  });

  it('shows what the background answered when it refuses', async () => {
    const request = (async (type: string) => {
      if (type === 'scoring.get') return { model: DEFAULT_SCORING_MODEL, isDefault: true };
      throw new Error('Invalid "scoring.save" message: model.fit.max must be at most 100.');
    }) as RequestFn;
    const editor = createScoringModelEditor(request);
    await editor.load();
    await editor.save();
    expect(editor.notice.value).toEqual({ kind: 'error', text: 'Invalid "scoring.save" message: model.fit.max must be at most 100.' });
  });
});

describe('JSON positions', () => {
  it('finds the line of every key and array element', () => {
    const text = '{\n  "a": 1,\n  "b": [\n    {"c": "x\\"}"},\n    2\n  ],\n  "d": {}\n}';
    const offsets = jsonValueOffsets(text);
    const line = (path: string) => lineColumn(text, offsets.get(path)!).line;
    expect(line('')).toBe(1);
    expect(line('a')).toBe(2);
    expect(line('b')).toBe(3);
    expect(line('b[0]')).toBe(4);
    expect(line('b[0].c')).toBe(4);
    expect(line('b[1]')).toBe(5);
    expect(line('d')).toBe(7);
    expect(parseJson(text)).toEqual({ ok: true, value: { a: 1, b: [{ c: 'x"}' }, 2], d: {} } });
  });

  it('says where a syntax error is', () => {
    expect(parseJson('{\n  "a": 1,\n}')).toEqual({ ok: false, problem: { line: 3, column: 1, message: "unexpected '}': is there a comma too many before it?" } });
    expect(parseJson('{"a": tru}')).toEqual({ ok: false, problem: { line: 1, column: 7, message: "unexpected 't'" } });
    expect(parseJson('')).toMatchObject({ ok: false, problem: { line: 1, column: 1 } });
  });
});
