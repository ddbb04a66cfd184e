import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { THREAD_URL, launchLens } from '../../scripts/lens-browser.mjs';

const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');

let userDataDir: string;
let context: BrowserContext;
let extensionId: string;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  userDataDir = await mkdtemp(join(tmpdir(), 'lens-scoring-'));
  ({ context, extensionId } = await launchLens({ userDataDir }));
});

afterAll(async () => {
  await context?.close();
  await rm(userDataDir, { recursive: true, force: true });
});

const sidebar = (page: Page) => page.getByRole('complementary', { name: 'Smarketing Lens' });
const leadScore = (page: Page): Locator =>
  sidebar(page).locator('section').filter({ has: page.getByRole('heading', { name: 'Lead score', exact: true }) });

interface Seen {
  score: number;
  /** The points of the "Submitted a form" line of "Why this score". */
  formPoints: number;
  why: string;
}

/** Opens Dana's thread in Gmail and reads her score and its explanation from the sidebar. */
async function danaInGmail(screenshot?: string): Promise<Seen> {
  const page = await context.newPage();
  await page.goto(THREAD_URL.dana);
  await expect.poll(() => sidebar(page).getByText('Dana Whitfield', { exact: true }).count(), { timeout: 15_000 }).toBe(1);
  const section = leadScore(page);
  const label = await section.getByLabel(/^Score \d+ out of 100$/).getAttribute('aria-label');
  await section.locator('summary').filter({ hasText: 'Why this score' }).click();
  const why = (await section.locator('details.why').textContent()) ?? '';
  const line = (await section.locator('.reasons-list li').filter({ hasText: /Submitted a form$/ }).textContent()) ?? '';
  if (screenshot) await page.screenshot({ path: join(ARTIFACTS, screenshot) });
  await page.close();
  return { score: Number(/Score (\d+)/.exec(label ?? '')?.[1]), formPoints: Number(/^\+(\d+)/.exec(line.trim())?.[1]), why };
}

/** The scoring model stored in the extension's database (read from an extension page: the store belongs to its origin). */
async function storedModel(page: Page): Promise<unknown> {
  return page.evaluate(
    () =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('smarketing-lens');
        open.addEventListener('error', () => reject(open.error));
        open.addEventListener('success', () => {
          const db = open.result;
          const req = db.transaction('meta', 'readonly').objectStore('meta').get('scoringModel');
          req.addEventListener('success', () => {
            db.close();
            resolve((req.result as { value?: unknown } | undefined)?.value ?? null);
          });
          req.addEventListener('error', () => reject(req.error));
        });
      }),
  );
}

async function openScoringModel(): Promise<{ options: Page; section: Locator }> {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const section = options.locator('section').filter({ has: options.getByRole('heading', { name: 'Lead scoring model', exact: true }) });
  await section.getByText('In force:').waitFor();
  return { options, section };
}

describe('editing the lead scoring model on the options page', () => {
  let before: Seen;

  it('starts from the default model: Dana is a well-scored MQL under the SLA’s threshold', async () => {
    before = await danaInGmail();
    expect(before.score).toBeGreaterThanOrEqual(70);
    expect(before.formPoints).toBeGreaterThan(4);
    expect(before.why).toContain('An MQL scores 60 or more (the SLA’s threshold) with fit grade C or better.');
  });

  it('shows an invalid JSON edit in place, line by line, and saves nothing', async () => {
    const { options, section } = await openScoringModel();
    await section.getByRole('button', { name: 'JSON', exact: true }).click();
    const textarea = section.getByRole('textbox', { name: 'Scoring model JSON', exact: true });
    const text = await textarea.inputValue();
    const lines = text.split('\n');

    // A value out of range: listed with its path and the line it is on.
    const maxLine = lines.findIndex((l) => l.includes('"max": 50'));
    await textarea.fill(text.replace('"max": 50', '"max": 500'));
    const problems = section.getByRole('alert', { name: 'Scoring model JSON problems' });
    await problems.getByText(`Line ${maxLine + 1} fit.max: must be at most 100`).waitFor();

    // A syntax error: line and column.
    const broken = [...lines];
    broken[maxLine] = broken[maxLine]!.replace(',', '');
    await textarea.fill(broken.join('\n'));
    const column = broken[maxLine + 1]!.search(/\S/) + 1;
    await problems.getByText(`Line ${maxLine + 2}, column ${column} JSON syntax error: unexpected '"': is a comma missing before it?`).waitFor();
    await options.screenshot({ path: join(ARTIFACTS, 'options-scoring-model-json-error.png'), fullPage: true });

    await section.getByRole('button', { name: 'Save scoring model' }).click();
    await section.getByRole('alert').getByText('1 problem to fix first (marked below). Nothing was saved.').waitFor();
    expect(await storedModel(options)).toBeNull();

    // The form shows the same kind of problem next to its field.
    await textarea.fill(text);
    await section.getByRole('button', { name: 'Form', exact: true }).click();
    const points = section.getByLabel('Points: Opened an email');
    await points.fill('0');
    expect(await points.getAttribute('aria-invalid')).toBe('true');
    const errorId = (await points.getAttribute('aria-describedby'))!;
    expect(await section.locator(`[id="${errorId}"]`).textContent()).toBe('must not be zero: leave the event type out instead');
    await section.getByRole('button', { name: 'Save scoring model' }).click();
    await section.getByRole('alert').getByText('1 problem to fix first (marked below). Nothing was saved.').waitFor();
    expect(await storedModel(options)).toBeNull();
    await options.close();

    // Nothing changed for the rep either.
    expect(await danaInGmail()).toMatchObject({ score: before.score, formPoints: before.formPoints });
  });

  it('saves a higher MQL threshold and fewer points for a form; the Gmail sidebar scores with them at once', async () => {
    const { options, section } = await openScoringModel();
    expect(await section.getByLabel('MQL threshold').inputValue()).toBe('sla');
    await section.getByLabel('MQL threshold').selectOption('score');
    await section.getByLabel('MQL score threshold').fill('90');
    await section.getByLabel('Points: Submitted a form').fill('4');
    await section.getByRole('button', { name: 'Save scoring model' }).click();
    await section.getByRole('status').getByText('Scoring model saved. The sidebar scores with it from now on.').waitFor();
    expect(await section.textContent()).toContain('In force: a model saved here or carried by a marketing pack.');
    expect(await storedModel(options)).toMatchObject({ mql: { scoreThreshold: 90 }, engagement: { rules: { form_submit: { points: 4 } } } });
    await options.screenshot({ path: join(ARTIFACTS, 'options-scoring-model.png'), fullPage: true });

    const after = await danaInGmail('sidebar-scoring-model-saved.png');
    expect(after.formPoints).toBe(4);
    expect(after.score).toBe(before.score - (before.formPoints - 4));
    // ~80 is below 90: by this model Dana would no longer qualify, and "why this score" says the rule.
    expect(after.score).toBeLessThan(90);
    expect(after.why).toContain('An MQL scores 90 or more with fit grade C or better.');
    expect(after.why).not.toContain('SLA’s threshold');

    // Back to the default: the sidebar scores as before.
    await section.getByRole('button', { name: 'Reset to default' }).click();
    await section.getByRole('status').getByText('Back to the default scoring model. The sidebar scores with it from now on.').waitFor();
    expect(await storedModel(options)).toBeNull();
    expect(await section.getByLabel('MQL threshold').inputValue()).toBe('sla');
    await options.close();
    expect(await danaInGmail()).toMatchObject({ score: before.score, formPoints: before.formPoints });
  });
});
