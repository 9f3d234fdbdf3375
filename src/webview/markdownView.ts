// Binds IncrementalMarkdown to one element. Deltas only append text; the DOM is touched at most once per
// animation frame: new committed blocks are appended once, the open tail is replaced, text past a render
// limit is appended to one text node. Children stay exactly what a full render would give
// ([committed blocks][tail][plain rest]), then `decorate` adds code toolbars. A long finished answer
// (history) is rendered the same way, a slice per frame, so opening it is never one long task.
import { fragmentFromHtml } from './dom';
import { IncrementalMarkdown, type RenderUpdate } from './incrementalMarkdown';
import { plainHtml, type MarkdownEngine } from './markdown';

export interface FrameScheduler {
  request(callback: () => void): number;
  cancel(handle: number): void;
}

export const animationFrames: FrameScheduler = {
  request: (callback) => requestAnimationFrame(callback),
  cancel: (handle) => cancelAnimationFrame(handle),
};

/** Source characters of a finished answer rendered per frame. */
const STATIC_SLICE = 48_000;

export class MarkdownView {
  private text = '';
  private incremental: IncrementalMarkdown | undefined;
  private frame: number | undefined;
  private committedEnd: ChildNode | null = null;   // last node of the committed part, null when none
  private plainText: Text | undefined;
  private rest = '';                                // a finished answer's text not rendered yet
  /** Runs once the whole text is in the DOM (end of a stream, or the last slice of a history answer). */
  onFinished: (() => void) | undefined;

  constructor(
    readonly root: HTMLElement,
    private readonly engine: MarkdownEngine,
    /** Adds toolbars and the like; `complete` when the nodes will not be re-rendered (not the open tail). */
    private readonly decorate: (root: ParentNode, complete: boolean) => void,
    private readonly frames: FrameScheduler = animationFrames,
    /** Called after each DOM update (latency probes). */
    private readonly onPaint?: () => void,
  ) {}

  get value(): string {
    return this.incremental ? this.incremental.value + this.rest : this.text;
  }

  /** Appends streamed text; rendering waits for the next animation frame. */
  append(delta: string): void {
    if (!delta) return;
    this.live().append(delta);
    this.frame ??= this.frames.request(() => this.flush());
  }

  /** Renders what has arrived now (also the frame callback). */
  flush(): void {
    this.cancelFrame();
    if (!this.incremental) return;
    if (this.rest) return this.nextSlice();
    this.apply(this.incremental.render());
  }

  /** The answer ended: everything left renders now, with no second full parse. */
  finish(): void {
    this.cancelFrame();
    if (!this.incremental) return;
    if (this.rest) { this.incremental.append(this.rest); this.rest = ''; }
    this.apply(this.incremental.finish());
    this.text = this.incremental.value;
    this.incremental = undefined;
    this.onFinished?.();
  }

  /** Renders a finished text (history): at once when short, else a slice per frame. */
  renderStatic(text: string): void {
    this.cancelFrame();
    this.reset();
    this.text = text;
    if (text.length <= STATIC_SLICE * 2) {
      this.live().append(text);
      return this.finish();
    }
    this.live();
    this.rest = text;
    this.nextSlice();
  }

  dispose(): void {
    this.cancelFrame();
    this.incremental = undefined;
    this.rest = '';
  }

  private nextSlice(): void {
    const slice = this.rest.slice(0, STATIC_SLICE);
    this.rest = this.rest.slice(STATIC_SLICE);
    this.incremental!.append(slice);
    if (!this.rest) return this.finish();
    this.apply(this.incremental!.render());
    this.frame = this.frames.request(() => this.flush());
  }

  private live(): IncrementalMarkdown {
    if (!this.incremental) {
      this.reset();
      this.incremental = new IncrementalMarkdown(this.engine);
    }
    return this.incremental;
  }

  private reset(): void {
    this.root.replaceChildren();
    this.committedEnd = null;
    this.plainText = undefined;
    this.rest = '';
  }

  private apply(update: RenderUpdate): void {
    if (update.rebuilt || update.appended.length > 0 || update.tail !== undefined) {
      this.removeTail();
      if (update.rebuilt) {
        this.root.replaceChildren(this.fragment(this.incremental!.committed.join(''), true));
        this.committedEnd = this.root.lastChild;
      } else if (update.appended.length > 0) {
        this.root.append(this.fragment(update.appended.join(''), true));
        this.committedEnd = this.root.lastChild;
      }
      if (update.tail) this.root.append(this.fragment(update.tail, false));
    }
    this.applyPlain(update);
    this.onPaint?.();
  }

  private applyPlain(update: RenderUpdate): void {
    const plain = update.plain;
    if (!plain) return;
    if (plain.reason !== undefined) {
      this.removeTail();
      const fragment = fragmentFromHtml(plainHtml('', plain.reason));
      this.plainText = document.createTextNode('');
      fragment.querySelector('pre')!.append(this.plainText);
      this.root.append(fragment);
      this.committedEnd = this.root.lastChild;
    }
    if (plain.text) this.plainText?.appendData(plain.text);
  }

  private cancelFrame(): void {
    if (this.frame !== undefined) this.frames.cancel(this.frame);
    this.frame = undefined;
  }

  private removeTail(): void {
    const root = this.root;
    while (root.lastChild && root.lastChild !== this.committedEnd) root.lastChild.remove();
  }

  private fragment(html: string, complete: boolean): DocumentFragment {
    const fragment = fragmentFromHtml(html);
    this.decorate(fragment, complete);
    return fragment;
  }
}
