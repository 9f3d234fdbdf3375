// SSE serialization, plain or in one of the awkward framings a client must survive (glm-api.md).
// Each event becomes one or more pieces; the writer sends every piece with its own `res.write`
// and waits between pieces of one event, so the boundaries really reach the wire.
import type { StreamItem } from './plan';
import { pyJson } from './wire';

export const FRAMING_MODES = [
  'plain', 'crlf', 'cr', 'cr-split', 'split-utf8', 'comments', 'fields', 'multiline', 'no-final-blank',
  'after-done', 'nospace', 'bytewise',
] as const;
export type FramingMode = (typeof FRAMING_MODES)[number];

export interface FramedEvent {
  pieces: Buffer[];
  /** How to wait between pieces: a timer (separate TCP segments) or a turn of the event loop. */
  gap?: 'timer' | 'immediate';
}

/** Text of one item in plain framing (`raw` items are already framed). */
function eventText(item: Exclude<StreamItem, { kind: 'pause' }>, multiline = false): string {
  if (item.kind === 'raw') return item.text;
  if (item.kind === 'done') return 'data: [DONE]\n\n';
  if (!multiline) return `data: ${pyJson(item.chunk)}\n\n`;
  return pyJson(item.chunk, 2).split('\n').map((line) => `data: ${line}\n`).join('') + '\n';
}

const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');

/** Splits after every `\r`, so a `\r` ends one write and the `\n` starts the next. */
function splitAfterCr(text: string): Buffer[] {
  return text.split(/(?<=\r)/).map(utf8);
}

/** Splits inside the first multi-byte character: after its lead byte. */
function splitUtf8(text: string): Buffer[] {
  const bytes = utf8(text);
  const lead = bytes.findIndex((b) => b >= 0xc0);
  return lead < 0 ? [bytes] : [bytes.subarray(0, lead + 1), bytes.subarray(lead + 1)];
}

export function frameEvent(mode: FramingMode, item: Exclude<StreamItem, { kind: 'pause' }>, seq: number, last: boolean): FramedEvent {
  const text = eventText(item, mode === 'multiline' && item.kind === 'chunk');
  switch (mode) {
    case 'crlf':
      return { pieces: [utf8(text.replace(/\n/g, '\r\n'))] };
    case 'cr':
      return { pieces: [utf8(text.replace(/\n/g, '\r'))] };
    case 'cr-split':
      return { pieces: splitAfterCr(text.replace(/\n/g, '\r\n')), gap: 'timer' };
    case 'split-utf8':
      return { pieces: splitUtf8(text), gap: 'timer' };
    case 'comments': {
      const keepAlive = seq % 3 === 0 ? ': keep-alive\n\n' : '';
      return { pieces: [utf8(`${keepAlive}: ping ${seq}\n${text}`)] };
    }
    case 'fields': {
      const retry = seq === 0 ? 'retry: 3000\n' : '';
      return { pieces: [utf8(`${retry}id: ${seq + 1}\nevent: message\n${text}`)] };
    }
    case 'no-final-blank':
      return { pieces: [utf8(last ? text.replace(/\n+$/, '') : text)] };
    case 'after-done':
      return { pieces: [utf8(item.kind === 'done' ? text + AFTER_DONE : text)] };
    case 'nospace':
      return { pieces: [utf8(text.replace(/^data: /gm, 'data:'))] };
    case 'bytewise':
      return { pieces: [...utf8(text)].map((b) => Buffer.from([b])), gap: 'immediate' };
    default:
      return { pieces: [utf8(text)] };
  }
}

/** Bytes a sloppy server leaves after `[DONE]`: a whole event, a partial one and junk. */
export const AFTER_DONE = 'data: {"id": "after-done", "choices": [{"delta": {"content": "IGNORE ME"}, "index": 0}]}\n\ndata: {"trunc\nnot sse at all\n';
