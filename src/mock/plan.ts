// What one response says (per choice: reasoning, content, tool calls, finish reason), and how that
// becomes a non-streamed `chat.completion` body or the list of stream items of the seed's wire format.
import { estimateTokens, tokenize } from './answers';
import { contentText } from './directive';
import type { ToolCallPlan } from './toolCalls';
import { chunk, pyJson, type Chunk, type ChunkChoice, type Delta, type ResponseIdentity, type Usage } from './wire';

export interface ChoicePlan {
  content: string;
  /** Explicit deltas (e.g. one huge event); otherwise the content is tokenized. */
  contentDeltas?: string[];
  reasoning?: string;
  toolCalls?: ToolCallPlan[];
  finishReason: string;
}

export interface ResponsePlan {
  choices: ChoicePlan[];
  promptTokens: number;
  /** Part of the prompt served from Zhipu's context cache (`prompt_tokens_details.cached_tokens`). */
  cachedTokens?: number;
  /** `tool_stream: true`: arguments in fragments of a few characters. */
  toolStream?: boolean;
  /** Repeat id, type and name on every tool-call fragment (some servers do). */
  repeatToolFields?: boolean;
  /** Non-streamed `arguments` as a JSON object instead of a string (some Zhipu responses). */
  argsAsObject?: boolean;
  /** Sources of the built-in web search: a top-level `web_search` on every chunk and on the completion. */
  webSearch?: unknown[];
}

export type StreamItem =
  | { kind: 'chunk'; chunk: Chunk; /** carries content, reasoning or tool-call text (counts for `after=N`) */ delta: boolean }
  | { kind: 'done' }
  | { kind: 'raw'; text: string }
  | { kind: 'pause'; ms: number };

export function usageOf(plan: ResponsePlan): Usage {
  let completion = 0;
  let reasoning = 0;
  for (const c of plan.choices) {
    const r = c.reasoning ? estimateTokens(c.reasoning) : 0;
    reasoning += r;
    completion += r + estimateTokens(c.content) + (c.toolCalls ?? []).reduce((n, t) => n + estimateTokens(t.name + t.arguments), 0);
  }
  const usage: Usage = { prompt_tokens: plan.promptTokens, completion_tokens: completion, total_tokens: plan.promptTokens + completion };
  if (plan.cachedTokens) usage.prompt_tokens_details = { cached_tokens: plan.cachedTokens };
  if (reasoning) usage.completion_tokens_details = { reasoning_tokens: reasoning };
  return usage;
}

/** Like Zhipu's context cache: a conversation's earlier messages were seen before, so they count as cached. */
export function cachedTokensOf(body: { messages: any[] }): number {
  return body.messages.length > 1 ? promptTokensOf({ messages: body.messages.slice(0, -1) }) : 0;
}

/** What a vision model bills for one image (tile-based; about this for a screenshot). */
const IMAGE_TOKENS = 1000;

/** Prompt size as a tokenizer would roughly count it: message text, a few tokens per message and image, tools. */
export function promptTokensOf(body: { messages: any[]; tools?: unknown }): number {
  let n = 0;
  for (const m of body.messages) {
    const images = Array.isArray(m.content) ? m.content.filter((p: any) => p?.type === 'image_url').length : 0;
    n += 4 + estimateTokens(Array.isArray(m.content) ? contentText(m.content) : typeof m.content === 'string' ? m.content : JSON.stringify(m.content ?? '')) + images * IMAGE_TOKENS;
    if (m.tool_calls) n += estimateTokens(JSON.stringify(m.tool_calls));
  }
  return n + (body.tools ? estimateTokens(JSON.stringify(body.tools)) : 0);
}

/** Cuts answers that exceed `max_tokens` and marks them `length`, as the real API does. */
export function applyMaxTokens(plan: ResponsePlan, maxTokens: number | undefined): ResponsePlan {
  if (!maxTokens) return plan;
  for (const c of plan.choices) {
    if (c.toolCalls || c.contentDeltas || estimateTokens(c.content) <= maxTokens) continue;
    let kept = '';
    for (const d of tokenize(c.content)) {
      if (estimateTokens(kept + d) > maxTokens) break;
      kept += d;
    }
    c.content = kept;
    c.finishReason = 'length';
  }
  return plan;
}

function choiceDeltas(plan: ResponsePlan, c: ChoicePlan): Delta[] {
  const out: Delta[] = [];
  for (const r of c.reasoning ? tokenize(c.reasoning) : []) out.push({ reasoning_content: r });
  for (const t of c.contentDeltas ?? tokenize(c.content)) if (t) out.push({ content: t });
  (c.toolCalls ?? []).forEach((call, index) => {
    const head = { index, id: call.id, type: 'function' as const };
    if (!plan.toolStream) {
      out.push({ tool_calls: [{ ...head, function: { name: call.name, arguments: call.arguments } }] });
      return;
    }
    out.push({ tool_calls: [{ ...head, function: { name: call.name, arguments: '' } }] });
    for (const frag of fragments(call.arguments)) {
      const repeat = plan.repeatToolFields ? { ...head, function: { name: call.name, arguments: frag } } : undefined;
      out.push({ tool_calls: [repeat ?? { index, function: { arguments: frag } }] });
    }
  });
  return out;
}

/** Fragments of 3-7 characters: small enough that keys and values are split mid-token. */
export function fragments(text: string): string[] {
  const out: string[] = [];
  for (let i = 0, k = 0; i < text.length; k++) {
    const size = 3 + (k % 5);
    out.push(text.slice(i, i + size));
    i += size;
  }
  return out;
}

/**
 * The seed's stream: a role chunk per choice (`content: ""`), deltas (choices interleaved), a finish chunk
 * per choice with `delta: {}`, the usage-only chunk with `choices: []` (or usage on the last finish chunk
 * when `usageInline`), then `[DONE]`.
 */
export function streamItems(plan: ResponsePlan, who: ResponseIdentity, usageInline: boolean): StreamItem[] {
  const items: StreamItem[] = [];
  const one = (c: ChunkChoice, delta: boolean, usage: Usage | null = null): void => {
    items.push({ kind: 'chunk', chunk: chunk(who, [c], usage), delta });
  };
  plan.choices.forEach((_, index) => one({ delta: { content: '', role: 'assistant' }, finish_reason: null, index }, false));
  const perChoice = plan.choices.map((c) => choiceDeltas(plan, c));
  const longest = Math.max(0, ...perChoice.map((d) => d.length));
  for (let k = 0; k < longest; k++) {
    perChoice.forEach((deltas, index) => {
      if (k < deltas.length) one({ delta: deltas[k], finish_reason: null, index }, true);
    });
  }
  items.push(...finishItems(plan, who, usageInline, plan.choices.map((c) => c.finishReason)));
  if (plan.webSearch) for (const item of items) if (item.kind === 'chunk') item.chunk.web_search = plan.webSearch;
  return items;
}

/** Finish chunks, usage and `[DONE]`; `reasons` may override the plan's (e.g. `network_error`). */
export function finishItems(plan: ResponsePlan, who: ResponseIdentity, usageInline: boolean, reasons: string[]): StreamItem[] {
  const usage = usageOf(plan);
  const items: StreamItem[] = reasons.map((finish_reason, index) => ({
    kind: 'chunk',
    chunk: chunk(who, [{ delta: {}, finish_reason, index }], usageInline && index === reasons.length - 1 ? usage : null),
    delta: false,
  }));
  if (!usageInline) items.push({ kind: 'chunk', chunk: chunk(who, [], usage), delta: false });
  items.push({ kind: 'done' });
  return items;
}

/** The non-streamed `chat.completion` body, key order as in the seed. */
export function completionBody(plan: ResponsePlan, who: ResponseIdentity): string {
  return pyJson({
    id: who.id,
    model: who.model,
    object: 'chat.completion',
    created: who.created,
    choices: plan.choices.map((c, index) => ({
      index,
      message: {
        role: 'assistant',
        content: c.toolCalls && !c.content ? null : c.content,
        reasoning_content: c.reasoning,
        tool_calls: c.toolCalls?.map((t) => ({
          id: t.id,
          type: 'function',
          function: { name: t.name, arguments: plan.argsAsObject ? JSON.parse(t.arguments) : t.arguments },
        })),
      },
      finish_reason: c.finishReason,
    })),
    usage: usageOf(plan),
    web_search: plan.webSearch,
  });
}
