import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { THREAD_URL, launchLens } from '../scripts/lens-browser.mjs';

/**
 * What Lens costs the host page, measured in real Chromium on the Gmail fixtures (the built extension; run
 * `npm run build` first — `npm run bench` does). A trace gives the CPU time of the calls into the content script
 * (robust on a shared machine); the V8 sampling profiler attributes main-thread time to the content script's URL
 * (wall-clock samples, so it moves with the machine's load); long tasks come from the page's own PerformanceObserver; forced layouts from a trace
 * (Layout events whose stack starts in the extension). Printed, never asserted as timings.
 */

interface ProfileNode {
  id: number;
  callFrame: { url: string; functionName: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Milliseconds of samples whose innermost frame is in the extension's scripts. */
function extensionSelfMs(profile: Profile): number {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  let micros = 0;
  const byFn = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (node?.callFrame.url.startsWith('chrome-extension://')) {
      micros += profile.timeDeltas[i] ?? 0;
      const key = `${node.callFrame.functionName || '(anon)'}`;
      byFn.set(key, (byFn.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
    }
  });
  if (process.env.BENCH_DETAIL) console.log([...byFn].toSorted((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${(v / 1000).toFixed(1)}ms ${k}`).join('\n'));
  return micros / 1000;
}

async function profiled(cdp: CDPSession, work: () => Promise<void>): Promise<number> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  await work();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  return extensionSelfMs(profile);
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  tid: number;
  args?: { data?: { url?: string } };
}

/**
 * Milliseconds of main-thread CPU time (`tdur`, thread time: not inflated when another process has the CPU) spent in
 * calls into the extension's scripts: observer callbacks, timers, message answers, and the microtasks they run
 * (Preact's renders among them), with the DOM work they do. Outermost calls only, so nothing is counted twice.
 */
async function extensionThreadMs(cdp: CDPSession, work: () => Promise<void>): Promise<number> {
  const events: TraceEvent[] = [];
  const collect = (data: { value: unknown[] }) => void events.push(...(data.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', collect);
  await cdp.send('Tracing.start', { categories: 'devtools.timeline', transferMode: 'ReportEvents' });
  await work();
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  await done;
  cdp.off('Tracing.dataCollected', collect);
  const calls = events
    .filter((e) => e.ph === 'X' && e.name === 'FunctionCall' && e.args?.data?.url?.startsWith('chrome-extension://'))
    .toSorted((a, b) => a.ts - b.ts);
  const endByThread = new Map<number, number>();
  let micros = 0;
  for (const call of calls) {
    if (call.ts < (endByThread.get(call.tid) ?? 0)) continue; // inside a call already counted
    endByThread.set(call.tid, call.ts + (call.dur ?? 0));
    micros += call.tdur ?? 0;
  }
  return micros / 1000;
}

async function forcedLayouts(cdp: CDPSession, work: () => Promise<void>): Promise<number> {
  const events: { name: string; args?: { beginData?: { stackTrace?: { url: string }[] } } }[] = [];
  // Trace events are loosely typed by the protocol; only name and stack are read.
  cdp.on('Tracing.dataCollected', (data) => void events.push(...(data.value as unknown as typeof events)));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline.stack', transferMode: 'ReportEvents' });
  await work();
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  await done;
  return events.filter((e) => (e.name === 'Layout' || e.name === 'UpdateLayoutTree') && e.args?.beginData?.stackTrace?.some((f) => f.url.startsWith('chrome-extension://'))).length;
}

const sidebarName = (page: Page) => page.locator('smarketing-lens .contact-name');

it('measures the content script’s cost to Gmail', async () => {
  const userDataDir = await mkdtemp(join(tmpdir(), 'lens-bench-'));
  const { context } = await launchLens({ userDataDir });
  try {
    const page = await context.newPage();
    await page.goto(THREAD_URL.dana);
    await sidebarName(page).filter({ hasText: 'Dana Whitfield' }).waitFor({ timeout: 20_000 });
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({ type: 'longtask' });
    });
    const cdp = await context.newCDPSession(page);

    const NAVIGATIONS = 20;
    const people = [
      [THREAD_URL.priya, 'Priya Raman'],
      [THREAD_URL.dana, 'Dana Whitfield'],
    ] as const;
    const navigate = async () => {
      for (let i = 0; i < NAVIGATIONS; i++) {
        const [url, name] = people[i % 2]!;
        await page.evaluate((next) => (location.href = next), url);
        await sidebarName(page).filter({ hasText: name }).waitFor();
      }
    };
    // Several rounds, each profiled on its own, and the median round reported: on a shared 2-core machine another
    // process taking the CPU inflates the samples of whatever runs at that moment, and one such burst skews a round.
    const ROUNDS = 5;
    const sampled: number[] = [];
    for (let r = 0; r < ROUNDS; r++) sampled.push((await profiled(cdp, navigate)) / NAVIGATIONS);
    // The first round as well: it includes compiling the sidebar's code paths, which every new tab pays once.
    const firstRound = sampled[0]!;
    const rounds = sampled.toSorted((a, b) => a - b);
    const navMs = rounds[ROUNDS >> 1]!;
    const threadTimes: number[] = [];
    for (let r = 0; r < ROUNDS; r++) threadTimes.push((await extensionThreadMs(cdp, navigate)) / NAVIGATIONS);
    const threadRounds = threadTimes.toSorted((a, b) => a - b);

    const BURSTS = 10;
    const mutate = async () => {
      for (let b = 0; b < BURSTS; b++) {
        // 1,000 mutations in one task inside the conversation, as Gmail does when it draws a long thread.
        await page.evaluate(() => {
          const body = document.querySelector('[role="main"]:not([style]) .a3s')!;
          for (let i = 0; i < 1000; i++) body.append(document.createElement('span'));
        });
        await page.waitForTimeout(120); // past the detection debounce
      }
    };
    const burstMs = await profiled(cdp, mutate);
    const layouts = await forcedLayouts(cdp, async () => {
      await navigate();
      await mutate();
    });
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);

    const rows = [
      [
        `content-script main-thread CPU time per in-page navigation (trace: its calls' thread time), median of ${ROUNDS} rounds (range)`,
        `${threadRounds[ROUNDS >> 1]!.toFixed(2)} ms (${threadRounds[0]!.toFixed(2)}–${threadRounds[ROUNDS - 1]!.toFixed(2)})`,
        '≤ 2 ms',
      ],
      [
        `content-script main-thread time per in-page navigation (sampling profiler), median of ${ROUNDS} rounds (range)`,
        `${navMs.toFixed(2)} ms (${rounds[0]!.toFixed(2)}–${rounds[ROUNDS - 1]!.toFixed(2)})`,
        '≤ 2 ms',
      ],
      ['sampling profiler, first round only (compiling included)', `${firstRound.toFixed(2)} ms`, '—'],
      ['content-script main-thread time per burst of 1,000 mutations', `${(burstMs / BURSTS).toFixed(2)} ms`, '—'],
      ['forced layouts started by the extension (navigations + bursts)', String(layouts), '0'],
      ['long tasks on the page during all of it', String(longTasks.length), '0'],
    ];
    console.log(`\nHost-page cost (Gmail fixtures, ${ROUNDS} × ${NAVIGATIONS} navigations, ${BURSTS} bursts)\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}\n`);
    expect(navMs).toBeGreaterThan(0); // the profiler saw the content script work at all
  } finally {
    await context.close();
    await rm(userDataDir, { recursive: true, force: true });
  }
}, 180_000);
