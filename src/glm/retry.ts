// Retry and fallback policy. Retries only retryable errors and only while nothing of the failed attempt has
// reached the caller (a second copy of half an answer is worse than an error). Once the retries for a model
// are used up and the upstream is unavailable, the next model of the fallback chain is tried.

import { cancelledError, GlmError } from './errors';
import { MAX_RETRY_AFTER_MS } from './errorMapping';
import type { StreamEvent } from './types';

export const BASE_DELAY_MS = 500;
export const MAX_BACKOFF_MS = 8_000;

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;
export type ControlEvent = Extract<StreamEvent, { type: 'retry' } | { type: 'fallback' }>;

export interface RetryPolicy {
  maxRetries: number;
  sleep: Sleep;
  random: () => number;
  signal?: AbortSignal;
}

/** 0.5 s x 2^attempt, capped at 8 s, with "equal jitter": somewhere in the upper half of that. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, BASE_DELAY_MS * 2 ** attempt);
  return Math.round(base / 2 + (random() * base) / 2);
}

/** A server's Retry-After wins (capped at 60 s); otherwise exponential backoff. */
export function retryDelay(error: GlmError, attempt: number, random: () => number = Math.random): number {
  if (error.retryAfterMs !== undefined) return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, error.retryAfterMs));
  return backoffDelay(attempt, random);
}

/** Only an unavailable upstream (500 api_error, 503, Zhipu 1312) sends the request to another model. */
export function canFallBack(error: GlmError): boolean {
  return error.kind === 'unavailable';
}

/** Rejects with a `cancelled` GlmError as soon as the signal aborts. */
export const defaultSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** The requested model, then the fallbacks in order, each once. */
export function modelChain(requested: string, fallbacks: readonly string[] | undefined): string[] {
  const chain = [requested];
  for (const raw of fallbacks ?? []) {
    const model = typeof raw === 'string' ? raw.trim() : '';
    if (model && !chain.includes(model)) chain.push(model);
  }
  return chain;
}

/**
 * Runs `run(model)` along the model chain, yielding its items and the `retry` / `fallback` events.
 * `delivers(item)` says whether an item counts as content reaching the caller (no retry after that).
 */
export async function* withRetries<T>(
  models: readonly string[],
  policy: RetryPolicy,
  run: (model: string) => AsyncIterable<T>,
  delivers: (item: T) => boolean,
  toError: (error: unknown, model: string) => GlmError,
): AsyncGenerator<T | ControlEvent, void, undefined> {
  let lastError: GlmError | undefined;
  for (let m = 0; m < models.length; m++) {
    const model = models[m];
    if (lastError) yield { type: 'fallback', fromModel: models[m - 1], toModel: model, reason: lastError.message };
    for (let attempt = 0; ; attempt++) {
      if (policy.signal?.aborted) throw cancelledError();
      let delivered = false;
      try {
        for await (const item of run(model)) {
          if (!delivered && delivers(item)) delivered = true;
          yield item;
        }
        return;
      } catch (caught) {
        const error = policy.signal?.aborted ? cancelledError() : toError(caught, model);
        if (delivered || !error.retryable) throw error;
        if (attempt >= policy.maxRetries) {
          if (!canFallBack(error)) throw error;
          lastError = error;
          break;
        }
        const delayMs = retryDelay(error, attempt, policy.random);
        yield { type: 'retry', attempt: attempt + 1, delayMs, reason: error.message };
        await policy.sleep(delayMs, policy.signal);
      }
    }
  }
  if (lastError) throw lastError;
}
