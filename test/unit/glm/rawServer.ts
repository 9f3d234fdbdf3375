// A tiny scripted HTTP server for byte-exact tests: it writes the given chunks one by one with a pause
// between them (Nagle off), so chunk boundaries really reach the client's reads, and records what it saw,
// including whether the client closed the connection before the script finished.

import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface Script {
  status?: number;
  headers?: Record<string, string>;
  chunks?: Array<string | Uint8Array>;
  /** Pause between chunks; default 3 ms (separate TCP segments). */
  gapMs?: number;
  /** Wait this long before sending the headers. */
  headersDelayMs?: number;
  /** After the chunks: end the response (default), destroy the socket, or keep it open until closed. */
  then?: 'end' | 'destroy' | 'hold';
}

export interface RawRequest {
  headers: http.IncomingHttpHeaders;
  body: any;
  /** Resolves true when the client closed the connection before the script finished, false otherwise. */
  closedEarly: Promise<boolean>;
}

export interface RawServer {
  url: string;
  requests: RawRequest[];
  close(): Promise<void>;
}

export const SSE_HEADERS = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' };
export const JSON_HEADERS = { 'content-type': 'application/json' };

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startRawServer(script: Script | ((request: RawRequest, n: number) => Script)): Promise<RawServer> {
  const requests: RawRequest[] = [];
  const sockets = new Set<Socket>();
  const serve = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    req.socket.setNoDelay(true);
    const raw: Buffer[] = [];
    for await (const part of req) raw.push(part as Buffer);
    let finished = false;
    let closedEarly = false;
    let resolveClosed!: (early: boolean) => void;
    const closed = new Promise<boolean>((r) => (resolveClosed = r));
    res.on('close', () => {
      closedEarly = !finished;
      resolveClosed(closedEarly);
    });
    const text = Buffer.concat(raw).toString('utf8');
    const request: RawRequest = { headers: req.headers, body: text ? JSON.parse(text) : undefined, closedEarly: closed };
    requests.push(request);
    const s = typeof script === 'function' ? script(request, requests.length - 1) : script;

    if (s.headersDelayMs) await delay(s.headersDelayMs);
    if (closedEarly) return;
    res.writeHead(s.status ?? 200, s.headers ?? SSE_HEADERS);
    res.flushHeaders();
    for (const chunk of s.chunks ?? []) {
      if (closedEarly) return;
      await new Promise<void>((r) => res.write(chunk, () => r()));
      await delay(s.gapMs ?? 3);
    }
    if (closedEarly) return;
    if (s.then === 'hold') return;
    finished = true;
    if (s.then === 'destroy') res.socket?.destroy();
    else res.end();
  };
  const server = http.createServer((req, res) => void serve(req, res));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/glm`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => r());
      }),
  };
}

/** One SSE `data:` event of a chunk with the given delta (gateway-shaped). */
export function chunkEvent(delta: Record<string, unknown>, extra: { finish?: string; index?: number; model?: string; usage?: unknown } = {}): string {
  return `data: ${JSON.stringify(chunk(delta, extra))}\n\n`;
}

export function chunk(delta: Record<string, unknown>, extra: { finish?: string; index?: number; model?: string; usage?: unknown } = {}) {
  return {
    id: 'chatcmpl-raw',
    object: 'chat.completion.chunk',
    created: 1777215133,
    model: extra.model ?? 'glm-4.7',
    choices: [{ index: extra.index ?? 0, delta, finish_reason: extra.finish ?? null }],
    usage: extra.usage ?? null,
  };
}

export const USAGE_EVENT = `data: ${JSON.stringify({
  id: 'chatcmpl-raw', object: 'chat.completion.chunk', created: 1777215133, model: 'glm-4.7', choices: [],
  usage: { prompt_tokens: 10, completion_tokens: 3, total_tokens: 13 },
})}\n\n`;

export const DONE = 'data: [DONE]\n\n';

/** A whole answer "Hello, world" as three events plus finish, usage and [DONE]. */
export function helloStream(model = 'glm-4.7'): string[] {
  return [
    chunkEvent({ role: 'assistant', content: '' }, { model }),
    chunkEvent({ content: 'Hello' }, { model }),
    chunkEvent({ content: ', world' }, { model }),
    chunkEvent({}, { finish: 'stop', model }),
    USAGE_EVENT,
    DONE,
  ];
}
