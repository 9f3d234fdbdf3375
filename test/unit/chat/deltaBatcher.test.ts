import { strict as assert } from 'node:assert';
import { DeltaBatcher, FRAME_MS, type DeltaKind, type FrameClock } from '../../../src/chat/deltaBatcher';

/** A clock the test advances by hand: pending callbacks run when `tick()` is called. */
function manualClock(): FrameClock & { tick(): void; pending(): number; delays: number[] } {
  let queue: { fn: () => void; live: boolean }[] = [];
  const delays: number[] = [];
  return {
    delays,
    schedule(fn, ms) {
      const entry = { fn, live: true };
      queue.push(entry);
      delays.push(ms);
      return () => { entry.live = false; };
    },
    tick() {
      const due = queue;
      queue = [];
      for (const e of due) if (e.live) e.fn();
    },
    pending: () => queue.filter((e) => e.live).length,
  };
}

describe('DeltaBatcher', () => {
  function setup() {
    const clock = manualClock();
    const sent: [DeltaKind, string][] = [];
    const batcher = new DeltaBatcher((kind, text) => sent.push([kind, text]), clock);
    return { clock, sent, batcher };
  }

  it('sends a burst of deltas as one message per kind per frame', () => {
    const { clock, sent, batcher } = setup();
    for (let i = 0; i < 1000; i++) batcher.push('content', 'x');
    batcher.push('reasoning', 'think');
    assert.equal(sent.length, 0, 'nothing goes out before the frame');
    assert.equal(clock.pending(), 1, 'one timer per frame, not one per delta');
    clock.tick();
    assert.deepEqual(sent, [['reasoning', 'think'], ['content', 'x'.repeat(1000)]]);
    assert.deepEqual(clock.delays, [FRAME_MS]);
  });

  it('sends a trickle (one delta per frame) as it comes, and schedules nothing while idle', () => {
    const { clock, sent, batcher } = setup();
    batcher.push('content', 'a');
    clock.tick();
    assert.equal(clock.pending(), 0);
    batcher.push('content', 'b');
    clock.tick();
    assert.deepEqual(sent, [['content', 'a'], ['content', 'b']]);
  });

  it('flush() sends what is pending at once and cancels the frame', () => {
    const { clock, sent, batcher } = setup();
    batcher.push('content', 'tail');
    batcher.flush();
    assert.deepEqual(sent, [['content', 'tail']]);
    assert.equal(clock.pending(), 0);
    batcher.flush();
    assert.equal(sent.length, 1, 'an empty flush sends nothing');
  });

  it('discard() drops pending text (a snapshot already holds it) and ignores empty deltas', () => {
    const { clock, sent, batcher } = setup();
    batcher.push('content', '');
    assert.equal(clock.pending(), 0);
    batcher.push('content', 'old');
    batcher.discard();
    clock.tick();
    batcher.push('content', 'new');
    clock.tick();
    assert.deepEqual(sent, [['content', 'new']]);
  });
});
