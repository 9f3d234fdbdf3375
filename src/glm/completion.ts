// Non-streamed answers: a `chat.completion` body checked field by field into the ChatCompletion type, and
// the same answer as StreamEvents (for an endpoint that ignored `stream: true` and answered with JSON).

import { parseWebSources } from './webSearch';
import { argumentsText, parseArguments } from './chunkAssembler';
import { GlmError } from './errors';
import type { ChatCompletion, StreamEvent, ToolCall, Usage } from './types';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function normalizeCompletion(body: unknown, requestedModel: string): ChatCompletion {
  if (!isObj(body) || !Array.isArray(body.choices)) {
    throw new GlmError('network', 'The endpoint answered with something that is not a chat completion. Check the base URL.', {
      model: requestedModel,
      retryable: false,
    });
  }
  const model = typeof body.model === 'string' && body.model ? body.model : requestedModel;
  const choices: ChatCompletion['choices'] = [];
  body.choices.forEach((raw, position) => {
    if (!isObj(raw)) return;
    const index = typeof raw.index === 'number' ? raw.index : position;
    const message = isObj(raw.message) ? raw.message : {};
    const finish = typeof raw.finish_reason === 'string' ? raw.finish_reason : null;
    if (finish === 'network_error') {
      throw new GlmError('network', 'The provider lost the connection to the model (finish_reason network_error). Try again.', {
        model,
        code: 'network_error',
      });
    }
    const out: ChatCompletion['choices'][number]['message'] = {
      role: 'assistant',
      content: typeof message.content === 'string' ? message.content : null,
    };
    if (typeof message.reasoning_content === 'string') out.reasoning_content = message.reasoning_content;
    if (Array.isArray(message.tool_calls)) out.tool_calls = toolCalls(message.tool_calls, index);
    choices.push({ index, message: out, finish_reason: finish });
  });
  const completion: ChatCompletion = {
    id: typeof body.id === 'string' ? body.id : '',
    object: 'chat.completion',
    created: typeof body.created === 'number' ? body.created : Math.floor(Date.now() / 1000),
    model,
    choices,
  };
  if (isObj(body.usage)) completion.usage = body.usage as unknown as Usage;
  const sources = parseWebSources(body.web_search);
  if (sources.length) completion.web_search = sources;
  return completion;
}

function toolCalls(raw: unknown[], choiceIndex: number): ToolCall[] {
  const calls: ToolCall[] = [];
  raw.forEach((c, i) => {
    if (!isObj(c)) return;
    const fn = isObj(c.function) ? c.function : {};
    calls.push({
      id: typeof c.id === 'string' && c.id ? c.id : `call_${choiceIndex}_${i}`,
      type: 'function',
      function: { name: typeof fn.name === 'string' ? fn.name : '', arguments: argumentsText(fn.arguments) },
    });
  });
  return calls;
}

/** The events a stream of this answer would have produced. */
export function completionToEvents(completion: ChatCompletion): StreamEvent[] {
  const events: StreamEvent[] = [{ type: 'start', id: completion.id, model: completion.model }];
  for (const choice of completion.choices) {
    const { index, message } = choice;
    if (message.reasoning_content) events.push({ type: 'reasoning', index, text: message.reasoning_content });
    if (message.content) events.push({ type: 'content', index, text: message.content });
    for (const call of message.tool_calls ?? []) {
      events.push({ type: 'toolCall', index, call, ...parseArguments(call.function.arguments) });
    }
    const reason = choice.finish_reason ?? (message.tool_calls?.length ? 'tool_calls' : 'stop');
    events.push({ type: 'finish', index, finishReason: reason, model: completion.model });
  }
  if (completion.usage) events.push({ type: 'usage', usage: completion.usage });
  if (completion.web_search?.length) events.splice(1, 0, { type: 'webSources', sources: completion.web_search });
  return events;
}
