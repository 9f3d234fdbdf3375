import assert from 'node:assert/strict';
import { CompletionCache, type CacheContext } from '../../../../src/editor/completions/completionCache';
import { DebouncePolicy } from '../../../../src/editor/completions/debouncePolicy';

const ctx = (prefix: string, suffix = '\n}', document = 'file:///a.ts', variant = 'glm-4.5-air'): CacheContext => ({ document, variant, offset: prefix.length, prefix, suffix });

describe('completion cache', () => {
  it('answers the same context again (undo/redo, re-typing), empty answers included', () => {
    const cache = new CompletionCache();
    cache.set(ctx('const a = '), '1;');
    cache.set(ctx('let b = '), '');
    assert.deepEqual(cache.lookup(ctx('const a = ')), { kind: 'cache', text: '1;' });
    assert.deepEqual(cache.lookup(ctx('let b = ')), { kind: 'cache', text: '' });
  });

  it('another document, model or text after the cursor is another context', () => {
    const cache = new CompletionCache();
    cache.set(ctx('const a = '), '1;');
    assert.equal(cache.lookup(ctx('const a = ', '\n}', 'file:///b.ts')), undefined);
    assert.equal(cache.lookup(ctx('const a = ', '\n}', 'file:///a.ts', 'glm-4.7')), undefined);
    assert.equal(cache.lookup(ctx('const a = ', '\n  x;\n}')), undefined);
  });

  it('evicts the least recently used entry', () => {
    const cache = new CompletionCache(2);
    cache.set(ctx('a'), 'A');
    cache.set(ctx('b'), 'B');
    cache.lookup(ctx('a'));
    cache.set(ctx('c'), 'C');
    assert.equal(cache.size, 2);
    assert.equal(cache.lookup(ctx('b'))?.text, undefined);
    assert.equal(cache.lookup(ctx('a'))?.text, 'A');
  });

  it('typing through: characters that match the suggestion give its rest, without a new entry', () => {
    const cache = new CompletionCache();
    cache.set(ctx('const total = '), 'items.length;');
    assert.deepEqual(cache.lookup(ctx('const total = ite')), { kind: 'typing', text: 'ms.length;' });
    assert.deepEqual(cache.lookup(ctx('const total = items.length')), { kind: 'typing', text: ';' });
    assert.equal(cache.lookup(ctx('const total = items.length;')), undefined, 'typed all of it: nothing left');
    assert.equal(cache.lookup(ctx('const total = itx')), undefined, 'diverged');
    assert.equal(cache.lookup(ctx('const total = ite', '\nother')), undefined, 'text after the cursor changed');
    assert.equal(cache.size, 1);
  });

  it('typing through needs the same text before the suggestion, not just the same length', () => {
    const cache = new CompletionCache();
    cache.set(ctx('let x = '), 'foo();');
    assert.equal(cache.lookup(ctx('var y = f')), undefined);
  });
});

describe('adaptive debounce', () => {
  it('follows the typing rhythm: a fast typist waits less than a slow one', () => {
    const fast = new DebouncePolicy();
    const slow = new DebouncePolicy();
    for (let i = 0; i < 10; i++) {
      fast.keystroke(i * 50);
      slow.keystroke(i * 200);
    }
    assert.ok(fast.delay('const a') < slow.delay('const a'));
    assert.equal(fast.delay('const a'), 80);
  });

  it('waits longer while suggestions are ignored, back to normal once one is accepted', () => {
    const p = new DebouncePolicy();
    for (let i = 0; i < 5; i++) p.keystroke(i * 100);
    const normal = p.delay('x');
    p.ignored();
    p.ignored();
    assert.ok(p.delay('x') > normal);
    p.accepted();
    assert.equal(p.delay('x'), normal);
  });

  it('asks sooner at pause points, and stays within its bounds', () => {
    const p = new DebouncePolicy({ minMs: 60, maxMs: 400, initialMs: 150 });
    assert.equal(p.delay('foo'), 150);
    assert.ok(p.delay('foo(') < 150);
    assert.ok(p.delay('    ') < 150);
    for (let i = 0; i < 10; i++) p.keystroke(i * 900);
    for (let i = 0; i < 8; i++) p.ignored();
    assert.equal(p.delay('foo'), 400);
  });
});
