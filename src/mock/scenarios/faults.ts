// Scenarios that break a response part-way: stream-error, network-error, truncate, drop, stall, malformed.
// `after=N` counts delta events (content, reasoning or tool-call text), not the role or finish chunks.
import type { ServerResponse } from 'node:http';
import type { ScenarioSpec } from '../directive';
import { completionBody, finishItems, streamItems, type ResponsePlan, type StreamItem } from '../plan';
import { sleep } from '../streamWriter';
import type { ResponseIdentity } from '../wire';
import { firstDeltas } from './content';
import { errorResponse } from './errors';

const FAULTS = ['stream-error', 'network-error', 'truncate', 'drop', 'stall', 'malformed'];

const DEFAULT_AFTER: Record<string, number> = {
  'stream-error': 3, 'network-error': 5, truncate: 5, drop: 5, stall: 3, malformed: 3,
};

export interface StreamScript {
  items: StreamItem[];
  ending: 'end' | 'destroy';
}

const afterOf = (spec: ScenarioSpec): number => Number(spec.params.after ?? DEFAULT_AFTER[spec.name] ?? 0);

/** Index just past the N-th delta chunk (or past the last delta when there are fewer). */
function cutIndex(items: StreamItem[], after: number): number {
  let seen = 0;
  let lastDelta = 0;
  for (const [i, item] of items.entries()) {
    if (item.kind === 'chunk' && item.delta) {
      lastDelta = i + 1;
      if (++seen === after) return i + 1;
    }
  }
  return after <= 0 ? items.findIndex((i) => i.kind === 'chunk' && i.delta) : lastDelta;
}

/** The error event body; `code` may be a gateway or Zhipu code. */
function streamErrorData(p: Record<string, string>): string {
  return errorResponse({ code: p.code ?? 'api_error', ...(p.message ? { message: p.message } : {}), ...(p.shape ? { shape: p.shape } : {}) }).body;
}

export function streamScript(spec: ScenarioSpec, plan: ResponsePlan, who: ResponseIdentity, usageInline: boolean): StreamScript {
  const items = streamItems(plan, who, usageInline);
  if (!FAULTS.includes(spec.name)) return { items, ending: 'end' };
  const cut = Math.max(0, cutIndex(items, afterOf(spec)));
  const head = items.slice(0, cut);
  const p = spec.params;
  switch (spec.name) {
    case 'stream-error': {
      const data = streamErrorData(p);
      const text = p.form === 'event' ? `event: error\ndata: ${data}\n\n` : `data: ${data}\n\n`;
      return { items: [...head, { kind: 'raw', text }], ending: 'end' };
    }
    case 'network-error':
      return { items: [...head, ...finishItems(plan, who, usageInline, plan.choices.map(() => 'network_error'))], ending: 'end' };
    case 'truncate':
      return { items: head, ending: 'end' };
    case 'drop':
      return { items: head, ending: 'destroy' };
    case 'stall':
      return { items: [...head, { kind: 'pause', ms: Number(p.ms ?? 10000) }, ...items.slice(cut)], ending: 'end' };
    default: {
      const broken = `data: {"id": "${who.id}", "object": "chat.completion.chunk", "choices": [{"delta": {"content": "oops"}\n\n`;
      return { items: [...head, { kind: 'raw', text: broken }, ...items.slice(cut)], ending: 'end' };
    }
  }
}

/** Non-streamed responses under the same scenarios: the same faults, in a JSON body's terms. */
export async function sendCompletion(
  res: ServerResponse, spec: ScenarioSpec, plan: ResponsePlan, who: ResponseIdentity, signal: AbortSignal, kill: () => void,
): Promise<void> {
  const json = { 'Content-Type': 'application/json; charset=utf-8' };
  const p = spec.params;
  switch (spec.name) {
    case 'stream-error': {
      const err = errorResponse({ code: p.code ?? 'api_error', ...(p.message ? { message: p.message } : {}) });
      res.writeHead(err.status, { ...json, ...err.headers }).end(err.body);
      return;
    }
    case 'drop':
      kill();
      return;
    case 'malformed':
      res.writeHead(200, json).end(`{"id": "${who.id}", "object": "chat.completion", "choices": [{"index": 0, "message": {`);
      return;
    case 'network-error': {
      const cut: ResponsePlan = { ...plan, choices: plan.choices.map((c) => ({ ...c, content: firstDeltas(c.content, afterOf(spec)), finishReason: 'network_error' })) };
      res.writeHead(200, json).end(completionBody(cut, who));
      return;
    }
    case 'truncate': {
      const body = completionBody(plan, who);
      res.writeHead(200, json).end(body.slice(0, Math.floor(body.length / 2)));
      return;
    }
    case 'stall':
      res.writeHead(200, json);
      res.flushHeaders();
      await sleep(Number(p.ms ?? 10000), signal);
      if (!signal.aborted) res.end(completionBody(plan, who));
      return;
    default:
      res.writeHead(200, json).end(completionBody(plan, who));
  }
}
