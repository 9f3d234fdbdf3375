// Binds IncrementalMarkdown to one element. Deltas only append text; the DOM is touched at most once per
// animation frame: new committed blocks are appended once, the open tail is replaced. Children stay
// exactly what a full render would give ([committed blocks][tail]), then `decorate` adds code toolbars.
import { fragmentFromHtml } from './dom';
import { IncrementalMarkdown } from './incrementalMarkdown';
import type { MarkdownEngine } from './markdown';

export interface FrameScheduler {
  request(callback: () => void): number;
  cancel(handle: number): void;
}

export const animationFrames: FrameScheduler = {
  request: (callback) => requestAnimationFrame(callback),
  cancel: (handle) => cancelAnimationFrame(handle),
};

export class MarkdownView {
  private text = '';
  private incremental: IncrementalMarkdown | undefined;
  private frame: number | undefined;
  private committedEnd: ChildNode | null = null;   // last node of the committed part, null when none

  constructor(
    readonly root: HTMLElement,
    private readonly engine: MarkdownEngine,
    private readonly decorate: (root: ParentNode) => void,
    private readonly frames: FrameScheduler = animationFrames,
    /** Called after each frame's DOM update (auto-scroll, latency probes). */
    private readonly onPaint?: () => void,
  ) {}

  get value(): string {
    return this.text;
  }

  /** Appends streamed text; rendering waits for the next animation frame. */
  append(delta: string): void {
    if (!delta) return;
    this.text += delta;
    this.incremental ??= new IncrementalMarkdown(this.engine);
    this.frame ??= this.frames.request(() => this.flush());
  }

  /** Renders what has arrived now (also the frame callback). */
  flush(): void {
    if (this.frame !== undefined) this.frames.cancel(this.frame);
    this.frame = undefined;
    if (!this.incremental) return;
    const update = this.incremental.update(this.text);
    this.removeTail();
    if (update.rebuilt) {
      this.root.replaceChildren(this.fragment(this.incremental.committed.join('')));
      this.committedEnd = this.root.lastChild;
    } else if (update.appended.length > 0) {
      this.root.append(this.fragment(update.appended.join('')));
      this.committedEnd = this.root.lastChild;
    }
    this.root.append(this.fragment(update.tail));
    this.onPaint?.();
  }

  /** The one full parse at the end; the DOM is replaced only if it differs from the incremental one. */
  finish(): void {
    if (this.frame !== undefined) this.frames.cancel(this.frame);
    this.frame = undefined;
    if (!this.incremental) return;
    this.flush();
    const { html, changed } = this.incremental.finish(this.text);
    if (changed) this.root.replaceChildren(this.fragment(html));
    this.incremental = undefined;
    this.committedEnd = null;
    this.onPaint?.();
  }

  /** Renders a finished text at once (history). */
  renderStatic(text: string): void {
    this.text = text;
    this.incremental = undefined;
    this.committedEnd = null;
    this.root.replaceChildren(this.fragment(this.engine.render(text)));
  }

  dispose(): void {
    if (this.frame !== undefined) this.frames.cancel(this.frame);
    this.frame = undefined;
    this.incremental = undefined;
  }

  private removeTail(): void {
    const root = this.root;
    while (root.lastChild && root.lastChild !== this.committedEnd) root.lastChild.remove();
  }

  private fragment(html: string): DocumentFragment {
    const fragment = fragmentFromHtml(html);
    this.decorate(fragment);
    return fragment;
  }
}
