import assert from 'node:assert/strict';
import { MarkdownView, type FrameScheduler } from '../../../src/webview/markdownView';
import { trickyDocs } from './docs';
import { engine, window } from './markdownEnv';

/** A frame scheduler the test drives by hand: it counts requests and runs the pending frame on demand. */
class ManualFrames implements FrameScheduler {
  requests = 0;
  private pending: (() => void) | undefined;
  request(callback: () => void): number {
    this.requests++;
    this.pending = callback;
    return this.requests;
  }
  cancel(): void {
    this.pending = undefined;
  }
  run(): boolean {
    const callback = this.pending;
    this.pending = undefined;
    callback?.();
    return callback !== undefined;
  }
}

describe('MarkdownView (DOM)', () => {
  const globals = globalThis as { document?: Document };
  before(() => { globals.document = window.document; });
  after(() => { delete globals.document; });

  function setup(): { view: MarkdownView; root: HTMLElement; frames: ManualFrames; paints: number[] } {
    const root = window.document.createElement('div');
    const frames = new ManualFrames();
    const paints: number[] = [];
    const view = new MarkdownView(root as unknown as HTMLElement, engine, () => undefined, frames, () => paints.push(1));
    return { view, root: root as unknown as HTMLElement, frames, paints };
  }

  it('renders at most once per frame however many deltas arrive', () => {
    const { view, frames, paints } = setup();
    for (const piece of ['# Ti', 'tle\n\nsome ', '**bold**', ' text']) view.append(piece);
    assert.equal(frames.requests, 1);
    assert.equal(paints.length, 0, 'nothing is rendered before the frame');
    frames.run();
    assert.equal(paints.length, 1);
    view.append('!');
    assert.equal(frames.requests, 2);
  });

  for (const [name, doc] of Object.entries(trickyDocs)) {
    it(`keeps the DOM equal to a full render on every frame of "${name}"`, () => {
      const { view, root, frames } = setup();
      let text = '';
      for (let i = 0; i < doc.length; i += 3) {
        const piece = doc.slice(i, i + 3);
        text += piece;
        view.append(piece);
        frames.run();
        assert.equal(root.innerHTML, normalized(engine.render(text)), `after ${text.length} chars`);
      }
      view.finish();
      assert.equal(root.innerHTML, normalized(engine.render(doc)));
    });
  }

  it('keeps committed blocks as the same nodes while the tail changes', () => {
    const { view, root, frames } = setup();
    view.append('First paragraph.\n\nSecond one\n\nthird');
    frames.run();
    const first = root.firstChild;
    view.append(' grows');
    frames.run();
    assert.equal(root.firstChild, first, 'the committed paragraph was not re-created');
    assert.equal(root.lastElementChild?.textContent, 'third grows');
  });

  it('stop keeps the partial answer: finish renders exactly the text received', () => {
    const { view, root, frames } = setup();
    view.append('Partial ```ts\nconst a');
    view.finish();
    assert.equal(frames.run(), false, 'no frame left pending');
    assert.equal(root.innerHTML, normalized(engine.render('Partial ```ts\nconst a')));
  });
});

/** HTML as the DOM serializes it (attribute quoting, entities). */
function normalized(html: string): string {
  const template = window.document.createElement('template');
  template.innerHTML = html;
  return template.innerHTML;
}
