// Test helpers: a raw HTTP/1.1 client over `net` that keeps the chunked-transfer frames exactly as the
// server wrote them (one frame per `res.write`), and a small SSE parser independent of the product's.
import { connect } from 'node:net';
import type { MockServer } from '../../../src/mock/server';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  /** Chunked-transfer frames in order, as written by the server. */
  frames: Buffer[];
  body: Buffer;
  /** The terminating zero-length chunk arrived (the response ended cleanly). */
  complete: boolean;
}

export function parseRaw(all: Buffer): RawResponse {
  const headEnd = all.indexOf('\r\n\r\n');
  if (headEnd < 0) return { status: 0, headers: {}, frames: [], body: Buffer.alloc(0), complete: false };
  const [statusLine, ...lines] = all.subarray(0, headEnd).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const l of lines) {
    const i = l.indexOf(':');
    headers[l.slice(0, i).toLowerCase()] = l.slice(i + 1).trim();
  }
  const frames: Buffer[] = [];
  let rest = all.subarray(headEnd + 4);
  let complete = false;
  if (headers['transfer-encoding'] !== 'chunked') {
    return { status: Number(statusLine.split(' ')[1]), headers, frames: [rest], body: rest, complete: true };
  }
  for (;;) {
    const eol = rest.indexOf('\r\n');
    if (eol < 0) break;
    const size = parseInt(rest.subarray(0, eol).toString('latin1'), 16);
    if (size === 0) {
      complete = true;
      break;
    }
    if (rest.length < eol + 2 + size + 2) break;
    frames.push(rest.subarray(eol + 2, eol + 2 + size));
    rest = rest.subarray(eol + 2 + size + 2);
  }
  return { status: Number(statusLine.split(' ')[1]), headers, frames, body: Buffer.concat(frames), complete };
}

export interface RawOptions {
  scenario?: string;
  token?: string;
  path?: string;
  /** Hang up once the received bytes satisfy this; the response is then whatever arrived. */
  until?: (received: Buffer) => boolean;
}

/** POSTs a JSON body and reads until the server closes or ends the response (Connection: close). */
export function rawPost(server: MockServer, body: unknown, opts: RawOptions = {}): Promise<RawResponse> {
  const url = new URL(server.url);
  const payload = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  const head = [
    `POST ${opts.path ?? `${url.pathname}/chat/completions`} HTTP/1.1`,
    `Host: ${url.host}`,
    `Authorization: Bearer ${opts.token ?? server.token}`,
    'Content-Type: application/json',
    `Content-Length: ${payload.length}`,
    'Connection: close',
    ...(opts.scenario ? [`x-mock-scenario: ${opts.scenario}`] : []),
  ].join('\r\n');
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    const finish = (): void => resolve(parseRaw(Buffer.concat(chunks)));
    socket.on('data', (d) => {
      chunks.push(d);
      if (opts.until?.(Buffer.concat(chunks))) {
        socket.destroy();
        finish();
      }
    });
    socket.on('close', finish);
    socket.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' ? finish() : reject(err)));
    socket.write(`${head}\r\n\r\n`);
    socket.write(payload);
  });
}

export interface SseEvent { event?: string; data: string }

/** A spec-following SSE parser: \n, \r\n or \r line ends, comments, multi-line data, optional space. */
export function parseSse(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  let data: string[] = [];
  let event: string | undefined;
  const lines = text.split(/\r\n|\r|\n/);
  const hasFinalEol = /[\r\n]$/.test(text);
  lines.forEach((line, i) => {
    const last = i === lines.length - 1;
    if (line === '' && !(last && hasFinalEol)) {
      if (data.length) events.push({ event, data: data.join('\n') });
      data = [];
      event = undefined;
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
  });
  if (data.length) events.push({ event, data: data.join('\n') });
  return events;
}

/** JSON chunks of a stream up to `[DONE]` (later events ignored), and whether `[DONE]` came. */
export function chunksOf(events: SseEvent[]): { chunks: any[]; done: boolean } {
  const chunks: any[] = [];
  for (const e of events) {
    if (e.data === '[DONE]') return { chunks, done: true };
    chunks.push(JSON.parse(e.data));
  }
  return { chunks, done: false };
}

export const contentOf = (chunks: any[], index = 0): string =>
  chunks.flatMap((c) => c.choices ?? []).filter((ch: any) => ch.index === index)
    .map((ch: any) => ch.delta?.content ?? '').join('');

export const chat = (content: string, extra: Record<string, unknown> = {}): Record<string, unknown> =>
  ({ model: 'glm-4.7', messages: [{ role: 'user', content }], ...extra });

export const sleepMs = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits until `check` holds (the server's bookkeeping runs on its own events). */
export async function eventually(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await sleepMs(10);
  }
  throw new Error(`timed out waiting for: ${what}`);
}
