import assert from 'node:assert/strict';
import { completionMode } from '../../../../src/editor/completions/completionMode';
import { postProcess, shapeAnswer, type ShapeContext } from '../../../../src/editor/completions/completionShape';

/** A context from a document with `|` at the cursor. */
function at(docWithCursor: string, indent = { useTabs: false, size: 4 }): ShapeContext {
  const [prefix, suffix] = docWithCursor.split('|');
  const lineStart = prefix.lastIndexOf('\n') + 1;
  const lineEnd = suffix.indexOf('\n');
  const line = { linePrefix: prefix.slice(lineStart), lineSuffix: lineEnd < 0 ? suffix : suffix.slice(0, lineEnd) };
  return {
    ...line,
    mode: completionMode(line),
    linesAbove: prefix.slice(0, lineStart).split('\n').slice(0, -1).slice(-3),
    linesBelow: lineEnd < 0 ? [] : suffix.slice(lineEnd + 1).split('\n').slice(0, 3),
    indent,
  };
}

// Answers as GLM models gave them for completion prompts (fences and prose despite the instructions,
// repeats of the line, the closing brace that is already there, indentation from column 0).
const TABLE: Array<{ name: string; doc: string; answer: string; want: string | undefined }> = [
  { name: 'plain line', doc: 'const total = |', answer: 'items.reduce((a, b) => a + b, 0);', want: 'items.reduce((a, b) => a + b, 0);' },
  { name: 'fenced with language', doc: 'const total = |', answer: '```typescript\nitems.length;\n```', want: 'items.length;' },
  { name: 'prose then fence then explanation', doc: 'def area(r):\n    return |', answer: "Here is the code to insert at the cursor:\n\n```python\nmath.pi * r ** 2\n```\n\nThis computes the area.", want: 'math.pi * r ** 2' },
  { name: 'bare prose line', doc: 'let x = |', answer: "Sure! Here's the completion:\n42;", want: '42;' },
  { name: 'Chinese prose', doc: 'let x = |', answer: '以下是补全的代码：\n```js\nfoo();\n```', want: 'foo();' },
  { name: 'think block', doc: 'let x = |', answer: '<think>the user wants a number</think>\n7;', want: '7;' },
  { name: 'repeats the line prefix', doc: '    const name = |', answer: 'const name = user.name;', want: 'user.name;' },
  { name: 'repeats the word being typed', doc: 'for i in r|', answer: 'range(10):', want: 'ange(10):' },
  { name: 'repeats the closing of the line', doc: 'console.log(|);', answer: '"hello");', want: '"hello"' },
  { name: 'repeats one closer only', doc: 'foo(|)', answer: 'a, b)', want: 'a, b' },
  { name: 'line mode keeps only the first line', doc: 'const a = |', answer: '1;\nconst b = 2;', want: '1;' },
  { name: 'repeats the line above', doc: 'import a from "a";\n|', answer: 'import a from "a";\nimport b from "b";', want: 'import b from "b";' },
  {
    name: 'block after an opener, relative indentation, closing brace kept',
    doc: 'function add(a, b) {|',
    answer: '\n    return a + b;\n}\n\nfunction sub(a, b) {',
    want: '\n    return a + b;\n}',
  },
  {
    name: 'block whose closing brace is already below the cursor',
    doc: 'function add(a, b) {|\n}\n',
    answer: '\n    return a + b;\n}',
    want: '\n    return a + b;',
  },
  {
    name: 'empty line in a body: model answered from column 0',
    doc: 'function f() {\n    const a = 1;\n    |\n}',
    answer: 'if (a) {\n    return a;\n}\nreturn 0;',
    want: 'if (a) {\n        return a;\n    }\n    return 0;',
  },
  {
    name: 'empty line: stops where the block ends',
    doc: 'class A {\n    m() {\n        |\n    }\n}',
    answer: 'this.x = 1;\n    }\n\n    n() {}',
    want: 'this.x = 1;',
  },
  {
    name: 'wrong indentation unit: tabs in a spaces document',
    doc: 'if (x) {|',
    answer: '\n\tcall();\n}',
    want: '\n    call();\n}',
  },
  { name: 'only what is already after the cursor', doc: 'foo(|);', answer: ');', want: undefined },
  { name: 'empty answer', doc: 'let x = |', answer: '', want: undefined },
  { name: 'whitespace answer', doc: 'let x = |', answer: '  \n ', want: undefined },
  { name: 'only the line above again', doc: 'x = 1\n|', answer: 'x = 1', want: undefined },
  { name: 'fence without closing (cut by max_tokens)', doc: 'let x = |', answer: '```js\nvalue + 1;', want: 'value + 1;' },
  { name: 'code that starts like prose is kept', doc: 'let y = 0;\n|', answer: 'note(y);', want: 'note(y);' },
];

describe('completion post-processing (table of model outputs)', () => {
  for (const row of TABLE) {
    it(row.name, () => {
      assert.equal(postProcess(row.answer, at(row.doc)), row.want);
    });
  }

  it('a tabs document gets tabs', () => {
    assert.equal(postProcess('\n    go();\n}', at('if (x) {|', { useTabs: true, size: 4 })), '\n\tgo();\n}');
  });
});

describe('completion shape while streaming', () => {
  it('a line completion ends once its first line is complete, not before', () => {
    const ctx = at('const a = |');
    assert.equal(shapeAnswer('1', ctx, false).ended, false);
    assert.equal(shapeAnswer('1;\n', ctx, false).ended, true);
  });

  it('a fenced line completion is not ended by the fence line', () => {
    const ctx = at('const a = |');
    assert.equal(shapeAnswer('```ts\n', ctx, false).ended, false);
    assert.equal(shapeAnswer('```ts\n1;\n', ctx, false).ended, true);
  });

  it('a block ends at the first line outside it, and a growing line is never judged', () => {
    const ctx = at('class A {\n    m() {\n        |\n    }\n}');
    assert.equal(shapeAnswer('a();\n    }', ctx, false).ended, false);
    assert.equal(shapeAnswer('a();\n    }\n', ctx, false).ended, true);
  });

  it('a closing fence ends it', () => {
    assert.equal(shapeAnswer('```js\na();\n```\n', at('function f() {|'), false).ended, true);
  });
});
