import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { holdsParked, installChunkParking, PARKED_CLASS } from '../../../src/webview/chunkParking';
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
  it('a sealed chunk the browser skips leaves the page, its height held, and comes back as it was', async () => {
    const { body, chunk } = answer();
    const code = chunk.querySelector('code');
    chunk.dispatchEvent(new StateChange(true));
    await settle();
    assert.equal(chunk.childNodes.length, 0, 'its children left the page');
    assert.ok(chunk.classList.contains(PARKED_CLASS));
    assert.match(chunk.style.height, /^\d+(\.\d+)?px$/, 'its height is held');
    assert.ok(holdsParked(body));
    chunk.dispatchEvent(new StateChange(false));
    assert.equal(chunk.querySelector('code'), code, 'the same nodes are back, at once');
    assert.equal(chunk.textContent, 'firstcode');
    assert.equal(chunk.style.height, '');
    assert.ok(!holdsParked(body));
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
