// When an agent conversation outgrows the context window, the oldest tool results go first: they are the
// bulkiest and the least needed (the model has already acted on them). Each is replaced by a marker, so
// the model knows it can call the tool again, and the call/result pairing the API requires stays intact.

import type { ChatMessage } from '../../glm/types';

export const TRIMMED_MARKER = '[This old tool result was removed to fit the context window; call the tool again if you need it.]';

export interface Estimator {
  estimateMessage(message: ChatMessage): number;
}

/** Tokens of a message including its tool-call arguments. */
export function messageTokens(m: ChatMessage, estimator: Estimator): number {
  const calls = m.role === 'assistant' && m.tool_calls ? m.tool_calls.reduce((n, c) => n + c.function.arguments.length / 3.5 + 8, 0) : 0;
  return estimator.estimateMessage(m) + Math.ceil(calls);
}

/** Returns a copy with the oldest tool results trimmed until the total fits `budget` (or none is left). */
export function trimToolResults(messages: readonly ChatMessage[], budget: number, estimator: Estimator): { messages: ChatMessage[]; trimmed: number } {
  const out = [...messages];
  let total = out.reduce((n, m) => n + messageTokens(m, estimator), 0);
  let trimmed = 0;
  for (let i = 0; i < out.length && total > budget; i++) {
    const m = out[i];
    if (m.role !== 'tool' || m.content === TRIMMED_MARKER) continue;
    const replacement: ChatMessage = { ...m, content: TRIMMED_MARKER };
    total -= messageTokens(m, estimator) - messageTokens(replacement, estimator);
    out[i] = replacement;
    trimmed++;
  }
  return { messages: out, trimmed };
}
