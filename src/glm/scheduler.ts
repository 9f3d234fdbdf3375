// The one request manager every GLM call goes through (GlmClient acquires a slot per HTTP attempt). Per
// endpoint: a concurrency limit, three priorities served FIFO, stale completions dropped instead of queued,
// cancellation while queued without sending, a limit lowered by 1302/1305 that recovers step by step, and
// a "limited until" state after 1308/1310 during which nothing is sent. Pure: clock and timers are injected.

import { cancelledError, GlmError } from './errors';
import { LatencyLog } from './schedulerLatency';
import { formatLocalTime } from './schedulerLimits';
import { EndpointQueue, PRIORITIES, type RequestPriority, type Waiter } from './schedulerQueue';

export type { RequestPriority } from './schedulerQueue';

export interface SchedulerClock {
  now(): number;
  /** Runs `fn` after `ms`; returns a function that cancels it. */
  setTimer(fn: () => void, ms: number): () => void;
}

export const systemClock: SchedulerClock = {
  now: () => Date.now(),
  setTimer: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // A pending recovery must never keep a process (tests, the mock CLI) alive.
    (t as { unref?: () => void }).unref?.();
    return () => clearTimeout(t);
  },
};

export interface SchedulerOptions {
  clock?: SchedulerClock;
  /** Debug log of each scheduling decision. */
  log?: (message: string) => void;
  /** After a 1302 lowered the limit, it goes up by one per this much time without another 1302. */
  recoveryMs?: number;
  /** How long "limited" lasts when a 1308/1310 names no reset time. */
  unknownResetMs?: number;
}

export interface SlotRequest {
  /** Requests are limited per endpoint (its base URL). */
  endpoint: string;
  /** The configured limit (`glm.maxConcurrentRequests` or the preset's default). */
  limit: number;
  priority?: RequestPriority;
  signal?: AbortSignal;
  /** Called while the request waits, with how many queued requests go before it (0: next). */
  onQueued?(ahead: number): void;
  /** Send even while the endpoint is limited (the user chose to). */
  ignoreLimit?: boolean;
  /** Checked right before a queued completion is sent: a stale one is dropped. */
  isStale?(): boolean;
  /** Put first in its priority (a request sent back by a 1302 has waited already). */
  front?: boolean;
}

export interface Slot {
  readonly endpoint: string;
  readonly priority: RequestPriority;
  /** When the request was asked for and when it got the slot. */
  readonly requestedAt: number;
  readonly grantedAt: number;
  /** Idempotent. */
  release(): void;
}

export interface EndpointState {
  endpoint: string;
  configuredLimit: number;
  /** Lower than configured for a while after 1302. */
  effectiveLimit: number;
  active: number;
  queued: number;
  /** Epoch ms until which nothing is sent (1308/1310); undefined when not limited. */
  limitedUntil?: number;
  limitedCode?: string;
}

const DEFAULT_RECOVERY_MS = 60_000;
const DEFAULT_UNKNOWN_RESET_MS = 10 * 60_000;

export class RequestScheduler {
  private readonly clock: SchedulerClock;
  private readonly endpoints = new Map<string, EndpointQueue>();
  private readonly listeners = new Set<() => void>();
  private nextId = 1;
  /** Time to first response of the last requests, per endpoint. */
  readonly latency = new LatencyLog();

  constructor(private readonly options: SchedulerOptions = {}) {
    this.clock = options.clock ?? systemClock;
  }

  /** Resolves with a slot once the request may be sent; rejects when cancelled, dropped or limited. */
  acquire(req: SlotRequest): Promise<Slot> {
    const q = this.queue(req.endpoint, req.limit);
    const priority = req.priority ?? 'interactive';
    if (req.signal?.aborted) return Promise.reject(cancelledError());
    const limited = this.limitedError(q, req.ignoreLimit === true);
    if (limited) {
      this.log(`refused ${priority} at ${q.label}: limited until ${formatLocalTime(q.limit!.until, this.clock.now())}`);
      return Promise.reject(limited);
    }
    return new Promise<Slot>((resolve, reject) => {
      const waiter: Waiter = {
        id: this.nextId++, priority, requestedAt: this.clock.now(), ahead: -1, req, resolve, reject,
      };
      if (priority === 'completion') {
        for (const old of q.take((w) => w.priority === 'completion')) {
          this.drop(q, old, new GlmError('cancelled', 'A newer completion request replaced this one.'), 'superseded completion');
        }
      }
      if (req.signal) {
        waiter.onAbort = () => {
          if (q.remove(waiter)) this.drop(q, waiter, cancelledError(), 'cancelled while queued');
          this.pump(q);
        };
        req.signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      q.enqueue(waiter, req.front === true);
      this.pump(q);
      if (q.has(waiter)) this.log(`queued ${priority} #${waiter.id} at ${q.label}: ${q.active}/${q.effectiveLimit(this.clock.now())} active, ${waiter.ahead} ahead`);
    });
  }

  /**
   * A 1302/1305 on this slot (call before releasing it): the server takes fewer than we sent, so the limit
   * drops to what else of ours is in flight. Returns whether to queue the request again: yes when other
   * requests of ours hold slots (it goes next when one ends); no when it was alone, since then someone
   * else holds the server's slots and the caller's retry with backoff (and Retry-After) is the right wait.
   */
  reportConcurrencyLimit(slot: Slot): boolean {
    const q = this.queue(slot.endpoint);
    const now = this.clock.now();
    const others = q.active - 1;
    const before = q.effectiveLimit(now);
    q.lowered = Math.max(1, Math.min(before, others));
    q.recoverAt = now + (this.options.recoveryMs ?? DEFAULT_RECOVERY_MS);
    this.log(`${slot.priority} at ${q.label} got a concurrency error with ${q.active} active: limit ${before} -> ${q.lowered}`);
    this.changed();
    return others >= 1;
  }

  /** A 1308/1310: nothing is sent to the endpoint until `until` (a guess when the server named none). */
  reportCap(endpoint: string, code: string, until: number | undefined): EndpointState {
    const q = this.queue(endpoint);
    const now = this.clock.now();
    const end = until ?? now + (this.options.unknownResetMs ?? DEFAULT_UNKNOWN_RESET_MS);
    q.cancelLimitTimer?.();
    q.limit = { until: end, code };
    q.cancelLimitTimer = this.clock.setTimer(() => this.resume(endpoint), Math.max(0, end - now));
    this.log(`${q.label} limited until ${formatLocalTime(end, now)} (${code}${until === undefined ? ', no reset time given' : ''})`);
    const error = this.limitedError(q, false)!;
    for (const w of q.take((x) => x.req.ignoreLimit !== true)) this.drop(q, w, error, 'limited');
    this.changed();
    return this.state(endpoint);
  }

  /** Ends a "limited" state early (the reset time passed, or the user chose to send anyway). */
  resume(endpoint: string): void {
    const q = this.endpoints.get(endpoint);
    if (!q?.limit) return;
    q.cancelLimitTimer?.();
    q.limit = undefined;
    q.cancelLimitTimer = undefined;
    this.log(`${q.label} no longer limited`);
    this.pump(q);
    this.changed();
  }

  state(endpoint: string, configuredLimit?: number): EndpointState {
    const q = this.endpoints.get(endpoint);
    const now = this.clock.now();
    if (!q) {
      const limit = configuredLimit ?? 1;
      return { endpoint, configuredLimit: limit, effectiveLimit: limit, active: 0, queued: 0 };
    }
    const limited = q.limit && q.limit.until > now ? q.limit : undefined;
    return {
      endpoint,
      configuredLimit: configuredLimit ?? q.configured,
      effectiveLimit: Math.min(configuredLimit ?? q.configured, q.effectiveLimit(now)),
      active: q.active,
      queued: q.size(),
      ...(limited ? { limitedUntil: limited.until, limitedCode: limited.code } : {}),
    };
  }

  /** Called after every change of a state (queue, slots, limits); returns the unsubscribe function. */
  onDidChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private queue(endpoint: string, limit?: number): EndpointQueue {
    let q = this.endpoints.get(endpoint);
    if (!q) {
      q = new EndpointQueue(endpoint, limit ?? 1, this.options.recoveryMs ?? DEFAULT_RECOVERY_MS);
      this.endpoints.set(endpoint, q);
    }
    if (limit !== undefined && limit >= 1) q.configured = limit;
    return q;
  }

  private limitedError(q: EndpointQueue, ignoreLimit: boolean): GlmError | undefined {
    if (!q.limit || ignoreLimit) return undefined;
    const now = this.clock.now();
    if (q.limit.until <= now) {
      this.resume(q.key);
      return undefined;
    }
    const at = formatLocalTime(q.limit.until, now);
    return new GlmError('quota', `The usage cap of ${q.label} is reached: requests are paused until ${at} (local time).`, {
      code: q.limit.code, resetAt: at, retryable: false,
    });
  }

  /** Hands out free slots: highest priority first, FIFO within one; completions never take the last slot. */
  private pump(q: EndpointQueue): void {
    const now = this.clock.now();
    for (;;) {
      const limit = q.effectiveLimit(now);
      const next = q.peek();
      if (!next || q.active >= limit) break;
      if (next.priority === 'completion' && q.activeBy.completion >= Math.max(1, limit - 1)) break;
      q.remove(next);
      if (next.req.isStale?.()) {
        this.drop(q, next, new GlmError('cancelled', 'The completion request went stale while it waited.'), 'stale completion');
        continue;
      }
      this.grant(q, next, now);
    }
    this.notifyAhead(q);
    this.changed();
  }

  private grant(q: EndpointQueue, w: Waiter, now: number): void {
    if (w.onAbort) w.req.signal?.removeEventListener('abort', w.onAbort);
    q.active++;
    q.activeBy[w.priority]++;
    let released = false;
    const slot: Slot = {
      endpoint: q.key, priority: w.priority, requestedAt: w.requestedAt, grantedAt: now,
      release: () => {
        if (released) return;
        released = true;
        q.active--;
        q.activeBy[w.priority]--;
        this.pump(q);
      },
    };
    const waited = w.ahead >= 0 ? `after waiting ${now - w.requestedAt} ms` : 'at once';
    this.log(`sent ${w.priority} #${w.id} to ${q.label} ${waited} (${q.active}/${q.effectiveLimit(now)} active)`);
    w.resolve(slot);
  }

  private drop(q: EndpointQueue, w: Waiter, error: GlmError, why: string): void {
    if (w.onAbort) w.req.signal?.removeEventListener('abort', w.onAbort);
    this.log(`dropped ${w.priority} #${w.id} at ${q.label}: ${why}`);
    w.reject(error);
  }

  private notifyAhead(q: EndpointQueue): void {
    let ahead = 0;
    for (const p of PRIORITIES) {
      for (const w of q.queues[p]) {
        if (w.ahead !== ahead) {
          w.ahead = ahead;
          try {
            w.req.onQueued?.(ahead);
          } catch {
            // A listener's failure must not wedge the queue.
          }
        }
        ahead++;
      }
    }
  }

  private changed(): void {
    for (const l of [...this.listeners]) {
      try {
        l();
      } catch {
        // Same as above: the scheduler keeps going.
      }
    }
  }

  private log(message: string): void {
    this.options.log?.(`scheduler: ${message}`);
  }
}
