import type { WebhookDestination, WireEvent } from '../model/delivery';
import { retryAfterMs } from './backoff';
import { signBody } from './signature';

export type SendResult =
  | { kind: 'delivered'; status: number }
  /** Worth trying again later: network failure, timeout, 408/429/5xx, a redirect. */
  | { kind: 'retry'; reason: string; retryAfterMs?: number }
  /** The receiver refused the request itself (4xx): retrying unchanged will not help. */
  | { kind: 'rejected'; reason: string };

export interface SendOptions {
  fetch: typeof fetch;
  now: Date;
  timeoutMs?: number;
}

const VERDICT_TEXT: Record<string, string> = { good_fit: 'Good fit', bad_fit: 'Bad fit', not_ready: 'Not ready', wrong_persona: 'Wrong persona' };

/** A line a person can read in Slack for each event. */
function slackText(events: readonly WireEvent[]): string {
  return events
    .map((e) => {
      const who = e.contact.name ?? e.contact.email ?? e.contact.key;
      if (e.type === 'feedback') return `${VERDICT_TEXT[e.verdict] ?? e.verdict}: ${who}${e.note ? ` — ${e.note}` : ''}`;
      return `Content ${e.action.replace('_', ' ')}: "${e.content.title}" for ${who}`;
    })
    .join('\n');
}

/** The exact bytes sent for a batch: the same events give the same body, so a retry carries the same signature. */
export function batchBody(events: readonly WireEvent[], destination: Pick<WebhookDestination, 'slackText'>): string {
  return JSON.stringify(destination.slackText ? { text: slackText(events), events } : { events });
}

/** POSTs one signed batch. Never throws: every outcome is a SendResult. */
export async function sendBatch(
  destination: WebhookDestination,
  batchId: string,
  events: readonly WireEvent[],
  { fetch: doFetch, now, timeoutMs = 15_000 }: SendOptions,
): Promise<SendResult> {
  const body = batchBody(events, destination);
  let response: Response;
  try {
    response = await doFetch(destination.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Idempotency-Key': batchId,
        'X-Lens-Signature-256': await signBody(destination.secret, body),
      },
      body,
      // A redirect could carry the events somewhere the user did not configure.
      redirect: 'manual',
      credentials: 'omit',
      cache: 'no-store',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    return { kind: 'retry', reason: name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : `could not connect (${error instanceof Error ? error.message : String(error)})` };
  }
  // Drain the body so the connection can be reused; its content does not matter.
  await response.arrayBuffer().catch(() => undefined);
  const status = response.status;
  if (status >= 200 && status < 300) return { kind: 'delivered', status };
  if (response.type === 'opaqueredirect' || (status >= 300 && status < 400))
    return { kind: 'retry', reason: 'the receiver answered with a redirect; events are only sent to the configured URL' };
  if (status === 408 || status === 429 || status >= 500) {
    const after = retryAfterMs(response.headers.get('Retry-After'), now);
    return { kind: 'retry', reason: `HTTP ${status}`, ...(after === undefined ? {} : { retryAfterMs: after }) };
  }
  return { kind: 'rejected', reason: `HTTP ${status}: the receiver refused the request (check the URL and the signing secret)` };
}
