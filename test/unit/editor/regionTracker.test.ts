import assert from 'node:assert/strict';
import { RegionTracker } from '../../../src/editor/regionTracker';

describe('RegionTracker', () => {
  it('shifts with edits before the span, including an insertion at its start', () => {
    const r = new RegionTracker(10, 20);
    assert.equal(r.apply({ offset: 0, length: 0, text: 'abc' }), false);
    assert.deepEqual([r.start, r.end, r.touched], [13, 23, false]);
    r.apply({ offset: 2, length: 5, text: '' });
    assert.deepEqual([r.start, r.end], [8, 18]);
    r.apply({ offset: 8, length: 0, text: 'xx' });
    assert.deepEqual([r.start, r.end, r.touched], [10, 20, false]);
  });

  it('ignores edits after the span, including at its end', () => {
    const r = new RegionTracker(10, 20);
    r.apply({ offset: 20, length: 3, text: 'long text' });
    r.apply({ offset: 50, length: 0, text: 'x' });
    assert.deepEqual([r.start, r.end, r.touched], [10, 20, false]);
  });

  it('reports the first edit inside the span once, and stays touched', () => {
    const r = new RegionTracker(10, 20);
    assert.equal(r.apply({ offset: 15, length: 0, text: 'x' }), true);
    assert.equal(r.apply({ offset: 16, length: 1, text: '' }), false, 'reported once');
    assert.ok(r.touched);
    const overlap = new RegionTracker(10, 20);
    assert.equal(overlap.apply({ offset: 5, length: 6, text: '' }), true, 'an edit overlapping the start touches it');
  });

  it('takes announced edits of our own as growth, once, and forgets withdrawn ones', () => {
    const r = new RegionTracker(10, 10);
    r.expectOwnEdit(10, 0, 'code');
    assert.equal(r.apply({ offset: 10, length: 0, text: 'code' }), false);
    assert.deepEqual([r.start, r.end, r.touched], [10, 14, false]);
    const withdraw = r.expectOwnEdit(12, 1, 'Z');
    withdraw();
    assert.equal(r.apply({ offset: 12, length: 1, text: 'Z' }), true, 'a withdrawn announcement no longer covers the edit');
  });

  it('markTouched says whether it was the first time', () => {
    const r = new RegionTracker(0, 1);
    assert.equal(r.markTouched(), true);
    assert.equal(r.markTouched(), false);
  });
});
