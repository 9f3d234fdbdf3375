// Response body -> SSE messages. `eventsource-parser` is fed straight from the read loop through a streaming
// TextDecoder, so chunks may split anywhere (mid-line, mid multi-byte character, between `\r` and `\n`).
// Messages are yielded in batches, one per network read, to keep per-event overhead off the hot path.

import { createParser } from 'eventsource-parser';
import { errorFromResponse } from './errorMapping';
import { GlmError } from './errors';

export interface SseMessage {
  /** The `event:` field; undefined for plain `data:` events. */
  event?: string | undefined;
  data: string;
}

export type BodyKind = 'sse' | 'json';

export interface ResponseContext {
  model?: string;
  secret?: string;
  host?: string;
}

const MAX_ERROR_BODY = 64 * 1024;

/** The body to read and what it holds. */
export interface CheckedBody {
  kind: BodyKind;
  body: ReadableStream<Uint8Array> | null;
}

/**
 * Checks the status and Content-Type before a body is read. Throws the mapped GlmError for a non-2xx status
 * (reading at most 64 KB of its body) and for a body that is neither an event stream nor JSON (an HTML
 * login page of a proxy, say). A missing Content-Type is taken as what was asked for. Some OpenAI-compatible
 * servers and proxies label an event stream `text/plain`: such a body is sniffed, and accepted when it
 * starts like SSE or JSON (the official `openai` client reads those too).
 */
export async function checkResponse(response: Response, expected: BodyKind, ctx: ResponseContext): Promise<CheckedBody> {
  if (!response.ok) {
    const text = await readLimited(response, MAX_ERROR_BODY);
    throw errorFromResponse(response.status, text, response.headers, ctx);
  }
  const type = (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type === '') return { kind: expected, body: response.body };
  if (type === 'text/event-stream') return { kind: 'sse', body: response.body };
  if (type === 'application/json' || type.endsWith('+json')) return { kind: 'json', body: response.body };
  if (type === 'text/plain' && response.body) {
    const sniffed = await sniffPlainText(response.body);
    if (sniffed.kind) return { kind: sniffed.kind, body: sniffed.body };
    await sniffed.body.cancel().catch(() => undefined);
  } else {
    await response.body?.cancel().catch(() => undefined);
  }
  throw new GlmError(
    'badRequest',
    `The endpoint${ctx.host ? ` ${ctx.host}` : ''} answered with "${type}" instead of an event stream or JSON. Check the base URL.`,
    { status: response.status, model: ctx.model, retryable: false },
  );
}

const SNIFF_LIMIT = 1024;

/**
 * Reads until the first non-blank characters are in (at most 1 KB) and tells SSE (`data:`, `event:`, `id:`,
 * `retry:` or a `:` comment) and JSON from anything else; the returned body replays what was read.
 */
async function sniffPlainText(body: ReadableStream<Uint8Array>): Promise<{ kind: BodyKind | undefined; body: ReadableStream<Uint8Array> }> {
  const reader = body.getReader();
  const head: Uint8Array[] = [];
  const decoder = new TextDecoder();
  let text = '';
  let ended = false;
  while (text.replace(/^\uFEFF?\s*/, '').length < 8 && text.length < SNIFF_LIMIT) {
    const { done, value } = await reader.read();
    if (done) {
      ended = true;
      break;
    }
    head.push(value);
    text += decoder.decode(value, { stream: true });
  }
  const start = text.replace(/^\uFEFF?\s*/, '');
  const kind: BodyKind | undefined = /^(data|event|id|retry)\s*:|^:/.test(start) ? 'sse' : /^[{[]/.test(start) ? 'json' : undefined;
  return { kind, body: replay(head, reader, ended) };
}

/** A stream of the chunks already read, then the rest of the reader; cancelling it cancels the source. */
function replay(head: Uint8Array[], reader: ReadableStreamDefaultReader<Uint8Array>, ended: boolean): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (i < head.length) return controller.enqueue(head[i++]);
      if (ended) return controller.close();
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

/** Reads up to `limit` bytes of a body as text and drops the rest (error bodies are small; a hostile one is not). */
async function readLimited(response: Response, limit: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      if (text.length >= limit) return text.slice(0, limit);
    }
    return text + decoder.decode();
  } catch {
    return text;
  } finally {
    reader.cancel().catch(() => undefined);
  }
}

/** Told `true` when a read starts and `false` when it returned bytes (the idle watchdog). */
export type ReadHook = (waiting: boolean) => void;

/**
 * Yields the SSE messages of a body, batched per network read; `onRead` follows each read. Stopping the iteration early (after `[DONE]`) cancels the body, so trailing bytes are ignored.
 * A last event without its blank line, or ending in a lone `\r`, is still delivered at end of body.
 */
export async function* readSseBatches(
  body: ReadableStream<Uint8Array>,
  onRead?: ReadHook,
): AsyncGenerator<SseMessage[], void, undefined> {
  const reader = body.getReader();
  let batch: SseMessage[] = [];
  // The parser's own message objects are kept as they are: no copy per event.
  const parser = createParser({
    onEvent: (message) => {
      batch.push(message);
    },
  });
  // The read loop is inlined (not `decodedReads`): at one event per read, each generator hop is per-event cost.
  const decoder = new TextDecoder('utf-8');
  let finished = false;
  try {
    for (;;) {
      onRead?.(true);
      const { done, value } = await reader.read();
      if (done) break;
      onRead?.(false);
      parser.feed(decoder.decode(value, { stream: true }));
      if (batch.length > 0) {
        const out = batch;
        batch = [];
        yield out;
      }
    }
    finished = true;
    parser.feed(decoder.decode() + '\n\n');
    if (batch.length > 0) yield batch;
  } finally {
    if (!finished) reader.cancel().catch(() => undefined);
    else reader.releaseLock();
  }
}

/** Reads a whole body as text; `onRead` follows each read so the idle watchdog sees progress. */
export async function readText(body: ReadableStream<Uint8Array>, onRead?: ReadHook): Promise<string> {
  const reader = body.getReader();
  const parts: string[] = [];
  try {
    for await (const text of decodedReads(reader, onRead)) parts.push(text);
    return parts.join('');
  } finally {
    reader.releaseLock();
  }
}

/** The body's text, one piece per network read, decoded across reads (a character may span two). */
async function* decodedReads(reader: ReadableStreamDefaultReader<Uint8Array>, onRead?: ReadHook): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for (;;) {
    onRead?.(true);
    const { done, value } = await reader.read();
    if (done) break;
    onRead?.(false);
    yield decoder.decode(value, { stream: true });
  }
  yield decoder.decode();
}
