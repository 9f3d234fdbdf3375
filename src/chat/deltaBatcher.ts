// Coalesces a streamed answer's deltas into one message per kind per frame, whatever the model's pace: a
// burst of a thousand deltas and a trickle of one per read both reach the webview as at most one message
// per frame, so the host's cost per message (serialization, an IPC hop) does not grow with the pace.

export type DeltaKind = 'reasoning' | 'content';

/** How often the batch goes out: one message per two frames at 60 Hz; the webview renders at most once per frame. */
export const FRAME_MS = 32;

export interface FrameClock {
  /** Calls `fn` once after about `ms`; returns a cancel function. */
  schedule(fn: () => void, ms: number): () => void;
}

export const timerClock: FrameClock = {
  schedule(fn, ms) {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
};

export class DeltaBatcher {
  private reasoning = '';
  private content = '';
  private cancel: (() => void) | undefined;

  /** `emit` receives each non-empty batch, reasoning before content (the order the answer shows them). */
  constructor(
    private readonly emit: (kind: DeltaKind, text: string) => void,
    private readonly clock: FrameClock = timerClock,
    private readonly frameMs = FRAME_MS,
  ) {}

  push(kind: DeltaKind, text: string): void {
    if (!text) return;
    if (kind === 'content') this.content += text;
    else this.reasoning += text;
    this.cancel ??= this.clock.schedule(() => {
      this.cancel = undefined;
      this.flush();
    }, this.frameMs);
  }

  /** Sends what is pending now (before usage, an error or the end, so nothing arrives after them). */
  flush(): void {
    this.stopTimer();
    const reasoning = this.reasoning;
    const content = this.content;
    this.reasoning = '';
    this.content = '';
    if (reasoning) this.emit('reasoning', reasoning);
    if (content) this.emit('content', content);
  }

  /** Forgets what is pending: the receiver got a snapshot that already holds it. */
  discard(): void {
    this.stopTimer();
    this.reasoning = '';
    this.content = '';
  }

  private stopTimer(): void {
    this.cancel?.();
    this.cancel = undefined;
  }
}
