// ChatRequest -> JSON wire body for one endpoint preset. Sends only what the caller set and the endpoint takes,
// clamped to the endpoint's ranges, because a gateway may reject parameters it does not know (400
// api_not_implemented) and Zhipu rejects out-of-range values.

import { withoutImages } from './contentParts';
import { getModelInfo } from './modelCatalog';
import type { EndpointPreset, NumberRange } from './presets';
import { sendsReasoningHistory, thinkingField, type WireThinking } from './thinking';
import { offersWebSearch, WEB_SEARCH_TOOL, type WebSearchTool } from './webSearch';
import type { ChatMessage, ChatRequest, ToolChoice, ToolDefinition } from './types';

export interface WireBody {
  model: string;
  messages: ChatMessage[];
  stream: boolean;
  max_tokens?: number;
  temperature?: number;
  top_p?: number;
  n?: number;
  stop?: string | string[];
  tools?: Array<ToolDefinition | WebSearchTool>;
  tool_choice?: ToolChoice;
  thinking?: WireThinking;
  tool_stream?: boolean;
  stream_options?: { include_usage: boolean };
}

export function buildRequestBody(request: ChatRequest, preset: EndpointPreset, stream: boolean): WireBody {
  const model = request.model.trim();
  const info = getModelInfo(model);
  const messages = wireMessages(request.messages, request, preset);
  // Image parts go only to a model that takes them; every other model gets the text with a note.
  const body: WireBody = { model, messages: info?.imageInput ? messages : messages.map(textOnly), stream };

  const maxOut = info?.maxOutput;
  if (isNumber(request.maxTokens)) {
    body.max_tokens = Math.max(1, Math.floor(maxOut === undefined ? request.maxTokens : Math.min(request.maxTokens, maxOut)));
  }
  if (isNumber(request.temperature)) body.temperature = clamp(request.temperature, preset.temperature);
  if (isNumber(request.topP)) body.top_p = clamp(request.topP, preset.topP);
  if (isNumber(request.n) && request.n !== 1) body.n = Math.max(1, Math.floor(request.n));

  const stop = stopWords(request.stop, preset.maxStopWords);
  if (stop !== undefined) body.stop = stop;

  const tools = request.tools?.length ? request.tools : undefined;
  if (tools) {
    const choice = request.toolChoice;
    if (preset.toolChoiceAutoOnly && choice !== undefined && choice !== 'auto') {
      // Zhipu takes only "auto"; "none" is honoured by not offering the tools at all.
      if (choice !== 'none') {
        body.tools = tools;
        body.tool_choice = 'auto';
      }
    } else {
      body.tools = tools;
      if (choice !== undefined) body.tool_choice = choice;
    }
  }

  if (request.webSearch === true && offersWebSearch(preset.id)) body.tools = [...(body.tools ?? []), WEB_SEARCH_TOOL];
  const thinking = thinkingField(request, preset, info);
  if (thinking) body.thinking = thinking;
  if (stream && body.tools && request.toolStream === true && preset.toolStream && (info?.toolStream ?? true)) {
    body.tool_stream = true;
  }
  if (stream && preset.streamOptions) body.stream_options = { include_usage: true };
  return body;
}

/**
 * Messages with the reasoning_content the endpoint should see. Reasoning of the current turn's tool rounds
 * (after the last user message) goes back to endpoints that take it, as interleaved thinking requires;
 * earlier turns' reasoning only when preserving thinking, then byte for byte. The rest is dropped.
 */
function wireMessages(messages: ChatMessage[], request: ChatRequest, preset: EndpointPreset): ChatMessage[] {
  if (!preset.reasoningInHistory) return messages.map(withoutReasoning);
  if (sendsReasoningHistory(request, preset)) return messages;
  let lastUser = -1;
  messages.forEach((m, i) => {
    if (m.role === 'user') lastUser = i;
  });
  return messages.map((m, i) => (i < lastUser ? withoutReasoning(m) : m));
}

function textOnly(m: ChatMessage): ChatMessage {
  return m.role === 'user' && Array.isArray(m.content) ? { role: 'user', content: withoutImages(m.content) } : m;
}

function withoutReasoning(m: ChatMessage): ChatMessage {
  if (m.role !== 'assistant' || m.reasoning_content === undefined) return m;
  const { reasoning_content: _dropped, ...rest } = m;
  return rest;
}

function stopWords(stop: string | string[] | undefined, max: number): string | string[] | undefined {
  if (stop === undefined) return undefined;
  const words = (Array.isArray(stop) ? stop : [stop]).filter((w) => typeof w === 'string' && w.length > 0);
  if (words.length === 0) return undefined;
  // One word goes out as a plain string: every endpoint takes that form.
  return words.length === 1 || max === 1 ? words[0] : words.slice(0, max);
}

function clamp(value: number, range: NumberRange): number {
  return Math.min(range.max, Math.max(range.min, value));
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
