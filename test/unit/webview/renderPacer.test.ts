import assert from 'node:assert/strict';
import { MAX_RENDER_GAP_MS, RENDER_SHARE, RenderPacer } from '../../../src/webview/renderPacer';

describe('RenderPacer', () => {
  it('renders the first frame of a stream at once', () => {
    const pacer = new RenderPacer();
    pacer.arrive();
    assert.equal(pacer.due(0), true);
  });

  it('spaces the renders of a steady stream by what the last one cost', () => {
    const pacer = new RenderPacer();
    pacer.rendered(1000, 10);
    const gap = 10 / RENDER_SHARE;
    const frames: number[] = [];
    for (let now = 1016; now < 1000 + 3 * gap; now += 16) {
      pacer.arrive();
      if (pacer.due(now)) { frames.push(now); pacer.rendered(now, 10); }
    }
    assert.ok(frames.length >= 2, `rendered at ${frames.join(', ')}`);
    assert.ok(frames[0] >= 1000 + gap, 'not before the gap');
    for (let i = 1; i < frames.length; i++) assert.ok(frames[i] - frames[i - 1] >= gap);
  });

  it('renders at once in a frame where nothing new arrived (the model paused or finished)', () => {
    const pacer = new RenderPacer();
    pacer.rendered(1000, 10);
    pacer.arrive();
    assert.equal(pacer.due(1016), false, 'text keeps coming: wait');
    assert.equal(pacer.due(1033), true, 'nothing new since the last frame: show it now');
  });

  it('never waits longer than MAX_RENDER_GAP_MS, however slow a render was', () => {
    const pacer = new RenderPacer();
    pacer.rendered(1000, 500);
    pacer.arrive();
    assert.equal(pacer.due(1000 + MAX_RENDER_GAP_MS - 1), false);
    pacer.arrive();
    assert.equal(pacer.due(1000 + MAX_RENDER_GAP_MS), true);
  });
});
