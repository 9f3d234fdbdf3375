// Writes stream items to the response: framing, pacing (tokens per second), pauses, and the ending
// (clean end, or a destroyed socket). Stops quietly when the client goes away.
import type { ServerResponse } from 'node:http';
import { frameEvent, type FramingMode } from './framing';
import type { StreamItem } from './plan';

export interface WriteOptions {
  mode: FramingMode;
  /** Delta events per second; undefined is as fast as possible. */
  tps?: number;
  /** Aborted when the client closes the connection or the server shuts down. */
  signal: AbortSignal;
  ending: 'end' | 'destroy';
  /** Destroys the connection on purpose (so it is not mistaken for the client hanging up). */
  kill: () => void;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

const gap = (kind: 'timer' | 'immediate', signal: AbortSignal): Promise<void> =>
  kind === 'timer' ? sleep(1, signal) : new Promise((r) => setImmediate(r));

/** `contentType` labels the stream otherwise (`text/plain`, as some proxies do); the bytes stay SSE. */
export function startSse(res: ServerResponse, contentType = 'text/event-stream'): void {
  res.writeHead(200, {
    'Content-Type': `${contentType}; charset=utf-8`,
    'Cache-Control': 'no-cache',
  });
  res.flushHeaders();
}

export async function writeItems(res: ServerResponse, items: StreamItem[], opts: WriteOptions): Promise<void> {
  const { signal } = opts;
  const events = items.filter((i) => i.kind !== 'pause').length;
  let seq = 0;
  let flushed: Promise<void> = Promise.resolve();
  for (const item of items) {
    if (signal.aborted) return;
    if (item.kind === 'pause') {
      await sleep(item.ms, signal);
      continue;
    }
    const framed = frameEvent(opts.mode, item, seq, seq === events - 1);
    seq++;
    for (const [i, piece] of framed.pieces.entries()) {
      if (signal.aborted) return;
      flushed = new Promise((resolve) => {
        if (!res.write(piece, () => resolve())) res.once('drain', () => resolve());
      });
      if (framed.gap && i < framed.pieces.length - 1) await gap(framed.gap, signal);
    }
    if (framed.gap) await gap(framed.gap, signal);
    if (opts.tps && item.kind === 'chunk' && item.delta) await sleep(1000 / opts.tps, signal);
    else if (res.writableNeedDrain) await flushed;
  }
  if (signal.aborted) return;
  if (opts.ending === 'end') {
    res.end();
    return;
  }
  // Let what was written reach the client before the connection dies mid-response.
  await flushed;
  await sleep(20, signal);
  opts.kill();
}
