import * as assert from 'node:assert/strict';
import {
  extractFinalCode,
  extractStreamingCode,
  languageMatches,
  parseCodeBlocks,
  pickBlock,
} from '../../../src/editor/codeExtraction';

/** Every prefix's streamed code must be a prefix of the next one's and of the final code. */
function assertStreamsMonotonically(answer: string, expectedFinal: string): void {
  let previous = '';
  for (let i = 0; i <= answer.length; i++) {
    const shown = extractStreamingCode(answer.slice(0, i));
    assert.ok(shown.startsWith(previous), `prefix ${i}: ${JSON.stringify(shown)} does not extend ${JSON.stringify(previous)}`);
    assert.ok(expectedFinal.startsWith(shown), `prefix ${i}: ${JSON.stringify(shown)} is not a prefix of the final code`);
    previous = shown;
  }
  assert.equal(extractFinalCode(answer), expectedFinal);
}

describe('codeExtraction', () => {
  it('strips the fence, the language line and the chatter around the code', () => {
    const answer = 'Here is the simplified version:\n\n```ts\nconst a = 1;\n\nexport function f() {\n  return a;\n}\n```\n\nThis removes the loop.';
    assert.equal(extractFinalCode(answer), 'const a = 1;\n\nexport function f() {\n  return a;\n}');
  });

  it('streams every prefix monotonically (chatter, blank lines, indented lines, trailing text)', () => {
    assertStreamsMonotonically(
      'Sure!\n```python\ndef f(x):\n\n    return x  # `tick`\n  \n```\nDone.',
      'def f(x):\n\n    return x  # `tick`\n  ',
    );
    assertStreamsMonotonically('```\na\n``\nb\n```', 'a\n``\nb');
    assertStreamsMonotonically('```js\r\nlet x = 1;\r\n```\r\n', 'let x = 1;');
  });

  it('shows nothing before the opening fence line is complete', () => {
    assert.equal(extractStreamingCode('Here you go:\n```type'), '');
    assert.equal(extractStreamingCode('Here you go:\n```typescript\n'), '');
    assert.equal(extractStreamingCode('Here you go:\n```typescript\nlet'), 'let');
  });

  it('holds back a growing line that may be the closing fence, but not real code', () => {
    assert.equal(extractStreamingCode('```\nx = 1\n``'), 'x = 1');
    assert.equal(extractStreamingCode('```\nx = 1\n    y'), 'x = 1\n    y');
    assert.equal(extractStreamingCode('```\nx = 1\n\tz'), 'x = 1\n\tz');
    assert.equal(extractStreamingCode('```\nx = 1\n~~'), 'x = 1\n~~');
  });

  it('closes only on a fence at least as long as the opening one', () => {
    const answer = '````md\nSome doc\n```js\ncode()\n```\nend\n````';
    assert.equal(extractFinalCode(answer), 'Some doc\n```js\ncode()\n```\nend');
    assertStreamsMonotonically(answer, 'Some doc\n```js\ncode()\n```\nend');
  });

  it('keeps what arrived of a block that never closed (truncated answer)', () => {
    assert.deepEqual(parseCodeBlocks('```go\nfunc main() {\n', true), [{ lang: 'go', code: 'func main() {\n', closed: false }]);
  });

  it('takes a bare answer without fences as the code at the end, but shows nothing while streaming', () => {
    assert.equal(extractStreamingCode('return a + b;\n'), '');
    assert.equal(extractFinalCode('\n\nreturn a + b;\n\n'), 'return a + b;');
  });

  it('picks the block in the document language, then the one most like the original', () => {
    const answer = '```bash\nnpm i\n```\n```ts\nlet total = sum(items);\n```\nUsage:\n```ts\nconsole.log(total);\nconsole.log(total);\n```';
    assert.equal(extractFinalCode(answer, { languageId: 'typescript', original: 'let total = add(items);' }), 'let total = sum(items);');
    assert.equal(extractFinalCode(answer, { languageId: 'typescript' }), 'console.log(total);\nconsole.log(total);');
    assert.equal(extractFinalCode(answer, { languageId: 'shellscript' }), 'npm i');
  });

  it('skips empty blocks and falls back to any block when no language matches', () => {
    const blocks = parseCodeBlocks('```py\n```\n```rust\nfn x() {}\n```', true);
    assert.equal(pickBlock(blocks, { languageId: 'python' }).code, 'fn x() {}');
  });

  it('matches fence words to VS Code language ids', () => {
    assert.ok(languageMatches('ts', 'typescript'));
    assert.ok(languageMatches('tsx', 'typescript'));
    assert.ok(languageMatches('JavaScript', 'javascriptreact'));
    assert.ok(languageMatches('sh', 'shellscript'));
    assert.ok(!languageMatches('python', 'typescript'));
  });
});
