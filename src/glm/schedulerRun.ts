// One HTTP attempt of GlmClient run inside a scheduler slot: waits for the slot, sends a 1302/1305 back to the
// queue (the scheduler lowers the limit) instead of failing while other requests of ours hold slots, turns a 1308/1310 into "limited until <local
// time>" for the whole endpoint, and reports latency and token usage of what came back.

import { GlmError, toGlmError } from './errors';
import type { RequestPriority, RequestScheduler } from './scheduler';
import { concurrencyLimit, endpointKey, formatLocalTime, isCapError, isConcurrencyError, parseResetTime } from './schedulerLimits';
import { getPreset, type PresetId } from './presets';
import type { Usage } from './types';

/** Per-request scheduling options of `GlmClient.stream()` / `complete()`. */
export interface RequestOptions {
  /** Default `interactive` (a person waits); `agent` for agent rounds; `completion` for ghost text. */
  priority?: RequestPriority;
  /** While the request waits for a free slot: how many queued requests go first (0: it is next). */
  onQueued?(ahead: number): void;
  /** The request got its slot and goes to the server (again after a requeue or retry). */
  onSent?(): void;
  /** Send even while the endpoint is "limited until" a reset time (the user asked to). */
  ignoreLimit?: boolean;
  /** For completions: checked before a queued request is sent; true drops it (kind `cancelled`). */
  isStale?(): boolean;
}

/** What the usage statistics get of each answer: never any content. */
export interface UsageRecord {
  model: string;
  priority: RequestPriority;
  usage: Usage;
}

export interface ScheduleContext {
  scheduler: RequestScheduler;
  endpoint: string;
  limit: number;
  model: string;
  options: RequestOptions;
  signal?: AbortSignal;
  now: () => number;
  onUsage?: (record: UsageRecord) => void;
  onLatency?: (ms: number) => void;
}

/** The scheduling side of a client's settings (GlmClientConfig). */
export interface ScheduleSettings {
  baseUrl: string;
  presetId: PresetId;
  maxConcurrentRequests?: number;
  onUsage?: (record: UsageRecord) => void;
}

export function scheduleContext(
  cfg: ScheduleSettings, scheduler: RequestScheduler, model: string, options: RequestOptions, signal?: AbortSignal,
): ScheduleContext {
  const endpoint = endpointKey(cfg.baseUrl);
  return {
    scheduler, endpoint, limit: concurrencyLimit(getPreset(cfg.presetId).id, cfg.maxConcurrentRequests), model, options, signal,
    now: Date.now, onUsage: cfg.onUsage, onLatency: (ms) => scheduler.latency.record(endpoint, ms),
  };
}

/** Bounds the requeues of one attempt when the server's limit keeps dropping. */
const MAX_REQUEUES = 6;

export async function* scheduledAttempt<T>(
  ctx: ScheduleContext,
  attempt: () => AsyncIterable<T>,
  delivers: (item: T) => boolean,
  usageOf: (item: T) => Usage | undefined,
): AsyncGenerator<T, void, undefined> {
  const { options } = ctx;
  const priority = options.priority ?? 'interactive';
  for (let requeues = 0; ; requeues++) {
    const slot = await ctx.scheduler.acquire({
      endpoint: ctx.endpoint, limit: ctx.limit, priority, signal: ctx.signal, front: requeues > 0,
      onQueued: options.onQueued, ignoreLimit: options.ignoreLimit, isStale: options.isStale,
    });
    options.onSent?.();
    let delivered = false;
    let answered = false;
    try {
      for await (const item of attempt()) {
        if (!answered) {
          answered = true;
          ctx.onLatency?.(ctx.now() - slot.grantedAt);
        }
        if (!delivered && delivers(item)) delivered = true;
        const usage = usageOf(item);
        if (usage) report(ctx, { model: ctx.model, priority, usage });
        yield item;
      }
      return;
    } catch (caught) {
      const error = toGlmError(caught);
      if (!delivered && !ctx.signal?.aborted && isConcurrencyError(error)) {
        if (ctx.scheduler.reportConcurrencyLimit(slot) && requeues < MAX_REQUEUES) continue;
      }
      throw isCapError(error) ? capReached(ctx, error) : error;
    } finally {
      slot.release();
    }
  }
}

/** Puts the endpoint in "limited until" and says so with the local reset time. */
function capReached(ctx: ScheduleContext, error: GlmError): GlmError {
  const now = ctx.now();
  const state = ctx.scheduler.reportCap(ctx.endpoint, error.code ?? '1308', parseResetTime(error.serverMessage ?? error.message, now));
  const at = formatLocalTime(state.limitedUntil ?? now, now);
  const server = error.serverMessage ? ` Server: "${error.serverMessage}"` : '';
  return new GlmError('quota', `The usage cap is reached: requests are paused until ${at} (local time).${server} (${error.code})`, {
    status: error.status, code: error.code, traceId: error.traceId, retryable: false, model: error.model,
    resetAt: at, serverMessage: error.serverMessage, cause: error,
  });
}

function report(ctx: ScheduleContext, record: UsageRecord): void {
  try {
    ctx.onUsage?.(record);
  } catch {
    // Statistics never break an answer.
  }
}
