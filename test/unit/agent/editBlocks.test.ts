import assert from 'node:assert/strict';
import { applyEditBlocks } from '../../../src/chat/agent/editBlocks';
import { limitLines, pageHeader, pageOf, truncateMiddle, PAGE_LINES } from '../../../src/chat/agent/textLimits';

describe('agent edit blocks', () => {
  const file = 'a\nconst x = 1;\nb\nconst x = 1;\nc\n';

  it('applies blocks in order', () => {
    const r = applyEditBlocks('one\ntwo\nthree\n', [{ search: 'two', replace: '2' }, { search: '2\nthree', replace: '2\n3' }]);
    assert.deepEqual(r, { ok: true, content: 'one\n2\n3\n' });
  });

  it('fails on several matches, naming the lines, and changes nothing', () => {
    const r = applyEditBlocks(file, [{ search: 'const x = 1;', replace: 'y' }]);
    assert.ok(!r.ok);
    assert.match(r.error, /matches 2 times \(lines 2, 4\)/);
    assert.match(r.error, /add surrounding lines/);
  });

  it('fails on no match and hints at a whitespace difference', () => {
    const none = applyEditBlocks(file, [{ search: 'let z', replace: 'y' }]);
    assert.ok(!none.ok && /was not found/.test(none.error) && !/whitespace or indentation\)/.test(none.error));
    const indent = applyEditBlocks('  if (a) {\n    go();\n  }\n', [{ search: 'if (a) {\n  go();', replace: '' }]);
    assert.ok(!indent.ok && /different whitespace or indentation/.test(indent.error));
  });

  it('labels which block failed and keeps the file whole when a later block fails', () => {
    const r = applyEditBlocks(file, [{ search: 'a\n', replace: 'A\n' }, { search: 'nope', replace: '' }]);
    assert.ok(!r.ok && /^Edit 2 of 2/.test(r.error));
  });

  it('matches \\n blocks in a CRLF file and keeps CRLF', () => {
    const r = applyEditBlocks('one\r\ntwo\r\nthree\r\n', [{ search: 'one\ntwo', replace: 'uno\ndos' }]);
    assert.deepEqual(r, { ok: true, content: 'uno\r\ndos\r\nthree\r\n' });
  });

  it('refuses an empty search', () => {
    const r = applyEditBlocks(file, [{ search: '', replace: 'x' }]);
    assert.ok(!r.ok && /empty "search"/.test(r.error));
  });
});

describe('agent text limits', () => {
  const long = Array.from({ length: 1000 }, (_, i) => `line ${i + 1}`).join('\n');

  it('pages a long file with a "lines a-b of n" header that says how to go on', () => {
    const page = pageOf(long);
    assert.ok(!('error' in page));
    assert.equal(pageHeader(page, 'a.ts'), `a.ts: lines 1-${PAGE_LINES} of 1000; continue with start_line ${PAGE_LINES + 1}`);
    const tail = pageOf(long, 990);
    assert.ok(!('error' in tail) && pageHeader(tail, 'a.ts') === 'a.ts: lines 990-1000 of 1000' && tail.text.startsWith('line 990'));
    const range = pageOf(long, 5, 7);
    assert.ok(!('error' in range) && range.text === 'line 5\nline 6\nline 7');
    assert.ok('error' in pageOf(long, 1001));
  });

  it('cuts very long lines and stops a page at its character budget', () => {
    const minified = `${'x'.repeat(5000)}\n${'y'.repeat(5000)}`;
    const page = pageOf(minified);
    assert.ok(!('error' in page) && /line cut at 2000 of 5000/.test(page.text));
    const wide = Array.from({ length: 300 }, () => 'z'.repeat(1500)).join('\n');
    const p2 = pageOf(wide);
    assert.ok(!('error' in p2) && p2.last < 300 && p2.text.length <= 41_000);
  });

  it('truncates in the middle with a marker of how much was cut', () => {
    const text = 'a'.repeat(600) + 'b'.repeat(600);
    const cut = truncateMiddle(text, 200);
    assert.match(cut, /^a{80}\n\[… 1,000 characters cut …\]\nb{120}$/);
    assert.equal(truncateMiddle('short', 200), 'short');
    assert.equal(limitLines(['a', 'b', 'c'], 2, 'files'), 'a\nb\n[… 1 more files not shown; narrow the request …]');
  });
});
