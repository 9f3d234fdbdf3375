// Code blocks after rendering: the toolbar, collapsing long blocks behind "Show all N lines", and syntax
// highlighting only when a block comes on screen (and only once it is complete), so neither a stream
// nor the first paint of a chat waits for highlight.js. "On screen" comes from the browser's
// content-visibility bookkeeping (an answer's blocks sit in chunks with `content-visibility: auto`, see
// markdownView.ts): an IntersectionObserver would recompute every observed block on every frame, a cost
// that grows with the answer; it is only the fallback where that event does not exist. Highlighting runs
// in idle time, a block at a time, for the chunks still on screen then: a burst scrolls hundreds of
// chunks past the view, and highlighting each in the frame it showed in made those frames long.
import { decorateCodeBlocks } from './codeToolbar';
import { h } from './dom';
import { whenIdle, type Deadline } from './idle';
import { loadHighlighter, type Highlighter } from './lazyHighlight';
import { t } from './strings';

/** Blocks longer than this show collapsed. */
const COLLAPSE_LINES = 40;
/** Bigger blocks stay plain: highlighting them would be one long task. */
const HIGHLIGHT_CHARS = 100_000;

export class CodeBlocks {
  private readonly observer: IntersectionObserver | undefined;
  /** Chunks on screen that may hold code waiting for highlight, in the order they showed. */
  private readonly shown = new Set<Element>();
  private idleQueued = false;
  private highlighter: Highlighter | undefined;
  private readonly visibilityEvents = typeof (globalThis as { ContentVisibilityAutoStateChangeEvent?: unknown }).ContentVisibilityAutoStateChangeEvent === 'function';

  /** `load` gives the highlighter (by default its bundle, loaded on first use). */
  constructor(root: Element | null, private readonly load: () => Promise<Highlighter> = loadHighlighter) {
    // The event does not bubble; a capturing listener sees it for every chunk below `root`.
    if (this.visibilityEvents) {
      (root ?? document).addEventListener('contentvisibilityautostatechange', (e) => {
        const chunk = e.target as Element;
        if ((e as Event & { skipped: boolean }).skipped) return void this.shown.delete(chunk);
        // A group of chunks showing says nothing of its chunks: each has its own event.
        if (chunk.classList.contains('md-group')) return;
        this.shown.add(chunk);
        if (chunk.querySelector('code.hl-pending')) this.whenIdle();
      }, { capture: true });
    }
    // Delegated, like the toolbar's buttons: a chunk parked off screen comes back from its HTML
    // (chunkParking.ts), without listeners of its own.
    (root ?? document).addEventListener('click', (e) => {
      const button = (e.target as Element).closest?.('button[data-code-expand]');
      if (!button) return;
      button.closest('pre')?.classList.remove('code-collapsed');
      button.remove();
    });
    this.observer = !this.visibilityEvents && typeof IntersectionObserver === 'function'
      ? new IntersectionObserver((entries) => {
        const shown = entries.filter((entry) => entry.isIntersecting).map((entry) => entry.target);
        for (const code of shown) this.observer!.unobserve(code);
        this.highlight(shown);
      }, { root, rootMargin: '300px 0px' })
      : undefined;
  }

  /** `complete`: the blocks will not change any more (committed, or history), so they may be highlighted. */
  readonly decorate = (root: ParentNode, complete: boolean): void => {
    decorateCodeBlocks(root);
    if (!complete) return;
    let pending = false;
    for (const code of root.querySelectorAll('pre > code')) {
      const text = code.textContent ?? '';
      const lines = countLines(text);
      if (lines > COLLAPSE_LINES) collapse(code.parentElement!, lines);
      if (/(?:^|\s)language-/.test(code.className) && text.length <= HIGHLIGHT_CHARS) {
        if (this.visibilityEvents) {
          code.classList.add('hl-pending');
          pending = true;
        } else if (this.observer) this.observer.observe(code);
        else this.highlight([code]);
      }
    }
    // Blocks committed into a chunk still filling on screen: it showed before they came (no event now).
    if (pending && this.shown.size > 0) this.whenIdle();
  };

  private whenIdle(): void {
    if (this.idleQueued) return;
    this.idleQueued = true;
    whenIdle((deadline) => {
      this.idleQueued = false;
      if (this.highlighter) this.highlightShown(this.highlighter, deadline);
      else this.load().then((h) => { this.highlighter = h; this.whenIdle(); }, () => this.shown.clear());
    });
  }

  /** Pending blocks of the chunks on screen, one at a time while idle time lasts (at least one per pass). */
  private highlightShown(highlighter: Highlighter, deadline: Deadline): void {
    for (const chunk of this.shown) {
      // A chunk unmounted with its turn leaves no event: it is dropped here.
      for (let code = chunk.isConnected ? chunk.querySelector('code.hl-pending') : null; code; code = chunk.querySelector('code.hl-pending')) {
        code.classList.remove('hl-pending');
        highlight(code, highlighter);
        if (deadline.timeRemaining() <= 0) return this.whenIdle();
      }
      // A chunk still filling stays: blocks committed into it later are highlighted too.
      if (!chunk.isConnected || !chunk.classList.contains('md-chunk-open')) this.shown.delete(chunk);
    }
  }

  private highlight(codes: Element[]): void {
    if (codes.length === 0) return;
    for (const code of codes) code.classList.remove('hl-pending');
    this.load().then((highlighter) => { for (const code of codes) highlight(code, highlighter); }, () => undefined);   // no highlighter: code stays plain
  }
}

function highlight(code: Element, highlighter: Highlighter): void {
  const lang = /(?:^|\s)language-([A-Za-z0-9_+#.-]+)/.exec(code.className)?.[1] ?? '';
  const text = (code.textContent ?? '').replace(/\n$/, '');
  const { html, language } = highlighter(text, lang);
  if (!language) return;
  code.innerHTML = `${html}\n`;   // highlight.js escapes all text it is given
  code.classList.add('hljs');
}

function collapse(pre: Element, lines: number): void {
  pre.classList.add('code-collapsed');
  // `data-` attributes never come from the model (the sanitizer drops them): this one is ours.
  pre.append(h('button', { class: 'text-button code-expand', text: t('showAllLines', lines), attrs: { type: 'button', 'aria-expanded': 'false', 'data-code-expand': '' } }));
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
