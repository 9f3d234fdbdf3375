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

/**
 * Checks the status and Content-Type before a body is read. Throws the mapped GlmError for a non-2xx status
 * (reading at most 64 KB of its body) and for a body that is neither an event stream nor JSON (an HTML
 * login page of a proxy, say). A missing Content-Type is taken as what was asked for.
 */
export async function checkResponse(response: Response, expected: BodyKind, ctx: ResponseContext): Promise<BodyKind> {
  if (!response.ok) {
    const text = await readLimited(response, MAX_ERROR_BODY);
    throw errorFromResponse(response.status, text, response.headers, ctx);
  }
  const type = (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type === '') return expected;
  if (type === 'text/event-stream') return 'sse';
  if (type === 'application/json' || type.endsWith('+json')) return 'json';
  await response.body?.cancel().catch(() => undefined);
  throw new GlmError(
    'badRequest',
    `The endpoint${ctx.host ? ` ${ctx.host}` : ''} answered with "${type}" instead of an event stream or JSON. Check the base URL.`,
    { status: response.status, model: ctx.model, retryable: false },
  );
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
