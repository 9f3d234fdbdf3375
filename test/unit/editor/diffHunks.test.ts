import * as assert from 'node:assert/strict';
import { applyHunks, applySelectedHunks, computeHunks, describeHunk, diffLines, splitLines } from '../../../src/editor/diffHunks';

/** Deterministic pseudo-random generator so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

function lcs(a: string[], b: string[]): number {
  const t = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) t[i][j] = a[i - 1] === b[j - 1] ? t[i - 1][j - 1] + 1 : Math.max(t[i - 1][j], t[i][j - 1]);
  return t[a.length][b.length];
}

describe('diffHunks', () => {
  it('finds no hunks for equal texts', () => {
    assert.deepEqual(computeHunks('a\nb\nc', 'a\nb\nc'), []);
  });

  it('groups a changed region into one hunk with its original position', () => {
    const hunks = computeHunks('a\nb\nc\nd', 'a\nB\nC\nd');
    assert.equal(hunks.length, 1);
    assert.deepEqual(hunks[0], { index: 0, originalStart: 1, originalLines: ['b', 'c'], newStart: 1, newLines: ['B', 'C'] });
  });

  it('separates distant changes, pure insertions and pure deletions', () => {
    const hunks = computeHunks('1\n2\n3\n4\n5\n6', '0\n1\n2\n4\n5\n6\n7');
    assert.deepEqual(
      hunks.map((h) => [h.originalStart, h.originalLines, h.newLines]),
      [
        [0, [], ['0']],
        [2, ['3'], []],
        [6, [], ['7']],
      ],
    );
  });

  it('applies all hunks to reproduce the proposal and none to keep the original', () => {
    const a = 'function f() {\n  return 1;\n}\n\nconst x = f();\n';
    const b = 'function f(): number {\n  return 1;\n}\n\nconst x: number = f();\nconsole.log(x);\n';
    const hunks = computeHunks(a, b);
    assert.equal(applySelectedHunks(a, hunks, hunks.map((h) => h.index)), b);
    assert.equal(applySelectedHunks(a, hunks, []), a);
  });

  it('applies only the chosen hunks', () => {
    const a = 'a\nb\nc\nd\ne';
    const b = 'A\nb\nc\nd\nE';
    const hunks = computeHunks(a, b);
    assert.equal(hunks.length, 2);
    assert.equal(applySelectedHunks(a, hunks, [0]), 'A\nb\nc\nd\ne');
    assert.equal(applySelectedHunks(a, hunks, [1]), 'a\nb\nc\nd\nE');
  });

  it('joins with the given line end and reads CRLF input', () => {
    const hunks = computeHunks('a\r\nb\r\n', 'a\nB\n');
    assert.equal(applySelectedHunks('a\r\nb\r\n', hunks, [0], '\r\n'), 'a\r\nB\r\n');
  });

  it('round-trips random edits, and every subset of hunks gives a consistent text', () => {
    const rand = rng(42);
    for (let round = 0; round < 200; round++) {
      const a = Array.from({ length: Math.floor(rand() * 30) }, () => String.fromCharCode(97 + Math.floor(rand() * 5)));
      const b = a.flatMap((line) => {
        const r = rand();
        if (r < 0.15) return [];
        if (r < 0.3) return [line.toUpperCase()];
        if (r < 0.4) return [line, 'new' + Math.floor(rand() * 3)];
        return [line];
      });
      const hunks = diffLines(a, b);
      assert.deepEqual(applyHunks(a, hunks, hunks.map((h) => h.index)), b, `round ${round}`);
      assert.deepEqual(applyHunks(a, hunks, []), a);
      const changed = hunks.reduce((n, h) => n + h.originalLines.length + h.newLines.length, 0);
      assert.equal(changed, a.length + b.length - 2 * lcs(a, b), `round ${round}: not minimal`);
      // Accepting hunk i alone changes exactly its region.
      for (const h of hunks) {
        const one = applyHunks(a, hunks, [h.index]);
        assert.deepEqual(one.slice(0, h.originalStart), a.slice(0, h.originalStart));
        assert.deepEqual(one.slice(h.originalStart, h.originalStart + h.newLines.length), h.newLines);
      }
    }
  });

  it('keeps the diff minimal (Myers): one line inserted in the middle is one insertion', () => {
    const a = splitLines('x\ny\nx\ny\nx');
    const b = splitLines('x\ny\nz\nx\ny\nx');
    const hunks = diffLines(a, b);
    assert.equal(hunks.length, 1);
    assert.deepEqual(hunks[0].originalLines, []);
    assert.deepEqual(hunks[0].newLines, ['z']);
  });

  it('describes hunks with 1-based document lines', () => {
    const [h] = computeHunks('a\nb\nc', 'a\nX\nY\nc');
    assert.deepEqual(describeHunk(h, 10), { start: 11, end: 11, removed: 1, added: 2 });
  });
});
