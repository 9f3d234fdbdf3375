import assert from 'node:assert/strict';
import { PLAIN_PIECE } from '../../../src/webview/markdown';
import { FRAME_CHARS, MarkdownView, type FrameScheduler } from '../../../src/webview/markdownView';
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
        assert.equal(unchunked(root), normalized(engine.render(text)), `after ${text.length} chars`);
      }
      view.finish();
      assert.equal(unchunked(root), normalized(engine.render(doc)));
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
    assert.equal(unchunked(root), normalized(engine.render('Partial ```ts\nconst a')));
  });

  it('a burst renders at most FRAME_CHARS of new text per frame, also after finish', () => {
    const { view, root, frames, paints } = setup();
    // Long paragraphs: few elements for jsdom to build (it is slow at that), many characters for the renderer.
    const doc = Array.from({ length: 1300 }, (_, i) => `Paragraph ${i} with **bold** text${' and more words'.repeat(7)}.\n\n`).join('');
    assert.ok(doc.length > FRAME_CHARS * 3);
    view.append(doc);
    let finished = 0;
    view.onFinished = () => finished++;
    frames.run();
    const firstFrame = root.textContent?.length ?? 0;
    assert.ok(firstFrame > 0 && firstFrame < FRAME_CHARS, `the first frame shows one slice (${firstFrame} chars)`);
    view.finish();
    assert.equal(finished, 0, 'finish waits for the frames that render the rest');
    assert.equal(view.value, doc, 'the whole text is the value at once');
    let frameCount = 1;
    while (frames.run()) frameCount++;
    assert.equal(finished, 1);
    assert.ok(view.settled);
    assert.ok(frameCount >= Math.ceil(doc.length / FRAME_CHARS), `${frameCount} frames`);
    assert.equal(paints.length, frameCount);
    assert.equal(unchunked(root), normalized(engine.render(doc)));
  });

  /** A view given a backlog of ~180 KB at once, after its first frame. */
  function backlogShown(): ReturnType<typeof setup> & { doc: string } {
    const shown = setup();
    const doc = `${Array.from({ length: 1300 }, (_, i) => `Paragraph ${i} with **bold** text${' and more words'.repeat(7)}.\n\n`).join('')}The **last** words.`;
    shown.view.append(doc);
    shown.frames.run();
    return { ...shown, doc };
  }

  it('a backlog bigger than a frame shows its end at once, ahead of the slices, and gives way to them', () => {
    const { view, root, frames, doc } = backlogShown();
    const last = root.lastElementChild!;
    assert.ok(last.classList.contains('md-preview'), 'the end shows in the first frame');
    assert.match(last.innerHTML.trim(), /^<p>Paragraph \d+ with [^]*<p>The <strong>last<\/strong> words\.<\/p>$/, 'from a block on');
    assert.ok(last.querySelectorAll('p').length > 2, 'as much of the end as a preview holds');
    assert.ok((root.textContent ?? '').length < FRAME_CHARS + 5_000, 'and not the middle');
    view.finish();
    let frameCount = 1;
    while (frames.run()) {
      frameCount++;
      assert.equal(root.querySelectorAll('.md-preview').length, view.settled ? 0 : 1, 'one preview, at the end, until the end is rendered');
      if (!view.settled) assert.ok(root.lastElementChild!.classList.contains('md-preview'));
    }
    assert.ok(frameCount > 3);
    assert.equal(root.querySelector('.md-preview'), null);
    assert.equal(unchunked(root), normalized(engine.render(doc)));
  });

  it('while a preview shows, a gap as tall as the text still to render stands above it, and what renders goes before the gap', () => {
    const { view, root, frames, doc } = backlogShown();
    const gap = root.querySelector<HTMLElement>('.md-gap')!;
    assert.ok(gap, 'a gap');
    assert.equal(gap.nextElementSibling, root.querySelector('.md-preview'), 'right above the preview');
    assert.equal(gap.getAttribute('aria-hidden'), 'true');
    const heights = [parseFloat(gap.style.height)];
    assert.ok(heights[0] > doc.length * 0.1, `as tall as the text still to render (${gap.style.height})`);
    view.finish();
    while (frames.run()) {
      if (gap.parentNode !== root) break;
      heights.push(parseFloat(gap.style.height));
      assert.ok(root.querySelector('.md-chunk, .md-chunk-open, .md-group-open')!.compareDocumentPosition(gap) & 4, 'rendered text goes before the gap');
    }
    assert.ok(heights.length > 3 && heights.every((h, i) => i === 0 || h < heights[i - 1]), `it shrinks as the slices render: ${heights.join(', ')}`);
    // The last two screens before the preview land in view as the gap closes: half a screen a frame there.
    const screen = window.innerHeight;
    const near = heights.slice(1).map((h, i) => [heights[i], h]).filter(([before]) => before < 2 * screen);
    assert.ok(near.length >= 2, `several frames close the last screens (${heights.join(", ")})`);
    for (const [before, after] of near) assert.ok(before - after <= screen / 2 + 1, `${before} -> ${after}`);
    while (frames.run());
    assert.equal(root.querySelector('.md-gap'), null, 'gone with the preview');
    assert.equal(unchunked(root), normalized(engine.render(doc)));
  });

  it('a backlog renders in the next frame even while a steady stream would wait for its turn', async () => {
    const { view, root, frames } = setup();
    view.append('Steady text.\n\n');
    frames.run();
    // The pacer spaces a steady stream's renders by their cost, read after the frame: say it was 50 ms.
    const now = performance.now;
    performance.now = () => now.call(performance) + 50;
    await new Promise((resolve) => setTimeout(resolve, 0));
    performance.now = now;
    view.append('More text.\n\n');
    frames.run();
    assert.ok(!root.textContent!.includes('More text'), 'a steady stream waits for its turn');
    view.append(`${'A burst of text.\n\n'.repeat(6_000)}The end of the burst.`);
    frames.run();
    assert.ok(root.lastElementChild!.textContent!.includes('The end of the burst.'), 'a backlog shows its end at once');
  });

  it('groups committed blocks in chunks, sealed (skippable off screen) when full or when the answer ends', () => {
    const { view, root, frames } = setup();
    view.append(Array.from({ length: 40 }, (_, i) => `Paragraph ${i}.\n\n`).join(''));
    frames.run();
    const sealed = root.querySelectorAll('.md-chunk');
    assert.equal(sealed.length, 2);
    assert.equal(sealed[0].children.length, 16);
    assert.equal(root.querySelectorAll('.md-chunk-open').length, 1, 'the last chunk is still filling');
    assert.equal(sealed[0].parentElement, root.querySelector('.md-chunk-open')!.parentElement, 'chunks fill the same group');
    assert.equal(sealed[0].parentElement!.className, 'md-group-open', 'made when the first chunk was full');
    view.finish();
    assert.equal(root.querySelectorAll('.md-chunk-open, .md-group-open').length, 0, 'all sealed at the end');
    assert.equal(root.querySelectorAll('.md-chunk').length, 3);
    assert.equal(root.querySelectorAll('.md-chunk > p').length, 40);
  });

  it('an answer of one chunk has no groups', () => {
    const { view, root } = setup();
    view.append('One.\n\nTwo.\n\n');
    view.finish();
    assert.deepEqual([...root.children].map((c) => c.className), ['md-chunk']);
  });

  it('puts full chunks into groups, and full groups into groups a level up, so the root keeps few children', () => {
    const { view, root, frames } = setup();
    const blocks = 16 * 16 * 2 + 5;
    view.renderStatic(Array.from({ length: blocks }, (_, i) => `Paragraph ${i}.\n\n`).join(''));
    while (frames.run()) { /* one slice per frame */ }
    const top = [...root.children];
    assert.equal(top.length, 1, 'one top group holds it all');
    const level1 = top[0].querySelectorAll(':scope > .md-group');
    assert.equal(level1.length, 2, 'two full groups of 256 blocks');
    assert.equal(level1[0].querySelectorAll(':scope > .md-chunk').length, 16);
    assert.equal(top[0].lastElementChild!.className, 'md-chunk', 'and the last chunk');
    assert.equal(root.querySelectorAll('.md-chunk > p').length, blocks);
  });

  it('text past a limit goes into pieces of PLAIN_PIECE characters, equal to the full render', () => {
    const { view, root, frames } = setup();
    const doc = `Intro\n\n${'>'.repeat(200)} deep\n${'plain text line\n'.repeat(4000)}`;
    for (let i = 0; i < doc.length; i += 5000) { view.append(doc.slice(i, i + 5000)); frames.run(); }
    view.finish();
    while (frames.run()) { /* the rest */ }
    const pieces = root.querySelectorAll('pre.render-plain');
    assert.ok(pieces.length >= 4, `${pieces.length} pieces`);
    for (const pre of [...pieces].slice(0, -1)) assert.equal(pre.textContent!.length, PLAIN_PIECE);
    assert.equal(unchunked(root), normalized(engine.render(doc)));
  });

  it('a history answer of a chat being opened renders in the next frame, not in the task that mounts it', () => {
    const { view, root, frames, paints } = setup();
    let finished = 0;
    view.onFinished = () => finished++;
    view.renderStatic('# Saved\n\nanswer', true);
    assert.equal(root.childNodes.length, 0);
    assert.equal(paints.length + finished, 0);
    assert.equal(view.value, '# Saved\n\nanswer');
    assert.equal(frames.run(), true);
    assert.equal(finished, 1);
    assert.equal(unchunked(root), normalized(engine.render('# Saved\n\nanswer')));
  });

  it('a long history answer renders a slice per frame and ends equal to a full render', () => {
    const { view, root, frames } = setup();
    const doc = '- item with `code`\n'.repeat(8000);
    view.renderStatic(doc);
    assert.equal(view.settled, false);
    while (frames.run()) { /* one slice per frame */ }
    assert.ok(view.settled);
    assert.equal(unchunked(root), normalized(engine.render(doc)));
  });
});

/** The view's HTML without its chunk and group wrappers (they group blocks; the blocks equal a full render). */
function unchunked(root: HTMLElement): string {
  const copy = root.cloneNode(true) as HTMLElement;
  for (const chunk of copy.querySelectorAll('.md-chunk, .md-chunk-open, .md-group, .md-group-open')) chunk.replaceWith(...chunk.childNodes);
  return copy.innerHTML;
}

/** HTML as the DOM serializes it (attribute quoting, entities). */
function normalized(html: string): string {
  const template = window.document.createElement('template');
  template.innerHTML = html;
  return template.innerHTML;
}
