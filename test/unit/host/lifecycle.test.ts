// src/host/lifecycle.ts imports vscode only as types, so its logic runs in plain node.
import assert from 'node:assert/strict';
import { Disposable, ShutdownTasks, toDisposable } from '../../../src/host/lifecycle';

class Owner extends Disposable {
  own<T extends { dispose(): void }>(x: T): T {
    return this.register(x);
  }
  get disposed(): boolean {
    return this.isDisposed;
  }
}

describe('lifecycle', () => {
  it('register returns what it registers and disposes everything once, newest first', () => {
    const order: string[] = [];
    const owner = new Owner();
    const a = toDisposable(() => order.push('a'));
    assert.equal(owner.own(a), a);
    owner.own(toDisposable(() => order.push('b')));
    owner.dispose();
    owner.dispose();
    assert.deepEqual(order, ['b', 'a']);
    assert.ok(owner.disposed);
  });

  it('disposes at once what is registered after the owner was disposed', () => {
    const owner = new Owner();
    owner.dispose();
    let late = 0;
    owner.own(toDisposable(() => late++));
    assert.equal(late, 1);
  });

  it('disposes the rest when one throws, then reports the failure', () => {
    const owner = new Owner();
    let other = 0;
    owner.own(toDisposable(() => other++));
    owner.own(toDisposable(() => {
      throw new Error('boom');
    }));
    assert.throws(() => owner.dispose(), /boom/);
    assert.equal(other, 1);
  });

  it('runs every shutdown task, waits for them, and forgets removed ones', async () => {
    const tasks = new ShutdownTasks();
    const done: string[] = [];
    tasks.add(async () => {
      await new Promise((r) => setTimeout(r, 20));
      done.push('slow write');
    });
    tasks.add(async () => {
      throw new Error('a failing task does not stop the others');
    });
    const removed = tasks.add(async () => done.push('removed'));
    removed.dispose();
    await tasks.run();
    assert.deepEqual(done, ['slow write']);
  });
});
