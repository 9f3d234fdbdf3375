import assert from 'node:assert/strict';
import { computeHunks } from '../../../src/editor/diffHunks';
import { acceptedHunks, hunkRows, isStale, isWhitespaceOnly, reindentedLines, spliceText, summarize } from '../../../src/editor/editProposal';

const BEFORE = 'a\nb\nc\nd\ne\nf\n';
const AFTER = 'A\nb\nc\nD\ne\nF\n';

describe('edit proposal logic', () => {
  const hunks = computeHunks(BEFORE, AFTER);

  it('a decision selects hunks: all, none, or valid chosen indexes in order without repeats', () => {
    assert.equal(hunks.length, 3);
    assert.deepEqual(acceptedHunks('all', hunks), [0, 1, 2]);
    assert.deepEqual(acceptedHunks('none', hunks), []);
    assert.deepEqual(acceptedHunks([2, 0, 2, 7, -1], hunks), [0, 2]);
    assert.deepEqual(acceptedHunks([], hunks), []);
  });

  it('counts lines that only change leading or trailing whitespace', () => {
    const [reindent] = computeHunks('if (x) {\nfoo();\nbar();\n}\n', 'if (x) {\n  foo();\n  bar(); \n}\n');
    assert.equal(reindentedLines(reindent), 2);
    assert.ok(isWhitespaceOnly(reindent));
    const [mixed] = computeHunks('x\nfoo();\n', 'x\n  foo();\nbaz();\n');
    assert.equal(reindentedLines(mixed), 1);
    assert.ok(!isWhitespaceOnly(mixed), 'an added line is more than whitespace');
    const [real] = computeHunks('foo();\n', 'bar();\n');
    assert.equal(reindentedLines(real), 0);
    assert.ok(!isWhitespaceOnly(real));
  });

  it('summarizes a proposal whose re-indented lines a default diff view would hide', () => {
    // Fix This Problem re-indenting 7 lines and adding one: the user must hear about all eight.
    const before = ['function f() {', 'a();', 'b();', 'c();', 'd();', 'e();', 'g();', 'h();', '}'].join('\n');
    const after = ['function f() {', '  try {', ...['a();', 'b();', 'c();', 'd();', 'e();', 'g();', 'h();'].map((l) => `    ${l}`), '  } catch {}', '}'].join('\n');
    const summary = summarize(computeHunks(before, after));
    assert.equal(summary.reindented, 7);
    assert.ok(summary.changes >= 1);
  });

  it('describes hunks as rows counted from the first line of the span', () => {
    const rows = hunkRows(computeHunks('x\n  y\nz\n', 'x\ny\nZ\n'), 10);
    assert.deepEqual(rows.map((r) => [r.start, r.end, r.whitespaceOnly, r.sample]), [[11, 12, false, 'y']]);
    const [ws] = hunkRows(computeHunks('x\n  y\n', 'x\ny\n'), 1);
    assert.deepEqual([ws.start, ws.whitespaceOnly, ws.removed, ws.added], [2, true, 1, 1]);
  });

  it('splices a span of a text', () => {
    assert.equal(spliceText('hello world', 6, 11, 'there'), 'hello there');
    assert.equal(spliceText('abc', 1, 1, 'X'), 'aXbc');
  });

  it('is stale when the span was touched or no longer holds the text it was made against', () => {
    assert.ok(!isStale('same', 'same', false));
    assert.ok(isStale('same', 'same', true));
    assert.ok(isStale('changed', 'same', false));
  });
});
