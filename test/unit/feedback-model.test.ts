import { createFeedbackModel, UNDO_WINDOW_MS } from '../../lib/content/feedback';
import type { RequestFn } from '../../lib/messaging/client';

const dana = { key: 'dana.whitfield@northwind.example', email: 'dana.whitfield@northwind.example' };

describe('sidebar feedback', () => {
  it('sends the verdict with reason and note, offers undo for ten seconds, then not', async () => {
    const calls: [string, unknown][] = [];
    const request = (async (type: string, payload: unknown) => {
      calls.push([type, payload]);
      return type === 'feedback.submit' ? { id: 'f1' } : { undone: true };
    }) as unknown as RequestFn;
    const timers: [() => void, number][] = [];
    const model = createFeedbackModel(request, (fn, ms) => timers.push([fn, ms]));
    model.reason.value = 'too_early';
    model.note.value = '  Budget opens in Q1  ';
    await model.submit(dana, 'Dana Whitfield', 'not_ready');
    expect(calls[0]).toEqual([
      'feedback.submit',
      { feedback: { contact: dana, contactName: 'Dana Whitfield', verdict: 'not_ready', reason: 'too_early', note: 'Budget opens in Q1' } },
    ]);
    expect(model.state.value).toEqual({ kind: 'saved', id: 'f1', verdict: 'not_ready', canUndo: true });
    expect(model.note.value).toBe('');
    expect(timers[0]?.[1]).toBe(UNDO_WINDOW_MS);
    timers[0]![0]();
    expect(model.state.value).toMatchObject({ canUndo: false });
    await model.undo();
    expect(calls).toHaveLength(1); // too late: nothing sent
  });

  it('undoes within the window, and says what went wrong when saving fails', async () => {
    const request = (async (type: string) => {
      if (type === 'feedback.undo') return { undone: true };
      throw new Error('Invalid "feedback.submit" message: feedback.note must be at most 2,000 characters.');
    }) as unknown as RequestFn;
    const model = createFeedbackModel(request, () => undefined);
    await model.submit(dana, undefined, 'good_fit');
    expect(model.state.value).toEqual({ kind: 'error', message: 'Invalid "feedback.submit" message: feedback.note must be at most 2,000 characters.' });
    model.state.value = { kind: 'saved', id: 'f2', verdict: 'good_fit', canUndo: true };
    await model.undo();
    expect(model.state.value).toEqual({ kind: 'undone', verdict: 'good_fit' });
  });
});
