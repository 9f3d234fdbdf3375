import assert from 'node:assert/strict';
import { TokenEstimator } from '../../../../src/chat/contextBudget';
import { completionMode, maxTokensFor, stopSequences } from '../../../../src/editor/completions/completionMode';
import { completionMessages, CURSOR, fitSnippets, promptWindow, type CompletionDocument } from '../../../../src/editor/completions/completionPrompt';
import { completionRequest } from '../../../../src/editor/completions/completionRequest';
import { pickSnippets } from '../../../../src/editor/completions/contextSnippets';

const estimator = new TokenEstimator();
const lines = (n: number, make: (i: number) => string): string => Array.from({ length: n }, (_, i) => `${make(i)}\n`).join('');

function doc(prefix: string, suffix = ''): CompletionDocument {
  return { path: 'src/app.ts', languageId: 'typescript', prefix, suffix };
}

describe('completion prompt window', () => {
  it('keeps whole lines nearest the cursor within the token budget, on both sides', () => {
    const prefix = lines(500, (i) => `const before${i} = ${i};`) + 'const x = ';
    const suffix = ';\n' + lines(500, (i) => `const after${i} = ${i};`);
    const w = promptWindow(doc(prefix, suffix), { prefixTokens: 100, suffixTokens: 40, snippetTokens: 0 }, estimator);
    assert.ok(w.prefix.endsWith('const before499 = 499;\nconst x = '));
    assert.ok(w.prefix.startsWith('const before'), 'starts at a line start');
    assert.ok(estimator.estimateText(w.prefix) <= 100 + estimator.estimateText('const x = '));
    assert.ok(estimator.estimateText(w.prefix) > 80, 'uses the budget');
    assert.ok(w.suffix.startsWith(';\nconst after0 = 0;\n'));
    assert.ok(w.suffix.endsWith('\n'), 'ends at a line end');
    assert.ok(estimator.estimateText(w.suffix) <= 40);
  });

  it('measures tokens, not lines: long lines take fewer of them', () => {
    const short = promptWindow(doc(lines(400, () => 'x;')), { prefixTokens: 200, suffixTokens: 0, snippetTokens: 0 }, estimator);
    const long = promptWindow(doc(lines(400, () => 'x'.repeat(140))), { prefixTokens: 200, suffixTokens: 0, snippetTokens: 0 }, estimator);
    assert.ok(short.prefix.split('\n').length > 5 * long.prefix.split('\n').length);
  });

  it('always keeps the cursor line, even over budget', () => {
    const huge = 'a'.repeat(10_000);
    const w = promptWindow(doc(`x\n${huge}`, `${huge}\ny`), { prefixTokens: 10, suffixTokens: 10, snippetTokens: 0 }, estimator);
    assert.equal(w.prefix, huge);
    assert.equal(w.suffix, `${huge}\n`);
  });

  it('a whole small document fits', () => {
    const w = promptWindow(doc('a\nb', 'c\nd'), { prefixTokens: 100, suffixTokens: 100, snippetTokens: 0 }, estimator);
    assert.deepEqual(w, { prefix: 'a\nb', suffix: 'c\nd' });
  });

  it('messages: code-only instruction, path, language, snippets, the file with the cursor marked', () => {
    const d = doc('function f() {\n  return ', ';\n}');
    const msgs = completionMessages(d, { prefix: d.prefix, suffix: d.suffix }, [{ path: 'src/util.ts', text: 'export const k = 1;' }], 'line');
    assert.equal(msgs[0].role, 'system');
    assert.match(msgs[0].content as string, /ONLY the code to insert/);
    const user = msgs[1].content as string;
    assert.ok(user.includes(`<file path="src/app.ts" language="typescript">\nfunction f() {\n  return ${CURSOR};\n}\n</file>`));
    assert.ok(user.indexOf('<snippet path="src/util.ts">') < user.indexOf('<file'), 'snippets come first, the cursor last');
    assert.match(user, /current line only/);
  });
});

describe('completion snippets from other editors', () => {
  const other = lines(200, (i) => `filler${i}();`) + 'function parseUser(json) {\n  return JSON.parse(json).user;\n}\n' + lines(100, (i) => `tail${i}();`);

  it('picks the window that shares identifiers with the code before the cursor', () => {
    const picked = pickSnippets('const user = parseUser(json);\nconst name = user', [{ path: 'lib.js', text: other }]);
    assert.equal(picked.length, 1);
    assert.match(picked[0].text, /function parseUser\(json\)/);
  });

  it('unrelated documents give nothing; at most three are kept, best first', () => {
    assert.deepEqual(pickSnippets('alpha beta gamma', [{ path: 'x', text: 'zzz yyy' }]), []);
    const docs = [1, 2, 3, 4].map((n) => ({ path: `d${n}`, text: `parseUser json ${'pad'.repeat(n)} extra${n}` }));
    const picked = pickSnippets('parseUser json', docs);
    assert.deepEqual(picked.map((p) => p.path), ['d1', 'd2', 'd3']);
  });

  it('fitSnippets stops at the budget', () => {
    const fitted = fitSnippets([{ path: 'a', text: lines(50, () => 'aaaa bbbb cccc') }, { path: 'b', text: 'x' }], 30, estimator);
    assert.ok(fitted[0].text.split('\n').length < 50, 'the first one is cut to whole lines');
    assert.ok(fitted.reduce((n, s) => n + estimator.estimateText(s.text), 0) <= 30);
    assert.deepEqual(fitSnippets([{ path: 'a', text: 'x'.repeat(500) }], 30, estimator), [], 'a line over budget is left out');
  });
});

describe('completion mode, stop sequences and request', () => {
  it('line vs block from the cursor line', () => {
    assert.equal(completionMode({ linePrefix: 'const a = ', lineSuffix: '' }), 'line');
    assert.equal(completionMode({ linePrefix: 'foo(', lineSuffix: 'x, y);' }), 'line', 'code after the cursor');
    assert.equal(completionMode({ linePrefix: 'function f() {', lineSuffix: '' }), 'block');
    assert.equal(completionMode({ linePrefix: 'if x:', lineSuffix: '' }), 'block');
    assert.equal(completionMode({ linePrefix: '    ', lineSuffix: '' }), 'block', 'empty line');
    assert.equal(completionMode({ linePrefix: 'call(', lineSuffix: ');' }), 'block', 'only auto-closed characters after');
  });

  it('stop sequences never cut a fence opener, and Zhipu gets the important one first', () => {
    for (const mode of ['line', 'block'] as const) {
      const answer = '```ts\nfoo();\n```';
      assert.ok(stopSequences(mode).every((s) => !answer.slice(0, answer.indexOf('foo')).includes(s)));
    }
    assert.deepEqual(stopSequences('line'), ['\n\n']);
    assert.deepEqual(stopSequences('block'), ['\n\n\n']);
    assert.ok(maxTokensFor('line') < maxTokensFor('block'));
  });

  it('requests: thinking disabled, small max_tokens, the given model', () => {
    const r = completionRequest('glm-4.5-air', [{ role: 'user', content: 'x' }], 'line');
    assert.equal(r.thinking, 'disabled');
    assert.equal(r.model, 'glm-4.5-air');
    assert.ok(r.maxTokens !== undefined && r.maxTokens <= 256);
    assert.deepEqual(r.stop, stopSequences('line'));
  });
});
