import { signal } from '@preact/signals';
import type { DestinationView, ResponseData } from '../messaging/protocol';
import type { RequestFn } from '../messaging/client';
import { createActions } from './action';

export interface PermissionApi {
  contains(origin: string): Promise<boolean>;
  /** Opens the browser's prompt; never awaited before saving (it may never settle). */
  request(origin: string): Promise<boolean>;
}


/** The options page's state and actions; the components only render it. */
export function createOptionsModel(request: RequestFn, permissions: PermissionApi, download: (name: string, text: string) => void) {
  const destination = signal<DestinationView | null>(null);
  const status = signal<ResponseData['delivery.status'] | null>(null);
  const url = signal('');
  const secret = signal('');
  const slackText = signal(false);
  const { busy, notice, act } = createActions();
  const insights = signal<ResponseData['insights.get'] | null>(null);
  const range = signal('30');

  const refreshStatus = async () => {
    status.value = await request('delivery.status', { ids: [] });
  };
  const show = (view: DestinationView) => {
    destination.value = view;
    url.value = view.destination?.url ?? '';
    slackText.value = view.destination?.slackText ?? false;
    secret.value = '';
  };

  return {
    destination,
    status,
    url,
    secret,
    slackText,
    notice,
    busy,
    insights,
    range,
    async load() {
      await act(async () => {
        show(await request('destination.get', {}));
        await refreshStatus();
      });
      await this.loadInsights();
    },
    /** Insights for the chosen period: the last N days, or all time. */
    async loadInsights(now = new Date()) {
      const days = Number(range.value);
      const from = Number.isFinite(days) ? new Date(now.getTime() - days * 86_400_000).toISOString() : undefined;
      await act(async () => {
        insights.value = await request('insights.get', from ? { from } : {});
      });
    },
    exportUsage() {
      const data = insights.value;
      if (!data) return;
      return act(async () => {
        const { usageCsv } = await import('../export/csv');
        download(`lens-content-usage-${new Date().toISOString().slice(0, 10)}.csv`, usageCsv(data));
      });
    },
    save() {
      const origin = URL.canParse(url.value) ? `${new URL(url.value).origin}/*` : undefined;
      return act(async () => {
        show(await request('destination.save', { url: url.value, secret: secret.value, slackText: slackText.value }));
        notice.value = { kind: 'ok', text: 'Saved. Feedback and content usage now go to this webhook.' };
        // Ask for the origin only after saving: the prompt may never be answered.
        if (origin && !(await permissions.contains(origin)))
          void permissions.request(origin).then(async () => show(await request('destination.get', {})), () => undefined);
      });
    },
    remove() {
      return act(async () => {
        show(await request('destination.remove', {}));
        notice.value = { kind: 'ok', text: 'Removed. Nothing leaves the browser now.' };
      });
    },
    sendTest() {
      return act(async () => {
        const result = await request('destination.sendTest', {});
        notice.value = { kind: result.delivered ? 'ok' : 'error', text: result.message };
      });
    },
    retryFailed() {
      return act(async () => {
        const { requeued } = await request('delivery.retryFailed', {});
        notice.value = { kind: 'ok', text: `${requeued} events queued again.` };
        await refreshStatus();
      });
    },
    refreshStatus,
    exportFeedback() {
      return act(async () => {
        const { feedbackCsv } = await import('../export/csv');
        download(`lens-feedback-${new Date().toISOString().slice(0, 10)}.csv`, feedbackCsv(await request('feedback.listAll', {})));
      });
    },
  };
}

export type OptionsModel = ReturnType<typeof createOptionsModel>;
