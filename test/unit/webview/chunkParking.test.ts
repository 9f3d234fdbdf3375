import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { holdsParked, installChunkParking, PARKED_CLASS, sealed } from '../../../src/webview/chunkParking';
import { markBlankAnswer } from '../../../src/webview/markdown';

// jsdom has no content-visibility: the browser's event is played by hand, with the page's own event class.
const dom = new JSDOM('<!doctype html><body></body>');
const win = dom.window as unknown as Window & typeof globalThis;
class StateChange extends win.Event {
  constructor(readonly skipped: boolean) { super('contentvisibilityautostatechange'); }
}
(win as unknown as Record<string, unknown>).ContentVisibilityAutoStateChangeEvent = StateChange;
installChunkParking(win);

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function answer(): { body: HTMLElement; chunk: HTMLElement; open: HTMLElement } {
  const doc = win.document;
  const body = doc.createElement('div');
  body.innerHTML = '<div class="md-chunk"><p>first</p><pre><code>code</code></pre></div><div class="md-chunk-open"><p>last</p></div>';
  doc.body.replaceChildren(body);
  return { body, chunk: body.children[0] as HTMLElement, open: body.children[1] as HTMLElement };
}

describe('chunk parking', () => {
  it('a sealed chunk the browser skips leaves the page as HTML, its height held, and comes back as it was', async () => {
    const { body, chunk } = answer();
    const html = chunk.innerHTML;
    chunk.dispatchEvent(new StateChange(true));
    await settle();
    assert.equal(chunk.childNodes.length, 0, 'its children left the page');
    assert.ok(chunk.classList.contains(PARKED_CLASS));
    assert.match(chunk.style.height, /^\d+(\.\d+)?px$/, 'its height is held');
    assert.ok(holdsParked(body));
    chunk.dispatchEvent(new StateChange(false));
    assert.equal(chunk.innerHTML, html, 'the same content is back, at once');
    assert.equal(chunk.style.height, '');
    assert.ok(!holdsParked(body));
  });

  it('a group parked with parked chunks inside brings them back parked, each with its own content and height', async () => {
    const doc = win.document;
    const body = doc.createElement('div');
    body.innerHTML = '<div class="md-group"><div class="md-chunk"><p>one</p></div><div class="md-chunk"><p>two</p></div></div>';
    doc.body.replaceChildren(body);
    const group = body.firstElementChild as HTMLElement;
    const [first, second] = [...group.children] as HTMLElement[];
    first.getBoundingClientRect = () => ({ height: 123 }) as DOMRect;   // jsdom lays nothing out
    first.dispatchEvent(new StateChange(true));
    await settle();
    assert.equal(first.style.height, '123px');
    group.dispatchEvent(new StateChange(true));
    await settle();
    assert.equal(group.children.length, 0);
    assert.ok(!second.isConnected);
    group.dispatchEvent(new StateChange(false));
    const [back1, back2] = [...group.children] as HTMLElement[];
    assert.equal(back2.textContent, 'two', 'the chunk that was shown is back as it was');
    assert.ok(back1.classList.contains(PARKED_CLASS), 'the chunk that was parked is still parked');
    assert.equal(back1.textContent, '');
    assert.equal(back1.getAttribute('style'), 'height: 123px;', 'with its height, set again (the page CSP drops style attributes from markup)');
    back1.dispatchEvent(new StateChange(false));
    assert.equal(back1.textContent, 'one');
    assert.equal(body.querySelectorAll(`.${PARKED_CLASS}`).length, 0);
  });

  it('a chunk shown again before the pass runs, a chunk still filling, and other elements are never parked', async () => {
    const { chunk, open } = answer();
    chunk.dispatchEvent(new StateChange(true));
    chunk.dispatchEvent(new StateChange(false));
    open.dispatchEvent(new StateChange(true));
    const p = open.querySelector('p')!;
    p.dispatchEvent(new StateChange(true));
    await settle();
    assert.equal(chunk.textContent, 'firstcode');
    assert.equal(open.textContent, 'last');
  });

  it('a chunk filled while skipped (its state never changes, so no event) is parked when it is sealed', async () => {
    const { open } = answer();
    open.dispatchEvent(new StateChange(true));
    open.className = 'md-chunk';
    sealed(open);
    await settle();
    assert.ok(open.classList.contains(PARKED_CLASS), 'parked once sealed');
    assert.equal(open.textContent, '');
    open.dispatchEvent(new StateChange(false));
    assert.equal(open.textContent, 'last', 'and back when the browser shows it');
  });

  it('a chunk shown again while it filled is not parked when it is sealed', async () => {
    const { open } = answer();
    open.dispatchEvent(new StateChange(true));
    open.dispatchEvent(new StateChange(false));
    open.className = 'md-chunk';
    sealed(open);
    await settle();
    assert.equal(open.textContent, 'last');
  });

  it('an answer whose content is all parked is not taken for a blank one', async () => {
    const { body, chunk, open } = answer();
    open.remove();
    chunk.dispatchEvent(new StateChange(true));
    await settle();
    const globals = globalThis as { document?: Document };
    globals.document = win.document;
    try {
      markBlankAnswer(body, 'first');
    } finally {
      delete globals.document;
    }
    assert.equal(body.querySelector('.answer-blank'), null);
  });
});
