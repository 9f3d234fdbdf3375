// A fake clock for the scheduler tests: time moves only when a test says so, timers fire in order.
import type { SchedulerClock } from '../../../src/glm/scheduler';

export class FakeClock implements SchedulerClock {
  private time = Date.UTC(2026, 10, 26, 0, 0, 0);
  private timers: Array<{ at: number; fn: () => void; id: number }> = [];
  private nextId = 1;

  now(): number {
    return this.time;
  }

  setTimer(fn: () => void, ms: number): () => void {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, fn, id });
    return () => {
      this.timers = this.timers.filter((t) => t.id !== id);
    };
  }

  /** Moves time forward, firing due timers in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.time = next.at;
      next.fn();
    }
    this.time = end;
  }

  pending(): number {
    return this.timers.length;
  }
}

/** Lets promise callbacks (slot grants, rejections) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}
