// Byte-level shapes of the gateway's responses: ids, JSON spacing, chunks, completions, error bodies.
// The seed's captures come from a Python server, so JSON is written with `json.dumps` spacing
// (`", "` and `": "`) but raw UTF-8 (multi-byte characters must reach the wire unescaped).
import { randomBytes, randomUUID } from 'node:crypto';

/** JSON with Python's default separators; clients must not care, and this keeps the mock honest. */
export function pyJson(value: unknown, indent?: number, depth = 0): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value !== 'object') return JSON.stringify(value);
  const pad = indent === undefined ? '' : '\n' + ' '.repeat(indent * (depth + 1));
  const end = indent === undefined ? '' : '\n' + ' '.repeat(indent * depth);
  const sep = indent === undefined ? ', ' : ',';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${pad}${value.map((v) => pyJson(v, indent, depth + 1)).join(sep + pad)}${end}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  const body = entries.map(([k, v]) => `${JSON.stringify(k)}: ${pyJson(v, indent, depth + 1)}`);
  return `{${pad}${body.join(sep + pad)}${end}}`;
}

/** `msg_` + the gateway's local time (UTC+8) to the second + 16 hex digits, as in the seed. */
export function newMessageId(now = new Date()): string {
  const t = new Date(now.getTime() + 8 * 3600_000).toISOString().replace(/\D/g, '').slice(0, 14);
  return `msg_${t}${randomBytes(8).toString('hex')}`;
}

export function newToolCallId(): string {
  return `call_${randomBytes(12).toString('hex')}`;
}

export const newTraceId = (): string => randomUUID();

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens: number };
  completion_tokens_details?: { reasoning_tokens: number };
}

export interface ToolCallDelta {
  index: number;
  id?: string;
  type?: 'function';
  function: { name?: string; arguments: string };
}

export interface Delta {
  content?: string;
  role?: 'assistant';
  reasoning_content?: string;
  tool_calls?: ToolCallDelta[];
}

export interface ChunkChoice {
  delta: Delta;
  finish_reason: string | null;
  index: number;
}

export interface Chunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: ChunkChoice[];
  usage: Usage | null;
  web_search?: unknown[];
}

/** Identity shared by every chunk of one response. */
export interface ResponseIdentity {
  id: string;
  created: number;
  model: string;
}

export function newIdentity(model: string): ResponseIdentity {
  return { id: newMessageId(), created: Math.floor(Date.now() / 1000), model };
}

export function chunk(who: ResponseIdentity, choices: ChunkChoice[], usage: Usage | null = null): Chunk {
  return { id: who.id, object: 'chat.completion.chunk', created: who.created, model: who.model, choices, usage };
}

export type ErrorShape = 'gateway' | 'zhipu' | 'flat';

/** The three error body shapes of glm-api.md. Zhipu codes are strings inside `error`, numbers when flat. */
export function errorBody(shape: ErrorShape, code: string, message: string): string {
  switch (shape) {
    case 'gateway':
      return pyJson({ trace_id: newTraceId(), error: { code, message } });
    case 'zhipu':
      return pyJson({ error: { code, message }, request_id: newMessageId().slice(4) });
    case 'flat':
      return pyJson({ code: /^\d+$/.test(code) ? Number(code) : code, message });
  }
}
