// Sealed chunks and groups of an answer (markdownView.ts) that the browser skips as far off screen
// (`content-visibility: auto`) leave the DOM: their content is kept as HTML and the empty element keeps
// its height, so a 2 MB answer, or a long one scrolled past, holds a bounded number of elements. Skipped
// content costs no layout, but every element in the document still costs style, paint bookkeeping and
// intersection work on each frame of a stream; and nodes kept aside (not as text) made each full garbage
// collection mark hundreds of thousands of them, a pause of 150 ms in a 2 MB answer. The browser's own
// relevance margin (around the viewport) brings an element back before it is seen. What comes back is
// what left (toolbars, highlighting, collapsed blocks: their buttons are handled by delegation). What is
// parked is not in the page, so find-in-page sees only what is near the view.

/** A parked element's content, with the records of the parked elements inside it, in document order. */
interface Parked {
  html: string;
  height: number;
  nested: Parked[];
}

export const PARKED_CLASS = 'md-parked';

const parked = new WeakMap<Element, Parked>();
/** Skipped elements waiting to be parked (all in one pass: their heights are read together). */
const waiting = new Set<HTMLElement>();
/** Chunks still filling that the browser skips now: parked once they are sealed (`sealed`). */
const skippedOpen = new WeakSet<Element>();
let installed = false;

/** Starts parking in `win` (once; nothing where the browser has no content-visibility events). */
export function installChunkParking(win: (Window & typeof globalThis) | null): void {
  if (installed || !win || typeof win.ContentVisibilityAutoStateChangeEvent !== 'function') return;
  installed = true;
  // Capturing at the window runs before any listener on the chat (codeBlocks.ts looks into a chunk that
  // shows: its content must be back by then).
  win.addEventListener('contentvisibilityautostatechange', (e) => {
    const el = e.target as HTMLElement;
    const skipped = (e as ContentVisibilityAutoStateChangeEvent).skipped;
    if (el.classList?.contains('md-chunk-open')) {
      if (skipped) skippedOpen.add(el); else skippedOpen.delete(el);
      return;
    }
    if (!isSealed(el)) return;
    if (skipped) {
      // After the frame, in a task of its own: the browser sends these events one by one (a microtask
      // would run after each, and each pass's reads would force the layout the last one dirtied), and
      // layout is clean by then, so reading the heights costs nothing.
      parkLater(el);
    } else {
      waiting.delete(el);
      unpark(el);
    }
  }, { capture: true });
}

/** Whether `root` holds content that is not in the page now (a blank-answer check must count it). */
export function holdsParked(root: Element): boolean {
  return root.querySelector(`.${PARKED_CLASS}`) !== null;
}

/**
 * `el` (a chunk or group of markdownView.ts) is sealed now: parked when the browser skips it already, as a
 * chunk filled far off screen is (it sends no event then: its state does not change; a group filling is
 * not skippable, so sealing one sends its event).
 */
export function sealed(el: HTMLElement): void {
  if (skippedOpen.has(el)) parkLater(el);
}

function parkLater(el: HTMLElement): void {
  if (waiting.size === 0) setTimeout(parkWaiting, 0);
  waiting.add(el);
}

function isSealed(el: Element): el is HTMLElement {
  return el.classList?.contains('md-chunk') || el.classList?.contains('md-group');
}

function parkWaiting(): void {
  const els = [...waiting].filter((el) => el.isConnected && !parked.has(el) && el.firstChild);
  waiting.clear();
  // Reads first, then writes: one layout at most for the lot.
  const heights = els.map((el) => el.getBoundingClientRect().height);
  els.forEach((el, i) => park(el, heights[i]));
}

function park(el: HTMLElement, height: number): void {
  // Parked elements inside go along as records; their held height is not part of the HTML (the page's
  // CSP drops style attributes that come from markup) but set again when they come back.
  const inner = [...el.querySelectorAll<HTMLElement>(`.${PARKED_CLASS}`)];
  const nested = inner.map((child) => parked.get(child)!);
  for (const child of inner) child.style.removeProperty('height');
  parked.set(el, { html: el.innerHTML, height, nested });
  el.replaceChildren();
  el.style.height = `${height}px`;
  el.classList.add(PARKED_CLASS);
}

function unpark(el: HTMLElement): void {
  const record = parked.get(el);
  if (!record) return;
  parked.delete(el);
  el.innerHTML = record.html;   // our own DOM, serialized: sanitized model HTML and the toolbars we added
  el.querySelectorAll<HTMLElement>(`.${PARKED_CLASS}`).forEach((child, i) => {
    const inner = record.nested[i];
    parked.set(child, inner);
    child.style.height = `${inner.height}px`;
  });
  el.style.removeProperty('height');
  el.classList.remove(PARKED_CLASS);
}
