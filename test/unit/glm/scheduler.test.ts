import { strict as assert } from 'node:assert';
import { GlmError } from '../../../src/glm/errors';
import { RequestScheduler, type Slot, type SlotRequest } from '../../../src/glm/scheduler';
import { FakeClock, settle } from './schedulerFakes';

const EP = 'https://open.bigmodel.cn/api/coding/paas/v4';

interface Tracked {
  slot?: Slot;
  error?: GlmError;
  queued: number[];
}

function setup(opts: { recoveryMs?: number } = {}) {
  const clock = new FakeClock();
  const logs: string[] = [];
  const scheduler = new RequestScheduler({ clock, log: (m) => logs.push(m), ...opts });
  const ask = (extra: Partial<SlotRequest> = {}): Tracked => {
    const t: Tracked = { queued: [] };
    scheduler.acquire({ endpoint: EP, limit: 2, onQueued: (n) => t.queued.push(n), ...extra }).then(
      (s) => (t.slot = s),
      (e: GlmError) => (t.error = e),
    );
    return t;
  };
  return { clock, scheduler, ask, logs };
}

describe('RequestScheduler', () => {
  it('sends up to the limit at once and queues the rest until a slot frees', async () => {
    const { scheduler, ask } = setup();
    const [a, b, c] = [ask(), ask(), ask()];
    await settle();
    assert.ok(a.slot && b.slot);
    assert.equal(c.slot, undefined);
    assert.deepEqual(c.queued, [0]);
    assert.deepEqual(a.queued, [], 'a request sent at once is never reported as queued');
    assert.deepEqual({ ...scheduler.state(EP), endpoint: '' }, { endpoint: '', configuredLimit: 2, effectiveLimit: 2, active: 2, queued: 1 });
    a.slot.release();
    a.slot.release(); // idempotent: must not free a second slot
    await settle();
    assert.ok(c.slot);
    assert.equal(scheduler.state(EP).active, 2);
  });

  it('serves interactive before agent before completion, FIFO within a priority, and reports how many are ahead', async () => {
    const { ask } = setup();
    const held = [ask(), ask()];
    await settle();
    const order: string[] = [];
    const track = (name: string, t: Tracked) => ({ name, t });
    const waiting = [
      track('completion', ask({ priority: 'completion' })),
      track('agent1', ask({ priority: 'agent' })),
      track('chat1', ask({ priority: 'interactive' })),
      track('agent2', ask({ priority: 'agent' })),
      track('chat2', ask()),
    ];
    await settle();
    const byName = Object.fromEntries(waiting.map((w) => [w.name, w.t]));
    assert.equal(byName.chat2.queued.at(-1), 1);
    assert.equal(byName.agent2.queued.at(-1), 3);
    assert.equal(byName.completion.queued.at(-1), 4);
    const current = held.map((h) => h.slot!);
    while (order.length < waiting.length) {
      current.shift()!.release();
      await settle();
      for (const w of waiting) {
        if (w.t.slot && !order.includes(w.name)) {
          order.push(w.name);
          current.push(w.t.slot);
        }
      }
      if (current.length === 0) break;
    }
    assert.deepEqual(order, ['chat1', 'chat2', 'agent1', 'agent2', 'completion']);
  });

  it('keeps one slot free of completions so a person never waits behind ghost text', async () => {
    const { ask } = setup();
    const c1 = ask({ priority: 'completion' });
    const c2 = ask({ priority: 'completion' });
    await settle();
    assert.ok(c1.slot);
    assert.equal(c2.slot, undefined, 'the second slot is kept for a person');
    const chat = ask();
    await settle();
    assert.ok(chat.slot);
  });

  it('drops a queued completion when a newer one arrives, and a stale one instead of sending it', async () => {
    const { ask } = setup();
    const held = [ask(), ask()];
    await settle();
    const old = ask({ priority: 'completion' });
    await settle();
    let stale = false;
    const newer = ask({ priority: 'completion', isStale: () => stale });
    await settle();
    assert.equal(old.error?.kind, 'cancelled');
    assert.equal(newer.error, undefined);
    stale = true;
    held[0].slot!.release();
    await settle();
    assert.equal(newer.slot, undefined, 'a stale completion is never sent');
    assert.equal((newer as Tracked).error?.kind, 'cancelled');
  });

  it('cancels a queued request without it ever getting a slot, and tells the others they moved up', async () => {
    const { scheduler, ask } = setup();
    const held = [ask(), ask()];
    const first = new AbortController();
    const a = ask({ signal: first.signal });
    const b = ask();
    await settle();
    assert.deepEqual(b.queued, [1]);
    first.abort();
    await settle();
    assert.equal(a.error?.kind, 'cancelled');
    assert.deepEqual(b.queued, [1, 0]);
    assert.equal(scheduler.state(EP).queued, 1);
    held[0].slot!.release();
    await settle();
    assert.equal(a.slot, undefined);
    assert.ok(b.slot);
    const dead = new AbortController();
    dead.abort();
    const c = ask({ signal: dead.signal });
    await settle();
    assert.equal(c.error?.kind, 'cancelled');
  });

  it('lowers the limit after a 1302 and queues instead of failing, then recovers step by step', async () => {
    const { scheduler, ask, clock } = setup({ recoveryMs: 60_000 });
    const a = ask({ limit: 3 });
    const b = ask({ limit: 3 });
    const c = ask({ limit: 3 });
    await settle();
    assert.ok(a.slot && b.slot && c.slot);
    assert.equal(scheduler.reportConcurrencyLimit(c.slot), true, 'queue it again: our own requests hold the slots');
    c.slot.release();
    assert.equal(scheduler.state(EP).effectiveLimit, 2);
    const again = ask({ limit: 3, front: true });
    await settle();
    assert.equal(again.slot, undefined, 'two in flight is the most the server takes');
    a.slot.release();
    await settle();
    assert.ok(again.slot);
    clock.advance(60_000);
    assert.equal(scheduler.state(EP).effectiveLimit, 3, 'one step back up after a quiet minute');
    const d = ask({ limit: 3 });
    await settle();
    assert.ok(d.slot);
  });

  it('sends a 1302 back to the caller when nothing else of ours was in flight (someone else holds the slots)', async () => {
    const { scheduler, ask } = setup();
    const a = ask();
    await settle();
    assert.equal(scheduler.reportConcurrencyLimit(a.slot!), false);
    a.slot!.release();
    assert.equal(scheduler.state(EP).effectiveLimit, 1);
  });

  it('after a 1308 refuses everything until the reset time, unless a request overrides it; then resumes', async () => {
    const { scheduler, ask, clock, logs } = setup();
    const held = [ask(), ask()];
    const queued = ask();
    const completion = ask({ priority: 'completion' });
    await settle();
    const until = clock.now() + 3 * 3600_000;
    const state = scheduler.reportCap(EP, '1308', until);
    await settle();
    assert.equal(state.limitedUntil, until);
    assert.equal(queued.error?.kind, 'quota');
    assert.equal(queued.error?.code, '1308');
    assert.match(queued.error?.resetAt ?? '', /^\d{2}:\d{2}$|^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    assert.equal(completion.error?.kind, 'quota', 'completions pause too');
    for (const h of held) h.slot!.release();
    const later = ask();
    await settle();
    assert.equal(later.error?.kind, 'quota', 'nothing is sent while limited');
    const forced = ask({ ignoreLimit: true });
    await settle();
    assert.ok(forced.slot, 'the user can send anyway');
    forced.slot.release();
    clock.advance(3 * 3600_000);
    assert.equal(scheduler.state(EP).limitedUntil, undefined);
    const after = ask();
    await settle();
    assert.ok(after.slot);
    assert.ok(logs.some((l) => /limited until/.test(l)) && logs.some((l) => /no longer limited/.test(l)), logs.join('\n'));
  });

  it('keeps endpoints apart and tells listeners of every change', async () => {
    const { scheduler, ask } = setup();
    let changes = 0;
    const off = scheduler.onDidChange(() => changes++);
    ask();
    ask();
    const other = ask({ endpoint: 'https://api.z.ai/api/paas/v4' });
    await settle();
    assert.ok(other.slot, 'a full endpoint does not hold up another');
    assert.ok(changes >= 3);
    off();
    const before = changes;
    other.slot.release();
    assert.equal(changes, before);
  });
});
