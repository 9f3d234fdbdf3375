// The one place where a completion's request options are built. Completions are latency- and cost-critical:
// no thinking, few output tokens, a low temperature (the likeliest code, and repeats that the cache can serve).
import type { RequestOptions } from '../../glm/schedulerRun';
import type { ChatMessage, ChatRequest } from '../../glm/types';
import { maxTokensFor, stopSequences, type CompletionMode } from './completionMode';

export function completionRequest(model: string, messages: ChatMessage[], mode: CompletionMode): ChatRequest {
  return {
    model,
    messages,
    maxTokens: maxTokensFor(mode),
    stop: stopSequences(mode),
    temperature: 0.1,
    thinking: 'disabled',
  };
}

/**
 * How the shared scheduler treats completions: behind the chat and the agent, and a newer completion replaces
 * a queued older one (its context is gone).
 */
export const COMPLETION_REQUEST_OPTIONS: RequestOptions = { priority: 'completion' };
