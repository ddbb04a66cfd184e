import { z } from 'zod';
import { Envelope, REQUESTS, type ParsedPayload, type RequestType, type Response, type ResponseData } from './protocol';

/** The parts of `runtime.MessageSender` the router trusts. */
export interface Sender {
  id?: string;
  url?: string;
  tab?: { id?: number };
}

export interface HandlerContext {
  /** The tab a content-script message came from. */
  tabId?: number;
}

export type Handlers = {
  [T in RequestType]: (payload: ParsedPayload<T>, context: HandlerContext) => Promise<ResponseData[T]> | ResponseData[T];
};

export interface RouterOptions {
  extensionId: string;
  /** e.g. `chrome-extension://<id>/`; pages of this extension have URLs below it. */
  extensionOrigin: string;
  onError?: (type: string, error: unknown) => void;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'payload'} ${issue.message}`)
    .join('; ');
}

/**
 * One router for every message: checks the sender, parses the payload with the request's schema, calls the handler,
 * and always answers `{ok, …}` — a malformed or foreign message gets a clear error, never a crash.
 */
export function createRouter(handlers: Handlers, options: RouterOptions) {
  const isOwnPage = (sender: Sender) => sender.id === options.extensionId && !!sender.url?.startsWith(options.extensionOrigin);

  return async function route(message: unknown, sender: Sender): Promise<Response<RequestType>> {
    if (sender.id !== options.extensionId) return { ok: false, error: 'Rejected: the message did not come from this extension.' };
    const envelope = Envelope.safeParse(message);
    if (!envelope.success) return { ok: false, error: 'Rejected: a message must be an object with a "type".' };
    const type = envelope.data.type;
    if (!Object.hasOwn(REQUESTS, type)) return { ok: false, error: `Rejected: unknown message type "${type.slice(0, 64)}".` };
    const spec = REQUESTS[type as RequestType];

    let context: HandlerContext;
    const from: 'content' | 'page' | 'any' = spec.from;
    if (from === 'any') {
      const tabId = sender.tab?.id;
      if (!isOwnPage(sender) && (tabId === undefined || tabId < 0))
        return { ok: false, error: `Rejected: "${type}" must come from a content script in a tab or an extension page.` };
      context = isOwnPage(sender) ? {} : { tabId };
    } else if (from === 'content') {
      const tabId = sender.tab?.id;
      if (isOwnPage(sender) || tabId === undefined || tabId < 0)
        return { ok: false, error: `Rejected: "${type}" must come from a content script in a tab.` };
      context = { tabId };
    } else {
      if (!isOwnPage(sender)) return { ok: false, error: `Rejected: "${type}" may only come from the extension's own pages.` };
      context = {};
    }

    const { type: _type, ...rest } = envelope.data;
    const payload = spec.payload.safeParse(rest);
    if (!payload.success) return { ok: false, error: `Invalid "${type}" message: ${describeIssues(payload.error)}.` };

    try {
      const handler = handlers[type as RequestType] as (p: unknown, c: HandlerContext) => Promise<unknown> | unknown;
      const data = await handler(payload.data, context);
      return { ok: true, data } as Response<RequestType>;
    } catch (error) {
      options.onError?.(type, error);
      return { ok: false, error: `"${type}" failed: ${error instanceof Error ? error.message : String(error)}` };
    }
  };
}
