// Binds IncrementalMarkdown to one element. Deltas only append text; the DOM is touched at most once per
// animation frame: new committed blocks are appended once, the open tail is replaced, text past a render
// limit is appended to one text node. Children stay exactly what a full render would give
// ([committed blocks][tail][plain rest]), then `decorate` adds code toolbars. At most FRAME_CHARS of new
// text (fewer on a slow machine: as many as fit a frame's budget) are rendered per frame, streamed or from
// history, so no burst and no long answer is one long task; meanwhile the end of what waits shows at once
// (showPreview, backlogPreview.ts), since the reader at the bottom looks there, with a gap above it as
// tall as the text still to render: the slices land far off screen, where the browser skips them.
import { FenceTracker } from './backlogPreview';
import { sealed } from './chunkParking';
import { fragmentFromHtml, h } from './dom';
import { IncrementalMarkdown, type RenderUpdate } from './incrementalMarkdown';
import { PLAIN_PIECE, plainHtml, type MarkdownEngine } from './markdown';
import type { LimitReason } from './renderLimits';
import { FrameBudget, RenderPacer } from './renderPacer';
import { TextQueue } from './textQueue';

export interface FrameScheduler {
  /** `callback` gets the frame's timestamp, the same for every callback of one frame. */
  request(callback: (frame?: number) => void): number;
  cancel(handle: number): void;
}

export const animationFrames: FrameScheduler = {
  request: (callback) => requestAnimationFrame(callback),
  cancel: (handle) => cancelAnimationFrame(handle),
};

/**
 * Source characters handed to the renderer per frame, streamed or from history: a 2 MB burst (or a
 * stream/end right after one) becomes ~40 frames of bounded work instead of one task of seconds, and the
 * composer stays responsive in between.
 */
export const FRAME_CHARS = 48_000;
/** The least a frame renders (a slow machine still makes progress). */
const MIN_FRAME_CHARS = 2_000;
/** Script time a frame's slice should take; the browser's layout of it comes on top. */
const FRAME_BUDGET_MS = 8;

/**
 * Characters per frame that fit FRAME_BUDGET_MS on this machine, learned from the slices rendered so
 * far (shared by all views: it measures the machine, not the answer); it starts low and grows.
 */
let frameChars = MIN_FRAME_CHARS;
/** One frame's render time, shared by all views. */
const frameBudget = new FrameBudget();

/**
 * Committed blocks per chunk, and chunks per group. Each chunk is one `content-visibility: auto` element,
 * so the browser skips the style, layout and paint of chunks off screen; per block that bookkeeping would
 * itself cost every frame in proportion to the answer (Chromium tracks such elements with an intersection
 * observer). Sealed chunks go into groups, and groups into groups (GROUP_LEVELS in all, each skippable
 * too): a 2 MB answer has thousands of chunks, and with them all side by side every frame's style and
 * layout still walked each of them.
 */
const CHUNK_BLOCKS = 16;
/**
 * The most of a backlog's end shown ahead of the slices (backlogPreview.ts): a few paragraphs. Its frame
 * is the one that shows the last text and must stay short (in the bench, 1,000 made it a frame late).
 */
const PREVIEW_CHARS = 500;
const GROUP_LEVELS = 3;
/** The least a frame renders of the text that lands in view as a preview's gap closes. */
const MIN_SLICE_IN_VIEW = 500;
/**
 * Height per character of rendered markdown, until a preview has been measured (then its height over its
 * length, shared by all views: the panel's width and font decide it more than the answer).
 */
let pxPerChar = 0.4;

/** A container still filling: level 0 holds blocks, level n sealed containers of level n - 1. */
interface OpenContainer {
  el: HTMLElement;
  count: number;
}

export class MarkdownView {
  private text = '';
  private incremental: IncrementalMarkdown | undefined;
  private frame: number | undefined;
  private committedEnd: ChildNode | null = null;   // last node of the committed part, null when none
  private plainText: Text | undefined;
  private plainRoom = 0;                            // characters the current plain piece still takes
  private readonly pending = new TextQueue();       // text received but not handed to the renderer yet
  private fences = new FenceTracker(PREVIEW_CHARS); // the code fences of all the text received
  private finishing = false;                        // the text is complete: render the rest, then finish
  private open: Array<OpenContainer | undefined> = [];   // per level, the container still filling
  private readonly pacer = new RenderPacer();
  private consumed = 0;                             // characters handed to the renderer (the rest is pending)
  /**
   * The end of a backlog, shown ahead of the slices from `seam` (in received characters); `gap` stands
   * in above it for the text still to render before the seam, as tall as that text will be, so what the
   * slices render goes in far enough above the view for the browser to skip its layout and paint (chunks
   * are `content-visibility: auto`) instead of laying it all out as it arrives just above the preview.
   */
  private preview: { el: HTMLElement; gap: HTMLElement; seam: number } | undefined;
  private previewAt = -1;                           // characters received when a preview was last looked for
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

  /** All the text received, rendered or not. */
  get value(): string {
    return this.incremental ? this.incremental.value + this.pending.peekAll() : this.text;
  }

  /** True when everything received is in the DOM and no frame is pending. */
  get settled(): boolean {
    return !this.incremental && this.frame === undefined;
  }

  /** Appends streamed text; rendering waits for the next animation frame. */
  append(delta: string): void {
    if (!delta) return;
    this.live();
    this.receive(delta);
    this.pacer.arrive();
    this.requestFrame();
  }

  /** Renders the next slice of what has arrived (also the frame callback). */
  flush(): void {
    this.cancelFrame();
    if (!this.incremental) return;
    // More text than a frame renders, and some of it new: this frame only shows its end (showPreview).
    if (this.showPreview()) {
      this.onPaint?.();
      return this.requestFrame();
    }
    const sliced = this.sliceSize();
    if (sliced) this.incremental.append(this.pending.take(sliced));
    this.consumed += sliced;
    const start = performance.now();
    if (this.finishing && !this.pending.length) this.complete(); else this.apply(this.incremental.render());
    if (this.preview && this.consumed >= this.preview.seam) this.dropPreview(); else this.sizeGap();
    if (sliced >= frameChars / 2) learnFrameChars(sliced, performance.now() - start);
    if (!this.incremental) return;
    if (this.pending.length || this.finishing) this.requestFrame();
  }

  /**
   * Characters to render in this frame. Behind a preview, the last screens before its seam land in view as
   * the gap closes, and are laid out at once: half a screen a frame there, so no frame lays out several.
   */
  private sliceSize(): number {
    let size = Math.min(this.pending.length, frameChars);
    if (!this.preview) return size;
    const toSeam = this.preview.seam - this.consumed;
    const screen = (this.root.ownerDocument.defaultView?.innerHeight ?? 800) / pxPerChar;
    const beforeView = Math.max(0, Math.round(toSeam - 2 * screen));
    size = Math.min(size, beforeView + Math.max(MIN_SLICE_IN_VIEW, Math.round(screen / 2)));
    // The slices reached the preview: the rest (a preview's worth) renders now, in its place.
    return size >= toSeam ? this.pending.length : size;
  }

  /**
   * The text is complete (stream ended or stopped): what is left renders now when it fits one frame's
   * budget, else a slice per frame; `onFinished` runs when it is all in the DOM. Never a second full parse.
   */
  finish(): void {
    if (!this.incremental) return;
    this.finishing = true;
    if (this.pending.length <= frameChars) this.flush();
    else this.requestFrame();
  }

  /**
   * Renders a finished text (history): at once when short, else a slice per frame. `inFrame`: from the
   * next frame on (before it is painted), for a chat being opened, which mounts several turns in one task:
   * rendering them there (the first markdown of a page also compiles the parser's patterns) made it one
   * long task. Turns mounted while scrolling render at once: scroll anchoring needs their final height.
   */
  renderStatic(text: string, inFrame = false): void {
    this.cancelFrame();
    this.reset();
    this.text = text;
    this.live();
    this.receive(text);
    if (inFrame) {
      this.finishing = true;
      this.requestFrame();
    } else {
      this.finish();
    }
  }

  dispose(): void {
    this.cancelFrame();
    this.incremental = undefined;
    this.pending.clear();
    this.finishing = false;
  }

  private complete(): void {
    this.apply(this.incremental!.finish());
    this.dropPreview();
    this.seal();
    this.text = this.incremental!.value;
    this.incremental = undefined;
    this.finishing = false;
    this.onFinished?.();
  }

  private live(): IncrementalMarkdown {
    if (!this.incremental) {
      this.reset();
      this.incremental = new IncrementalMarkdown(this.engine);
    }
    return this.incremental;
  }

  private receive(text: string): void {
    this.pending.push(text);
    this.fences.push(text);
  }

  private reset(): void {
    this.fences = new FenceTracker(PREVIEW_CHARS);
    this.preview = undefined;
    this.previewAt = -1;
    this.consumed = 0;
    this.root.replaceChildren();
    this.committedEnd = null;
    this.plainText = undefined;
    this.open = [];
    this.pending.clear();
    this.finishing = false;
  }

  private apply(update: RenderUpdate): void {
    if (update.rebuilt || update.appended.length > 0 || update.tail !== undefined) {
      this.removeTail();
      if (update.rebuilt) {
        this.root.replaceChildren(...(this.preview ? [this.preview.gap, this.preview.el] : []));
        this.open = [];
        this.commit(this.incremental!.committed);
      } else if (update.appended.length > 0) {
        this.commit(update.appended);
      }
      if (update.tail) this.place(this.fragment(update.tail, false));
    }
    this.applyPlain(update);
    this.onPaint?.();
  }

  /** Appends committed blocks into chunks of CHUNK_BLOCKS; a full chunk is sealed (skippable off screen). */
  private commit(blocks: readonly string[]): void {
    const fragment = this.fragment(blocks.join(''), true);
    while (fragment.firstChild) {
      const chunk = this.openAt(0);
      const node = fragment.firstChild;
      chunk.el.append(node);
      if (node.nodeType === 1 && ++chunk.count >= CHUNK_BLOCKS) this.sealAt(0);
    }
    this.committedEnd = this.lastPlaced();
  }

  /** The container filling at `level`, created (in the nearest one filling above it, or the root) when none is. */
  private openAt(level: number): OpenContainer {
    let open = this.open[level];
    if (!open) {
      const el = h('div', { class: level === 0 ? 'md-chunk-open' : 'md-group-open' });
      const parent = this.open.find((c, at) => c && at > level)?.el;
      if (parent) parent.append(el); else this.place(el);
      open = this.open[level] = { el, count: 0 };
    }
    return open;
  }

  /**
   * The container at `level` is full: it is sealed (a group becomes skippable) and one item of the level
   * above, whose group is made around it when there is none yet (so an answer of one chunk has no groups).
   */
  private sealAt(level: number): void {
    const open = this.open[level];
    if (!open) return;
    open.el.className = level === 0 ? 'md-chunk' : 'md-group';
    sealed(open.el);
    this.open[level] = undefined;
    if (level + 1 >= GROUP_LEVELS) return;
    let parent = this.open[level + 1];
    if (!parent) {
      parent = this.open[level + 1] = { el: h('div', { class: 'md-group-open' }), count: 0 };
      open.el.replaceWith(parent.el);
      parent.el.append(open.el);
    }
    if (++parent.count >= CHUNK_BLOCKS) this.sealAt(level + 1);
  }

  /** The answer is complete: every container still filling is sealed. */
  private seal(): void {
    for (let level = 0; level < GROUP_LEVELS; level++) {
      const open = this.open[level];
      if (!open) continue;
      open.el.className = level === 0 ? 'md-chunk' : 'md-group';
      sealed(open.el);
    }
    this.open = [];
  }

  private applyPlain(update: RenderUpdate): void {
    const plain = update.plain;
    if (!plain) return;
    if (plain.reason !== undefined) {
      this.removeTail();
      this.plainPiece(plain.reason);
    }
    // Pieces of PLAIN_PIECE characters, as the full render gives: each append lays out one piece.
    let text = plain.text;
    while (text && this.plainText) {
      if (this.plainRoom === 0) this.plainPiece();
      const piece = text.slice(0, this.plainRoom);
      this.plainText.appendData(piece);
      this.plainRoom -= piece.length;
      text = text.slice(piece.length);
    }
  }

  /** A new empty `<pre>` for text shown as is (after the note saying why, for the first). */
  private plainPiece(reason?: LimitReason): void {
    const fragment = fragmentFromHtml(plainHtml('', reason));
    this.plainText = document.createTextNode('');
    fragment.querySelector('pre')!.append(this.plainText);
    this.place(fragment);
    this.committedEnd = this.lastPlaced();
    this.plainRoom = PLAIN_PIECE;
  }

  /**
   * While more text waits than a frame renders (a burst, a long answer from history) and some of it is
   * new, its end is rendered from a seam near it and shown at once, below what is rendered; the slices
   * go on in the frames after, and the preview gives way when they reach it. True when it was rendered.
   */
  private showPreview(): boolean {
    const incremental = this.incremental!;
    const received = this.consumed + this.pending.length;
    if (this.pending.length <= frameChars || incremental.plainMode || this.previewAt === received) return false;
    this.previewAt = received;
    const end = this.pending.peekEnd(PREVIEW_CHARS);
    const seam = this.fences.seam(end);
    if (seam === undefined) {
      this.dropPreview();
      return false;
    }
    const el = this.preview?.el ?? h('div', { class: 'md-preview' });
    const gap = this.preview?.gap ?? h('div', { class: 'md-gap', attrs: { 'aria-hidden': 'true' } });
    el.replaceChildren(this.fragment(this.engine.render(end.slice(seam - (received - end.length))), false));
    if (!this.preview) this.root.append(gap, el);
    this.preview = { el, gap, seam };
    this.sizeGap();
    // After the frame, when its layout is done and reading a height costs nothing.
    setTimeout(() => measure(el, received - seam), 0);
    return true;
  }

  private sizeGap(): void {
    if (this.preview) this.preview.gap.style.height = `${Math.round((this.preview.seam - this.consumed) * pxPerChar)}px`;
  }

  private dropPreview(): void {
    this.preview?.gap.remove();
    this.preview?.el.remove();
    this.preview = undefined;
  }

  /** The last node of what is rendered (not the gap nor the preview). */
  private lastPlaced(): ChildNode | null {
    return this.preview ? this.preview.gap.previousSibling : this.root.lastChild;
  }

  /** Adds `node` after what is rendered: before the gap and the preview when they are shown. */
  private place(node: Node): void {
    this.root.insertBefore(node, this.preview?.gap ?? null);
  }

  private requestFrame(): void {
    this.frame ??= this.frames.request((frame) => this.onFrame(frame));
  }

  /**
   * A frame: a steady stream renders when its pacer says so, a backlog at once, any view while the
   * frame's shared budget lasts; the cost of a render is read once its frame is painted.
   */
  private onFrame(frame?: number): void {
    this.frame = undefined;
    const start = performance.now();
    // A backlog (a burst) renders at once: its frame shows only the end of it (showPreview), whose cost is bounded.
    const due = this.pacer.due(start) || this.finishing || this.pending.length > frameChars;
    if (!due || !frameBudget.allows(frame)) return this.requestFrame();
    this.flush();
    frameBudget.spend(frame, performance.now() - start);
    setTimeout(() => this.pacer.rendered(start, performance.now() - start), 0);
  }

  private cancelFrame(): void {
    if (this.frame !== undefined) this.frames.cancel(this.frame);
    this.frame = undefined;
  }

  /** Removes what follows the committed part (the open tail), up to the gap when a preview is shown. */
  private removeTail(): void {
    const stop = this.preview?.gap ?? null;
    for (let node = this.committedEnd ? this.committedEnd.nextSibling : this.root.firstChild; node && node !== stop;) {
      const next: ChildNode | null = node.nextSibling;
      node.remove();
      node = next;
    }
  }

  private fragment(html: string, complete: boolean): DocumentFragment {
    const fragment = fragmentFromHtml(html);
    this.decorate(fragment, complete);
    return fragment;
  }
}

/** A preview of `chars` characters is shown: its height says how tall the text still to render will be. */
function measure(preview: HTMLElement, chars: number): void {
  const height = preview.isConnected ? preview.offsetHeight : 0;
  if (height > 0 && chars >= PREVIEW_CHARS / 2) pxPerChar = height / chars;
}

/** A slice of `chars` took `ms` to render: the next ones aim at FRAME_BUDGET_MS. */
function learnFrameChars(chars: number, ms: number): void {
  const fit = (chars * FRAME_BUDGET_MS) / Math.max(ms, 0.5);
  frameChars = Math.round(Math.min(FRAME_CHARS, Math.max(MIN_FRAME_CHARS, (frameChars + fit) / 2)));
}
