// When a streamed answer renders. Every frame that changes the DOM pays for style, layout and paint on
// top of the script, whatever little text it adds, and at a model's pace text arrives nearly every frame:
// rendering each one kept the renderer busy most of the time. So while text keeps coming, renders are
// spaced by what the last one cost (script to paint), keeping them to about RENDER_SHARE of the main
// thread; a frame in which nothing new arrived (the model paused or finished) renders at once, so the
// last text is never held back. FrameBudget shares one frame between views: opening a chat mounts
// several answers whose renders all fall in its first frame. Pure: the caller gives the times.

/**
 * Main-thread share a steady stream's renders should take. At a model's pace renders cost about a tenth of
 * the time (bench chat-scale); at 0.2, the spacing still held the last token a frame in one run of five.
 */
export const RENDER_SHARE = 0.35;
/** The longest wait between two renders of a steady stream (the text still moves 10 times a second). */
export const MAX_RENDER_GAP_MS = 100;
/**
 * A render due within half a frame happens in this frame, not a whole frame late: at a model's pace (a
 * delta every 25 ms or so) the spacing would otherwise hold most deltas for a frame without saving a
 * render, since nothing else arrives to share it.
 */
export const FRAME_SLACK_MS = 8;

export class RenderPacer {
  private nextDue = 0;
  private arrived = false;

  /** New text came in since the last frame. */
  arrive(): void {
    this.arrived = true;
  }

  /** At a frame (`now` in ms): whether it should render. */
  due(now: number): boolean {
    const quiet = !this.arrived;
    this.arrived = false;
    return quiet || now >= this.nextDue - FRAME_SLACK_MS;
  }

  /** A render that started at `start` took `cost` ms until its frame was painted. */
  rendered(start: number, cost: number): void {
    this.nextDue = start + Math.min(MAX_RENDER_GAP_MS, cost / RENDER_SHARE);
  }
}

/** Render time the views may take together in one animation frame; views past it render in the next. */
export const SHARED_FRAME_MS = 16;

export class FrameBudget {
  private frame: number | undefined;
  private spent = 0;

  /** Whether a view may render in the frame of timestamp `frame` (undefined: a frame of its own). */
  allows(frame: number | undefined): boolean {
    return frame === undefined || frame !== this.frame || this.spent < SHARED_FRAME_MS;
  }

  spend(frame: number | undefined, ms: number): void {
    if (frame === undefined) return;
    if (frame !== this.frame) { this.frame = frame; this.spent = 0; }
    this.spent += ms;
  }
}
