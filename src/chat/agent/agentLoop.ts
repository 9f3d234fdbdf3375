// The agent's loop: runToolLoop with every call going through the ToolDispatcher, and each request's
// messages fitted to the context window by trimming the oldest tool results first.

import { runToolLoop, type ToolLoopEvent } from '../../glm/toolLoop';
import type { ChatMessage, ChatRequest, StreamEvent } from '../../glm/types';
import type { ToolDispatcher } from './toolDispatcher';
import { trimToolResults, type Estimator } from './toolResultTrim';

interface StreamingClient {
  stream(request: ChatRequest, signal?: AbortSignal): AsyncIterable<StreamEvent>;
}

export interface AgentLoopOptions {
  maxRounds: number;
  signal?: AbortSignal;
  /** Tokens the messages of one request may take, and how to count them. */
  budget?: { tokens: number; estimator: Estimator; onTrimmed?(count: number): void };
}

export function runAgentLoop(
  client: StreamingClient,
  request: ChatRequest,
  dispatcher: ToolDispatcher,
  options: AgentLoopOptions,
): AsyncGenerator<ToolLoopEvent, ChatMessage[], undefined> {
  const budget = options.budget;
  const fitted: StreamingClient = budget
    ? {
        stream: (req, signal) => {
          const { messages, trimmed } = trimToolResults(req.messages, budget.tokens, budget.estimator);
          if (trimmed > 0) budget.onTrimmed?.(trimmed);
          return client.stream({ ...req, messages }, signal);
        },
      }
    : client;
  return runToolLoop(fitted, request, {}, { maxRounds: options.maxRounds, signal: options.signal, dispatch: dispatcher.dispatch });
}
