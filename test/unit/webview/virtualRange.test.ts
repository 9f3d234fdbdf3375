import assert from 'node:assert/strict';
import { estimateHeight, offsetOf, visibleRange } from '../../../src/webview/virtualRange';

describe('virtual range', () => {
  const heights = [100, 100, 100, 100, 100];

  it('picks the items that overlap the window, with spacers for the rest', () => {
    assert.deepEqual(visibleRange(heights, 150, 320), { start: 1, end: 4, before: 100, after: 100 });
    assert.deepEqual(visibleRange(heights, -500, 50), { start: 0, end: 1, before: 0, after: 400 });
    assert.deepEqual(visibleRange(heights, 480, 2000), { start: 4, end: 5, before: 400, after: 0 });
  });

  it('a window past the end renders nothing and keeps the full height', () => {
    assert.deepEqual(visibleRange(heights, 900, 1000), { start: 5, end: 5, before: 500, after: 0 });
    assert.deepEqual(visibleRange([], 0, 100), { start: 0, end: 0, before: 0, after: 0 });
  });

  it('5,000 turns: the window holds a handful whatever the length', () => {
    const many = Array.from({ length: 5000 }, () => 150);
    const r = visibleRange(many, 5000 * 150 - 2700, 5000 * 150);
    assert.equal(r.end, 5000);
    assert.ok(r.end - r.start <= 20);
    assert.equal(r.before + r.after + (r.end - r.start) * 150, 5000 * 150);
    assert.equal(offsetOf(many, r.start), r.before);
  });

  it('estimates grow with the text and its lines', () => {
    const short = estimateHeight({ role: 'user', id: 'u', text: 'hi', chips: [], createdAt: 0 }, 600);
    const long = estimateHeight({ role: 'assistant', id: 'a', text: 'line\n'.repeat(100), status: 'done', createdAt: 0 }, 600);
    assert.ok(short < 100);
    assert.ok(long > 100 * 18);
  });
});
