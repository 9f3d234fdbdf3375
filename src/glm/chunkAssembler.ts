// `chat.completion.chunk` objects -> typed StreamEvents. Tracks each choice by index (n > 1) and each tool
// call by its index within the choice; arguments are parsed only once the choice has finished. Nothing in a
// chunk is trusted to be present: every field is checked before use.

import { parseWebSources } from './webSearch';
import { GlmError } from './errors';
import type { FinishReason, StreamEvent, ToolCall, Usage } from './types';

interface CallState {
  id: string;
  name: string;
  args: string;
}

interface ChoiceState {
  finished: boolean;
  calls: Map<number, CallState> | undefined;
}

type Obj = Record<string, unknown>;

export class ChunkAssembler {
  /** The model that answered (from the chunks), else the one asked for. */
  model: string;
  private started = false;
  private readonly choices = new Map<number, ChoiceState>();
  private sourceCount = 0;

  constructor(requestedModel: string) {
    this.model = requestedModel;
  }

  /** Appends the events of one parsed chunk to `out`. Throws GlmError on `finish_reason: network_error`. */
  push(chunk: unknown, out: StreamEvent[]): void {
    if (typeof chunk !== 'object' || chunk === null) return;
    const c = chunk as Obj;
    if (typeof c.model === 'string' && c.model) this.model = c.model;
    if (!this.started) {
      this.started = true;
      out.push({ type: 'start', id: typeof c.id === 'string' ? c.id : '', model: this.model });
    }
    // Zhipu repeats the top-level `web_search` on chunks: report the sources once, and again only when more arrive.
    if (c.web_search !== undefined) {
      const sources = parseWebSources(c.web_search);
      if (sources.length > this.sourceCount) {
        this.sourceCount = sources.length;
        out.push({ type: 'webSources', sources });
      }
    }
    const choices = c.choices;
    if (Array.isArray(choices)) {
      for (let i = 0; i < choices.length; i++) {
        const choice = choices[i];
        if (typeof choice === 'object' && choice !== null) this.pushChoice(choice as Obj, i, out);
      }
    }
    const usage = c.usage;
    if (typeof usage === 'object' && usage !== null) out.push({ type: 'usage', usage: usage as Usage });
  }

  /**
   * Called when the body ended. Without `[DONE]` and with a choice that never finished (or no choice at
   * all) the answer is truncated. With `[DONE]`, choices a lenient server left open are finished here.
   */
  end(sawDone: boolean, out: StreamEvent[]): void {
    const open = [...this.choices].filter(([, s]) => !s.finished);
    if (!sawDone && (this.choices.size === 0 || open.length > 0)) {
      throw new GlmError('truncated', 'The answer was cut off: the stream ended without a finish reason. Try again.', {
        model: this.model,
        retryable: true,
      });
    }
    for (const [index, state] of open) this.finish(index, state, state.calls?.size ? 'tool_calls' : 'stop', out);
  }

  private pushChoice(choice: Obj, position: number, out: StreamEvent[]): void {
    const index = typeof choice.index === 'number' ? choice.index : position;
    let state = this.choices.get(index);
    if (!state) {
      state = { finished: false, calls: undefined };
      this.choices.set(index, state);
    }
    const delta = choice.delta;
    if (typeof delta === 'object' && delta !== null) {
      const d = delta as Obj;
      const reasoning = d.reasoning_content;
      if (typeof reasoning === 'string' && reasoning.length > 0) appendText(out, 'reasoning', index, reasoning);
      const content = d.content;
      if (typeof content === 'string' && content.length > 0) appendText(out, 'content', index, content);
      const calls = d.tool_calls;
      if (Array.isArray(calls)) {
        for (let i = 0; i < calls.length; i++) {
          const call = calls[i];
          if (typeof call === 'object' && call !== null) this.mergeCall(index, state, call as Obj, i, out);
        }
      }
    }
    const reason = choice.finish_reason;
    if (typeof reason === 'string' && reason.length > 0) this.finish(index, state, reason, out);
  }

  private mergeCall(index: number, state: ChoiceState, delta: Obj, position: number, out: StreamEvent[]): void {
    const callIndex = typeof delta.index === 'number' ? delta.index : position;
    state.calls ??= new Map();
    let call = state.calls.get(callIndex);
    if (!call) {
      call = { id: '', name: '', args: '' };
      state.calls.set(callIndex, call);
    }
    // A server may repeat id and name on every fragment: set, never append.
    if (typeof delta.id === 'string' && delta.id) call.id = delta.id;
    let fragment = '';
    const fn = delta.function;
    if (typeof fn === 'object' && fn !== null) {
      const f = fn as Obj;
      if (typeof f.name === 'string' && f.name) call.name = f.name;
      if (typeof f.arguments === 'string') fragment = f.arguments;
      else if (typeof f.arguments === 'object' && f.arguments !== null) {
        // Whole arguments as an object (non-fragmented servers): they replace whatever came before.
        call.args = '';
        fragment = JSON.stringify(f.arguments);
      }
    }
    call.args += fragment;
    out.push({ type: 'toolCallDelta', index, callIndex, id: call.id, name: call.name, argumentsSoFar: call.args, fragment });
  }

  private finish(index: number, state: ChoiceState, reason: FinishReason, out: StreamEvent[]): void {
    if (state.finished) return;
    state.finished = true;
    if (reason === 'network_error') {
      throw new GlmError('network', 'The provider lost the connection to the model mid-answer (finish_reason network_error). Try again.', {
        model: this.model,
        code: 'network_error',
      });
    }
    if (state.calls) {
      for (const callIndex of [...state.calls.keys()].sort((a, b) => a - b)) {
        const s = state.calls.get(callIndex)!;
        const call: ToolCall = {
          id: s.id || `call_${index}_${callIndex}`,
          type: 'function',
          function: { name: s.name, arguments: s.args },
        };
        out.push({ type: 'toolCall', index, call, ...parseArguments(s.args) });
      }
    }
    out.push({ type: 'finish', index, finishReason: reason, model: this.model });
  }
}

/**
 * Adds a text delta, merged into the previous event when that is text of the same kind and choice. `out`
 * holds what arrived in one network read, so a fast stream yields one event per read instead of one per
 * token (fewer UI updates; the per-event cost was the service's main overhead), and a slow one is unchanged.
 */
function appendText(out: StreamEvent[], type: 'content' | 'reasoning', index: number, text: string): void {
  const last = out.length > 0 ? out[out.length - 1] : undefined;
  if (last !== undefined && last.type === type && last.index === index) last.text += text;
  else out.push({ type, index, text });
}

/** Tool-call arguments as JSON; an empty string is `{}` (a tool without parameters). */
export function parseArguments(text: string): { args: unknown; argsError?: string } {
  if (text.trim() === '') return { args: {} };
  try {
    return { args: JSON.parse(text) };
  } catch (error) {
    return { args: undefined, argsError: `Tool-call arguments are not valid JSON: ${(error as Error).message}` };
  }
}

/** Accepts tool-call arguments as a string or (non-streamed, some servers) an object. */
export function argumentsText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return '';
  return JSON.stringify(value);
}
