import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the receiver answers the next request. */
export type Behaviour = 'ok' | 'error500' | 'rate-limit' | 'hang' | 'reset' | 'redirect' | 'unauthorized' | 'garbage';

export interface ReceivedEvent {
  id: string;
  type: string;
  contact: { key: string };
  [key: string]: unknown;
}

/**
 * A real HTTP receiver on 127.0.0.1 implementing the webhook contract: verifies the signature, dedupes events by
 * id (and batches by Idempotency-Key), and records everything for the test to check.
 */
export class Receiver {
  behaviour: Behaviour = 'ok';
  /** Behaviours for the next requests, in order; `behaviour` applies once it is used up. */
  script: Behaviour[] = [];
  /** Events accepted, in arrival order, each once. */
  readonly events: ReceivedEvent[] = [];
  duplicates = 0;
  badSignatures = 0;
  requests = 0;
  readonly slackTexts: string[] = [];
  private readonly seen = new Set<string>();
  private server?: Server;
  port = 0;

  constructor(private readonly secret: string) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/lens`;
  }

  async start(port = 0): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server!.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }

  /** Answer CORS, as a receiver must when the extension has no host permission for it. */
  cors = false;

  private async handle(req: IncomingMessage, res: ServerResponse) {
    if (this.cors) {
      res.setHeader('Access-Control-Allow-Origin', '*');
      if (req.method === 'OPTIONS') {
        res.setHeader('Access-Control-Allow-Methods', 'POST');
        res.setHeader('Access-Control-Allow-Headers', 'content-type, idempotency-key, x-lens-signature-256');
        return res.writeHead(204).end();
      }
    }
    this.requests++;
    const behaviour = this.script.shift() ?? this.behaviour;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    switch (behaviour) {
      case 'error500':
        return res.writeHead(500).end('oops');
      case 'rate-limit':
        return res.writeHead(429, { 'Retry-After': '7' }).end();
      case 'hang':
        return; // never answers
      case 'reset':
        return req.socket.destroy();
      case 'redirect':
        return res.writeHead(302, { Location: 'https://elsewhere.example/steal' }).end();
      case 'unauthorized':
        return res.writeHead(401).end();
      case 'garbage':
        return res.writeHead(502, { 'Content-Type': 'application/json' }).end('{"not json');
      default:
        break;
    }
    const expected = `sha256=${createHmac('sha256', this.secret).update(raw).digest('hex')}`;
    const given = String(req.headers['x-lens-signature-256'] ?? '');
    if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) {
      this.badSignatures++;
      return res.writeHead(401).end('bad signature');
    }
    const body = JSON.parse(raw.toString('utf8')) as { events: ReceivedEvent[]; text?: string };
    if (body.text) this.slackTexts.push(body.text);
    for (const event of body.events) {
      if (this.seen.has(event.id)) this.duplicates++;
      else {
        this.seen.add(event.id);
        this.events.push(event);
      }
    }
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
  }
}
