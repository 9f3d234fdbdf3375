import assert from 'node:assert/strict';
import { FRAME_SLACK_MS, MAX_RENDER_GAP_MS, RENDER_SHARE, RenderPacer } from '../../../src/webview/renderPacer';

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
    assert.ok(frames[0] >= 1000 + gap - FRAME_SLACK_MS, 'not before the gap (to the nearest half frame)');
    for (let i = 1; i < frames.length; i++) assert.ok(frames[i] - frames[i - 1] >= gap - FRAME_SLACK_MS);
    assert.ok(frames.length < Math.ceil((3 * gap) / 16), 'fewer renders than frames');
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
    assert.equal(pacer.due(1000 + MAX_RENDER_GAP_MS - FRAME_SLACK_MS - 1), false);
    pacer.arrive();
    assert.equal(pacer.due(1000 + MAX_RENDER_GAP_MS - FRAME_SLACK_MS), true);
  });

  it('at a model pace that renders can keep up with, each delta shows in the first frame after it arrives', () => {
    const pacer = new RenderPacer();
    const frame = 1000 / 60;
    const cost = 7;   // 40 renders a second of 7 ms: 28% of the time, under RENDER_SHARE, and spaced more than a frame
    let nextDelta = 0;
    let waiting: number | undefined;   // arrival time of text not yet rendered
    let worst = 0;
    for (let now = frame; now < 5000; now += frame) {
      for (; nextDelta <= now; nextDelta += 25) { pacer.arrive(); waiting ??= nextDelta; }
      if (waiting === undefined) { pacer.due(now); continue; }
      if (pacer.due(now)) { worst = Math.max(worst, now - waiting); waiting = undefined; pacer.rendered(now, cost); }
    }
    assert.ok(worst <= frame, `a delta waited ${worst.toFixed(1)} ms`);
  });
});
