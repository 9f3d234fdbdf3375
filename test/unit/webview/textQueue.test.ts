import assert from 'node:assert/strict';
import { TextQueue } from '../../../src/webview/textQueue';

describe('TextQueue', () => {
  it('gives back exactly what was pushed, in order, whatever the slice sizes', () => {
    const queue = new TextQueue();
    let text = '';
    for (let i = 0; i < 500; i++) {
      const piece = `piece ${i} ${'x'.repeat(i % 37)}|`;
      queue.push(piece);
      text += piece;
    }
    queue.push('');
    assert.equal(queue.length, text.length);
    assert.equal(queue.peekAll(), text, 'peeking takes nothing');
    let out = '';
    for (let n = 1; queue.length > 0; n = (n * 7) % 101 + 1) {
      const before = queue.length;
      const part = queue.take(n);
      assert.equal(part.length, Math.min(n, before));
      assert.equal(queue.length, before - part.length);
      assert.equal(queue.peekAll(), text.slice(out.length + part.length), 'the rest stays queued');
      const rest = text.slice(out.length + part.length);
      assert.equal(queue.peekEnd(n * 3), rest.slice(-n * 3), 'its end, without taking it');
      out += part;
    }
    assert.equal(out, text);
    assert.equal(queue.take(5), '');
  });

  it('takes across pieces and keeps working after clear', () => {
    const queue = new TextQueue();
    queue.push('abc');
    queue.push('def');
    assert.equal(queue.take(4), 'abcd');
    queue.push('g');
    assert.equal(queue.take(10), 'efg');
    queue.push('hij');
    queue.clear();
    assert.equal(queue.length, 0);
    assert.equal(queue.peekAll(), '');
    queue.push('k');
    assert.equal(queue.take(1), 'k');
  });
});
