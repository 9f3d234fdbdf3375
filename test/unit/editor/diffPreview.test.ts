// The approval card's diff: hunk headers in 1-based lines, removed and added lines, and a bound with a
// localized "more lines" note so a huge edit never floods the webview.
import assert from 'node:assert/strict';
import { diffPreview } from '../../../src/editor/diffPreview';
import { markingL10n } from '../chat/chatFixture';

describe('diffPreview', () => {
  it('shows a changed line as one hunk with 1-based positions', () => {
    assert.deepEqual(diffPreview({ before: 'a\nb\nc\n', after: 'a\nB\nc\n' }, markingL10n), ['@@ 2,1 → 2,1 @@', '-b', '+B']);
  });

  it('treats a new file as all added', () => {
    assert.deepEqual(diffPreview({ after: 'x\ny' }, markingL10n), ['@@ 1,0 → 1,2 @@', '+x', '+y']);
  });

  it('stops at the bound and says how many lines were left out', () => {
    const after = Array.from({ length: 500 }, (_, i) => `line ${i}`).join('\n');
    const lines = diffPreview({ before: '', after }, markingL10n, 100);
    assert.equal(lines.length, 101);
    assert.match(lines.at(-1)!, /^«… \d+ more lines»$/);
  });
});
