// Sealed chunks and groups of an answer (markdownView.ts) that the browser skips as far off screen
// (`content-visibility: auto`) leave the DOM: their children move to a detached fragment and the empty
// element keeps their height, so a 2 MB answer, or a long one scrolled past, holds a bounded number of
// elements in the page. Skipped content costs no layout, but every element in the document still costs
// style, paint bookkeeping and intersection work on each frame of a stream; with this the per-frame cost
// no longer grows with the answer. The browser's own relevance margin (around the viewport) brings an
// element back before it is seen; the children return as they were (toolbars, highlighting, listeners).
// What is parked is not in the page, so find-in-page sees only what is near the view.

/** Elements whose children are parked, with those children. */
const parked = new WeakMap<Element, DocumentFragment>();
/** Skipped elements waiting to be parked (all in one pass: their heights are read together). */
const waiting = new Set<HTMLElement>();
let installed = false;

export const PARKED_CLASS = 'md-parked';

/** Starts parking in `win` (once; nothing where the browser has no content-visibility events). */
export function installChunkParking(win: (Window & typeof globalThis) | null): void {
  if (installed || !win || typeof win.ContentVisibilityAutoStateChangeEvent !== 'function') return;
  installed = true;
  // Capturing at the window runs before any listener on the chat (codeBlocks.ts looks into a chunk that
  // shows: its children must be back by then).
  win.addEventListener('contentvisibilityautostatechange', (e) => {
    const el = e.target as HTMLElement;
    if (!isSealed(el)) return;
    if ((e as ContentVisibilityAutoStateChangeEvent).skipped) {
      // After the frame, in a task of its own: the browser sends these events one by one (a microtask
      // would run after each, and each pass's reads would force the layout the last one dirtied), and
      // layout is clean by then, so reading the heights costs nothing.
      if (waiting.size === 0) setTimeout(parkWaiting, 0);
      waiting.add(el);
    } else {
      waiting.delete(el);
      unpark(el);
    }
  }, { capture: true });
}

/** Whether `el` holds content that is not in the page now (a blank-answer check must count it). */
export function holdsParked(root: Element): boolean {
  return root.querySelector(`.${PARKED_CLASS}`) !== null;
}

function isSealed(el: Element): el is HTMLElement {
  return el.classList?.contains('md-chunk') || el.classList?.contains('md-group');
}

function parkWaiting(): void {
  const els = [...waiting].filter((el) => el.isConnected && !parked.has(el) && el.firstChild);
  waiting.clear();
  // Reads first, then writes: one layout at most for the lot.
  const heights = els.map((el) => el.getBoundingClientRect().height);
  els.forEach((el, i) => {
    const children = el.ownerDocument.createDocumentFragment();
    children.append(...el.childNodes);
    parked.set(el, children);
    el.style.height = `${heights[i]}px`;
    el.classList.add(PARKED_CLASS);
  });
}

function unpark(el: HTMLElement): void {
  const children = parked.get(el);
  if (!children) return;
  parked.delete(el);
  el.append(children);
  el.style.removeProperty('height');
  el.classList.remove(PARKED_CLASS);
}
