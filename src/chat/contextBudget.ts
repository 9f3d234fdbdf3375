// Token estimates and history trimming. No GLM tokenizer ships on npm, so: a chars-per-token heuristic
// (CJK characters cost far more per character than Latin text or code), corrected by a ratio learned
// from the usage.prompt_tokens the server reports for prompts we estimated.
import { imageCount, textOf } from '../glm/contentParts';
import { IMAGE_TOKEN_ESTIMATE } from '../shared/imageProtocol';
import type { ChatMessage } from '../glm/types';
import { describeModel } from '../glm/modelCatalog';

export interface ModelLimits {
  contextWindow: number;
  maxOutput: number;
}

/** A model that documents no output limit. */
const DEFAULT_MAX_OUTPUT = 4_096;
/**
 * Room kept for the answer when the user set no max_tokens. Reserving the documented 128K maximum would
 * leave a 200K model only 72K for the conversation; 16K covers almost every answer.
 */
export const DEFAULT_OUTPUT_RESERVE = 16_384;
/** Structural tokens per message (role markers), as OpenAI-style templates add. */
const PER_MESSAGE = 4;

export function limitsFor(model: string): ModelLimits {
  // Unknown ids get the catalog's safe limits.
  const info = describeModel(model);
  return { contextWindow: info.contextWindow, maxOutput: info.maxOutput ?? DEFAULT_MAX_OUTPUT };
}

// Han, kana, hangul, CJK punctuation and full-width forms.
const CJK = /[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/g;

/** Uncalibrated estimate: ~0.7 tokens per CJK character, ~1 token per 3.5 other characters. */
export function rawEstimate(text: string): number {
  const cjk = text.match(CJK)?.length ?? 0;
  const other = text.length - cjk;
  return Math.ceil(cjk * 0.7 + other / 3.5);
}

/** Learns how far the heuristic is off for this user's traffic (moving average, bounded). */
export class TokenEstimator {
  private ratio = 1;

  estimateText(text: string): number {
    return Math.ceil(rawEstimate(text) * this.ratio);
  }

  estimateMessages(messages: ChatMessage[]): number {
    return messages.reduce((sum, m) => sum + this.estimateMessage(m), 0);
  }

  estimateMessage(message: ChatMessage): number {
    return PER_MESSAGE + this.estimateText(textOf(message.content)) + imageCount(message.content) * IMAGE_TOKEN_ESTIMATE;
  }

  /** Feeds back the server's count for a prompt whose raw estimate was `rawTokens`. */
  calibrate(rawTokens: number, promptTokens: number): void {
    if (rawTokens < 50 || promptTokens <= 0) return;
    const observed = Math.min(3, Math.max(0.33, promptTokens / rawTokens));
    this.ratio = this.ratio * 0.7 + observed * 0.3;
  }

  rawMessages(messages: ChatMessage[]): number {
    return messages.reduce((sum, m) => sum + PER_MESSAGE + rawEstimate(textOf(m.content)) + imageCount(m.content) * IMAGE_TOKEN_ESTIMATE, 0);
  }

  get calibration(): number {
    return this.ratio;
  }
}

export interface BudgetInput {
  system?: ChatMessage;
  /** Earlier messages, oldest first, in user/assistant pairs as the history produced them. */
  history: ChatMessage[];
  /** The message being sent now (with its attached context). */
  latest: ChatMessage;
  limits: ModelLimits;
  /** max_tokens the request will send, if any. */
  maxTokens?: number;
}

export type BudgetResult =
  | { ok: true; messages: ChatMessage[]; estimatedTokens: number; droppedMessages: number; budget: number }
  | { ok: false; estimatedTokens: number; budget: number };

/** Room for the prompt: the window minus what the answer may use, minus a 5% safety margin for the estimate. */
export function promptBudget(limits: ModelLimits, maxTokens?: number): number {
  const reserve = Math.min(maxTokens ?? DEFAULT_OUTPUT_RESERVE, limits.maxOutput);
  return Math.floor((limits.contextWindow - reserve) * 0.95);
}

/**
 * Keeps the system prompt and the latest message, then as many of the newest earlier messages as fit,
 * dropping from the oldest end. Refuses (ok: false) when the system prompt and latest message alone exceed it.
 */
export function fitToBudget(input: BudgetInput, estimator: TokenEstimator): BudgetResult {
  const budget = promptBudget(input.limits, input.maxTokens);
  const fixed = [input.system, input.latest].filter((m): m is ChatMessage => m !== undefined);
  let used = estimator.estimateMessages(fixed);
  if (used > budget) return { ok: false, estimatedTokens: used, budget };
  let keepFrom = input.history.length;
  for (let i = input.history.length - 1; i >= 0; i--) {
    const cost = estimator.estimateMessage(input.history[i]);
    if (used + cost > budget) break;
    used += cost;
    keepFrom = i;
  }
  // Never open the kept history with an orphaned answer: start at a user message.
  while (keepFrom < input.history.length && input.history[keepFrom].role !== 'user') {
    used -= estimator.estimateMessage(input.history[keepFrom]);
    keepFrom++;
  }
  const kept = input.history.slice(keepFrom);
  const messages = [...(input.system ? [input.system] : []), ...kept, input.latest];
  return { ok: true, messages, estimatedTokens: used, droppedMessages: keepFrom, budget };
}
