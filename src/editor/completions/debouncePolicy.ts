// How long to wait after a keystroke before asking the model. A request only pays off when the user pauses,
// so the wait follows the user's own rhythm: a bit longer than their usual gap between keys (a fast typist
// waits less), longer while suggestions keep being ignored, and short at natural pause points.

export interface DebounceOptions {
  minMs: number;
  maxMs: number;
  /** Before the typing rhythm is known. */
  initialMs: number;
}

export const DEFAULT_DEBOUNCE: DebounceOptions = { minMs: 60, maxMs: 400, initialMs: 150 };

/** Gaps longer than this are pauses, not typing rhythm. */
const PAUSE_MS = 1000;
const SAMPLES = 9;
/** After these characters the user usually stops to think: ask sooner. */
const PAUSE_POINT = /(?:^\s*|[.(,{:=]\s*)$/;

export class DebouncePolicy {
  private lastKeyAt: number | undefined;
  private readonly gaps: number[] = [];
  private ignoredStreak = 0;

  constructor(private readonly opts: DebounceOptions = DEFAULT_DEBOUNCE) {}

  /** Every keystroke (every call of the provider for a changed document). */
  keystroke(now: number): void {
    if (this.lastKeyAt !== undefined) {
      const gap = now - this.lastKeyAt;
      if (gap > 0 && gap < PAUSE_MS) {
        this.gaps.push(gap);
        if (this.gaps.length > SAMPLES) this.gaps.shift();
      }
    }
    this.lastKeyAt = now;
  }

  /** A suggestion was shown and then typed over or dismissed. */
  ignored(): void {
    this.ignoredStreak = Math.min(this.ignoredStreak + 1, 8);
  }

  accepted(): void {
    this.ignoredStreak = 0;
  }

  /** The wait before a request for the text before the cursor `linePrefix`. */
  delay(linePrefix: string): number {
    const { minMs, maxMs, initialMs } = this.opts;
    const rhythm = this.gaps.length >= 3 ? median(this.gaps) * 1.6 : initialMs;
    const patience = rhythm * 1.15 ** this.ignoredStreak;
    const ms = PAUSE_POINT.test(linePrefix) ? patience * 0.6 : patience;
    return Math.round(Math.min(maxMs, Math.max(minMs, ms)));
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
