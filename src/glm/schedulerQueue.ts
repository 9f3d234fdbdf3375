// The state the scheduler keeps per endpoint: waiting requests by priority, slots in use, the limit lowered
// by 1302s and when it recovers, and the "limited until" of a 1308/1310.

import type { GlmError } from './errors';
import type { Slot, SlotRequest } from './scheduler';

/** A person waiting in the chat or on an editor command, then agent rounds, then ghost-text completions. */
export type RequestPriority = 'interactive' | 'agent' | 'completion';
export const PRIORITIES: readonly RequestPriority[] = ['interactive', 'agent', 'completion'];

export interface Waiter {
  id: number;
  priority: RequestPriority;
  requestedAt: number;
  /** Last count passed to onQueued (-1: never told). */
  ahead: number;
  req: SlotRequest;
  resolve(slot: Slot): void;
  reject(error: GlmError): void;
  onAbort?: () => void;
}

export class EndpointQueue {
  readonly queues: Record<RequestPriority, Waiter[]> = { interactive: [], agent: [], completion: [] };
  readonly activeBy: Record<RequestPriority, number> = { interactive: 0, agent: 0, completion: 0 };
  active = 0;
  /** Set by a 1302: the limit to keep to until it recovers. */
  lowered: number | undefined;
  recoverAt = 0;
  limit: { until: number; code: string } | undefined;
  cancelLimitTimer: (() => void) | undefined;
  /** For log lines: the host only, never a path or user info. */
  readonly label: string;

  constructor(readonly key: string, public configured: number, private readonly recoveryMs: number) {
    this.label = hostOf(key);
  }

  /** The lowered limit goes back up by one per quiet recovery period, up to the configured one. */
  effectiveLimit(now: number): number {
    while (this.lowered !== undefined && now >= this.recoverAt) {
      this.lowered++;
      this.recoverAt += this.recoveryMs;
      if (this.lowered >= this.configured) this.lowered = undefined;
    }
    return Math.max(1, Math.min(this.configured, this.lowered ?? this.configured));
  }

  enqueue(w: Waiter, front: boolean): void {
    if (front) this.queues[w.priority].unshift(w);
    else this.queues[w.priority].push(w);
  }

  peek(): Waiter | undefined {
    for (const p of PRIORITIES) if (this.queues[p].length > 0) return this.queues[p][0];
    return undefined;
  }

  has(w: Waiter): boolean {
    return this.queues[w.priority].includes(w);
  }

  remove(w: Waiter): boolean {
    const list = this.queues[w.priority];
    const i = list.indexOf(w);
    if (i < 0) return false;
    list.splice(i, 1);
    return true;
  }

  /** Removes and returns every waiter that matches. */
  take(match: (w: Waiter) => boolean): Waiter[] {
    const out: Waiter[] = [];
    for (const p of PRIORITIES) {
      const keep: Waiter[] = [];
      for (const w of this.queues[p]) (match(w) ? out : keep).push(w);
      this.queues[p] = keep;
    }
    return out;
  }

  size(): number {
    return PRIORITIES.reduce((n, p) => n + this.queues[p].length, 0);
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return '(invalid endpoint)';
  }
}
