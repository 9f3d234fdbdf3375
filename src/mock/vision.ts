// Image input as Zhipu's models take it: `image_url` content parts with a base64 data URL (or an http URL).
// Vision models (glm-4.6v, glm-4.5v, glm-4.1v-thinking, glm-4v…) see them: the answer starts with what they saw
// ("I see 2 image(s), 640x480, 32x32."), so tests can prove the pixels arrived. Any other model refuses with
// Zhipu's error shape, as the real API does for a text model.
import type { ResponsePlan } from './plan';
import type { ErrorResponse } from './scenarios/errors';
import { errorResponse } from './scenarios/errors';

const VISION_MODEL = /^glm-\d+(?:\.\d+)?v(?:-|$)/i;
const DATA_URL = /^data:image\/(png|jpeg|jpg|webp|gif);base64,([A-Za-z0-9+/]+={0,2})$/;

interface Size { width: number; height: number }

export function isVisionModel(model: unknown): boolean {
  return typeof model === 'string' && VISION_MODEL.test(model.trim());
}

/** The `image_url` URLs of the last user message. */
export function lastUserImages(messages: unknown): string[] {
  if (!Array.isArray(messages)) return [];
  const last = [...messages].reverse().find((m) => m?.role === 'user');
  return Array.isArray(last?.content) ? last.content.flatMap((p: any) => (p?.type === 'image_url' ? [String(p.image_url?.url ?? '')] : [])) : [];
}

function anyImages(messages: unknown): boolean {
  return Array.isArray(messages) && messages.some((m) => Array.isArray(m?.content) && m.content.some((p: any) => p?.type === 'image_url'));
}

/** Zhipu's refusal of image parts to a text model, or of an image it cannot read; undefined when acceptable. */
export function visionFailure(body: { model?: unknown; messages?: unknown }): ErrorResponse | undefined {
  if (!anyImages(body.messages)) return undefined;
  if (!isVisionModel(body.model)) {
    return errorResponse({ code: '1210', message: `Model ${String(body.model)} does not support image input (image_url).` });
  }
  const bad = lastUserImages(body.messages).find((url) => !/^https?:\/\//.test(url) && imageSize(url) === undefined);
  return bad === undefined ? undefined : errorResponse({ code: '1210', message: 'image_url: the image could not be decoded.' });
}

/** Prefixes what the model saw to each choice's answer. */
export function describeImages(plan: ResponsePlan, urls: string[]): ResponsePlan {
  if (urls.length === 0) return plan;
  const sizes = urls.map((u) => imageSize(u)).map((s) => (s ? `${s.width}x${s.height}` : 'remote'));
  for (const c of plan.choices) if (!c.toolCalls) c.content = `I see ${urls.length} image(s), ${sizes.join(', ')}.\n\n${c.content}`;
  return plan;
}

/** Width and height from a PNG, GIF, JPEG or WebP data URL's header; undefined when it is none of them. */
export function imageSize(url: string): Size | undefined {
  const m = DATA_URL.exec(url);
  if (!m) return undefined;
  const b = Buffer.from(m[2], 'base64');
  const kind = m[1];
  if (kind === 'png' && b.length >= 24 && b.toString('latin1', 1, 4) === 'PNG') return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  if (kind === 'gif' && b.length >= 10 && b.toString('latin1', 0, 3) === 'GIF') return { width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
  if (kind === 'webp') return webpSize(b);
  if (kind === 'jpeg' || kind === 'jpg') return jpegSize(b);
  return undefined;
}

function jpegSize(b: Buffer): Size | undefined {
  if (b[0] !== 0xff || b[1] !== 0xd8) return undefined;
  for (let i = 2; i + 9 < b.length;) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1];
    // SOF0-SOF15 carry the frame size (C4 DHT, C8 JPG and CC DAC are not frames).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
    }
    i += 2 + b.readUInt16BE(i + 2);
  }
  return undefined;
}

function webpSize(b: Buffer): Size | undefined {
  if (b.length < 30 || b.toString('latin1', 0, 4) !== 'RIFF' || b.toString('latin1', 8, 12) !== 'WEBP') return undefined;
  const chunk = b.toString('latin1', 12, 16);
  if (chunk === 'VP8 ') return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = b.readUInt32LE(21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') return { width: b.readUIntLE(24, 3) + 1, height: b.readUIntLE(27, 3) + 1 };
  return undefined;
}
