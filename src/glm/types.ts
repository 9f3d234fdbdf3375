// Wire and event types of the GLM Chat Completions API (OpenAI-compatible, plus Zhipu's additions).
// Shared by the service, the mock server, the chat and the editor commands.

import type { UserContent } from './contentParts';
import type { WebSource } from './webSearch';

export type Role = 'system' | 'user' | 'assistant' | 'tool';

export interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export type ChatMessage =
  | { role: 'system'; content: string }
  /** A string, or text and image parts (vision models; see contentParts.ts). */
  | { role: 'user'; content: UserContent }
  | { role: 'assistant'; content: string | null; tool_calls?: ToolCall[]; reasoning_content?: string }
  | { role: 'tool'; content: string; tool_call_id: string };

export interface ToolDefinition {
  type: 'function';
  function: { name: string; description?: string; parameters?: Record<string, unknown> };
}

export type ToolChoice = 'auto' | 'none' | 'required' | { type: 'function'; function: { name: string } };

export type ThinkingMode = 'auto' | 'enabled' | 'disabled';

/** What callers ask for; the request builder turns it into a wire body for one endpoint. */
export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  n?: number;
  stop?: string | string[];
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  /** `auto` sends nothing and leaves the model's default. */
  thinking?: ThinkingMode;
  /**
   * Preserved thinking: earlier assistant `reasoning_content` is sent back unmodified (and, on Zhipu's API
   * endpoints, `clear_thinking: false`). Without it earlier reasoning is dropped from the request.
   */
  preserveThinking?: boolean;
  /** Add Zhipu's built-in `web_search` tool (Zhipu endpoints only; ignored elsewhere). */
  webSearch?: boolean;
  /** Ask for tool-call arguments in fragments (Zhipu endpoints, GLM-4.6 and later). */
  toolStream?: boolean;
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  /** Zhipu's context cache: part of the prompt billed as cached. */
  prompt_tokens_details?: { cached_tokens?: number };
  completion_tokens_details?: { reasoning_tokens?: number };
}

export type FinishReason =
  | 'stop'
  | 'length'
  | 'tool_calls'
  | 'content_filter'
  | 'sensitive'
  | 'model_context_window_exceeded'
  | 'network_error'
  | (string & {});

/** One `chat.completion.chunk` as it arrives on the wire. */
export interface ChatCompletionChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: Array<{
    index: number;
    delta: {
      role?: 'assistant';
      content?: string | null;
      reasoning_content?: string | null;
      tool_calls?: Array<{
        index: number;
        id?: string;
        type?: 'function';
        function?: { name?: string; arguments?: string };
      }>;
    };
    finish_reason: FinishReason | null;
  }>;
  usage?: Usage | null;
}

/** A whole (non-streamed) `chat.completion`. */
export interface ChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: Array<{
    index: number;
    message: { role: 'assistant'; content: string | null; reasoning_content?: string; tool_calls?: ToolCall[] };
    finish_reason: FinishReason | null;
  }>;
  usage?: Usage;
  /** Sources of Zhipu's built-in web search, parsed. */
  web_search?: WebSource[];
}

/**
 * Typed events yielded by `GlmClient.stream()`. Per-choice events carry the choice `index` (n > 1).
 * `attempt` marks a retry or fallback so the UI can say so; content of a failed attempt is never
 * followed by a retry (retries happen only before content reached the caller).
 */
export type StreamEvent =
  | { type: 'start'; id: string; model: string }
  /** Text to append to choice `index`: one or more wire deltas (those that arrived in the same network read). */
  | { type: 'content'; index: number; text: string }
  | { type: 'reasoning'; index: number; text: string }
  | { type: 'toolCallDelta'; index: number; callIndex: number; id: string; name: string; argumentsSoFar: string; fragment: string }
  /** A finished tool call; `args` is `call.function.arguments` parsed (undefined with `argsError` when invalid). */
  | { type: 'toolCall'; index: number; call: ToolCall; args?: unknown; argsError?: string }
  | { type: 'usage'; usage: Usage }
  /** Sources of Zhipu's built-in web search (the response's top-level `web_search`); again when more arrive. */
  | { type: 'webSources'; sources: WebSource[] }
  | { type: 'retry'; attempt: number; delayMs: number; reason: string }
  | { type: 'fallback'; fromModel: string; toModel: string; reason: string }
  | { type: 'finish'; index: number; finishReason: FinishReason; model: string };
