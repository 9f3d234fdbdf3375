// The tool-call loop: stream a round, run the tool calls the model asked for, send the results back as
// `tool` messages, and go on until the model answers without tools or the round limit is hit. Every stream
// event is passed through so a UI can show progress; round events mark the steps in between.

import { cancelledError } from './errors';
import type { ChatMessage, ChatRequest, FinishReason, StreamEvent, ToolCall } from './types';

/**
 * Runs one tool call. `args` is the parsed JSON arguments. Asking the user for approval, if the tool needs
 * it, is the handler's business. The returned string goes back to the model; a thrown error is reported to
 * the model as the tool's result so it can recover.
 */
export type ToolHandler = (args: unknown, call: ToolCall, signal?: AbortSignal) => Promise<string> | string;

export interface ToolDispatchResult {
  content: string;
  isError: boolean;
  /** The arguments as they go back into the history when the caller repaired them (e.g. leaked markup). */
  arguments?: string;
}

/** Runs any call with its raw arguments, instead of the handler table (validation is then the caller's). */
export type ToolDispatcher = (call: ToolCall, signal?: AbortSignal) => Promise<ToolDispatchResult>;

export interface ToolLoopOptions {
  /** Model calls at most; default 8. */
  maxRounds?: number;
  signal?: AbortSignal;
  dispatch?: ToolDispatcher;
}

export type ToolLoopEvent =
  | StreamEvent
  | { type: 'roundStart'; round: number }
  | { type: 'toolResult'; round: number; call: ToolCall; content: string; isError: boolean }
  /** The messages this round added to the conversation (assistant, then its tool results); `done` on the last. */
  | { type: 'roundEnd'; round: number; messages: ChatMessage[]; done: boolean }
  /** The model still wanted tools after `maxRounds` rounds; those calls were not run. */
  | { type: 'roundLimit'; maxRounds: number; pendingCalls: ToolCall[] };

export const DEFAULT_MAX_ROUNDS = 8;

interface StreamingClient {
  stream(request: ChatRequest, signal?: AbortSignal): AsyncIterable<StreamEvent>;
}

/** Choice 0 is the conversation that continues (n > 1 makes no sense in a loop). */
export async function* runToolLoop(
  client: StreamingClient,
  request: ChatRequest,
  handlers: Readonly<Record<string, ToolHandler>>,
  options: ToolLoopOptions = {},
): AsyncGenerator<ToolLoopEvent, ChatMessage[], undefined> {
  const maxRounds = Math.max(1, Math.floor(options.maxRounds ?? DEFAULT_MAX_ROUNDS));
  const signal = options.signal;
  const messages = [...request.messages];

  for (let round = 1; ; round++) {
    yield { type: 'roundStart', round };
    let content = '';
    let reasoning = '';
    let finishReason: FinishReason | undefined;
    const calls: Array<{ call: ToolCall; args: unknown; argsError?: string }> = [];
    for await (const ev of client.stream({ ...request, messages }, signal)) {
      if ('index' in ev && ev.index === 0) {
        if (ev.type === 'content') content += ev.text;
        else if (ev.type === 'reasoning') reasoning += ev.text;
        else if (ev.type === 'toolCall') calls.push({ call: ev.call, args: ev.args, argsError: ev.argsError });
        else if (ev.type === 'finish') finishReason = ev.finishReason;
      }
      yield ev;
    }

    const assistant: ChatMessage = { role: 'assistant', content: content || null };
    if (reasoning) assistant.reasoning_content = reasoning;
    if (finishReason !== 'tool_calls' || calls.length === 0) {
      messages.push(assistant);
      yield { type: 'roundEnd', round, messages: [assistant], done: true };
      return messages;
    }
    if (round >= maxRounds) {
      yield { type: 'roundLimit', maxRounds, pendingCalls: calls.map((c) => c.call) };
      return messages;
    }

    const toolCalls = calls.map((c) => c.call);
    assistant.tool_calls = toolCalls;
    const added: ChatMessage[] = [assistant];
    for (const [i, { call, args, argsError }] of calls.entries()) {
      const { content: result, isError, arguments: repaired } = options.dispatch
        ? await dispatchCall(options.dispatch, call, signal)
        : await runHandler(handlers, call, args, argsError, signal);
      if (repaired !== undefined) toolCalls[i] = { ...call, function: { ...call.function, arguments: repaired } };
      yield { type: 'toolResult', round, call, content: result, isError };
      added.push({ role: 'tool', content: result, tool_call_id: call.id });
    }
    messages.push(...added);
    yield { type: 'roundEnd', round, messages: added, done: false };
  }
}

async function dispatchCall(dispatch: ToolDispatcher, call: ToolCall, signal: AbortSignal | undefined): Promise<ToolDispatchResult> {
  const result = await dispatch(call, signal);
  if (signal?.aborted) throw cancelledError();
  return result;
}

async function runHandler(
  handlers: Readonly<Record<string, ToolHandler>>,
  call: ToolCall,
  args: unknown,
  argsError: string | undefined,
  signal: AbortSignal | undefined,
): Promise<ToolDispatchResult> {
  const name = call.function.name;
  const handler = Object.prototype.hasOwnProperty.call(handlers, name) ? handlers[name] : undefined;
  if (!handler) return { content: `Error: there is no tool named "${name}".`, isError: true };
  if (argsError) return { content: `Error: ${argsError}`, isError: true };
  try {
    const result = await handler(args, call, signal);
    if (signal?.aborted) throw cancelledError();
    return { content: typeof result === 'string' ? result : JSON.stringify(result), isError: false };
  } catch (error) {
    if (signal?.aborted) throw cancelledError();
    return { content: `Error: ${error instanceof Error ? error.message : String(error)}`, isError: true };
  }
}
