import * as assert from 'node:assert/strict';
import { parseCodeBlocks } from '../../../src/editor/codeExtraction';
import {
  buildCodeMessages,
  buildExplainPrompt,
  fence,
  keepEnd,
  keepStart,
  PromptTooLargeError,
  REFACTOR_PRESETS,
  splitBudget,
  type CodeContext,
} from '../../../src/editor/prompts';

const ctx: CodeContext = {
  fileName: 'src/math.ts',
  languageId: 'typescript',
  code: 'function add(a, b) {\n  return a + b;\n}',
  before: 'import x from "y";\n',
  after: '\nexport { add };\n',
  startLine: 3,
};

function user(messages: ReturnType<typeof buildCodeMessages>): string {
  const last = messages[messages.length - 1];
  assert.equal(last.role, 'user');
  return last.content as string;
}

const lines = (n: number, tag: string): string => Array.from({ length: n }, (_, i) => `${tag} line ${i}`).join('\n');

describe('prompts', () => {
  it('puts the code to rewrite in the first fenced block, then the context, then the task', () => {
    const text = user(buildCodeMessages({ kind: 'refactor', preset: 'addTypes', instruction: 'use const' }, ctx));
    const blocks = parseCodeBlocks(text, true);
    assert.equal(blocks[0].code, ctx.code);
    assert.equal(blocks[0].lang, 'typescript');
    assert.equal(blocks[1].code, 'import x from "y";');
    assert.match(text, /src\/math\.ts/);
    assert.match(text, /starts at line 3/);
    assert.ok(text.includes(REFACTOR_PRESETS.addTypes));
    assert.ok(text.includes('use const'));
  });

  it('asks for one fenced block of code only, and appends the user system prompt', () => {
    const [system] = buildCodeMessages({ kind: 'docComments' }, ctx, { systemPrompt: 'Answer in French.' });
    assert.equal(system.role, 'system');
    assert.match(system.content as string, /exactly one fenced code block/);
    assert.match(system.content as string, /Answer in French\.$/);
  });

  it('generation at the cursor sends the code before and after the cursor and the instruction', () => {
    const text = user(
      buildCodeMessages({ kind: 'generate', instruction: 'sort the list' }, { ...ctx, code: '', before: 'const xs = [3, 1];\n', after: 'print(xs);\n' }),
    );
    const blocks = parseCodeBlocks(text, true);
    assert.deepEqual(blocks.map((b) => b.code), ['const xs = [3, 1];', 'print(xs);']);
    assert.match(text, /Instruction: sort the list/);
    assert.match(text, /new code to insert at the cursor/);
    assert.match(text, /language: typescript/);
  });

  it('generation over a selection fences the selection first', () => {
    const text = user(buildCodeMessages({ kind: 'generate', instruction: 'make it async' }, ctx));
    assert.equal(parseCodeBlocks(text, true)[0].code, ctx.code);
    assert.match(text, /replaces the selection/);
  });

  it('a fix prompt carries the diagnostic', () => {
    const text = user(
      buildCodeMessages({ kind: 'fix', diagnostic: { message: "Cannot find name 'b'.", source: 'ts', code: '2304', line: 4 } }, ctx),
    );
    assert.match(text, /Problem \(error, ts 2304\) at line 4: Cannot find name 'b'\./);
    assert.equal(parseCodeBlocks(text, true)[0].code, ctx.code);
  });

  it('tests and doc comments ask for what they need', () => {
    assert.match(user(buildCodeMessages({ kind: 'tests' }, ctx)), /Write unit tests/);
    assert.match(user(buildCodeMessages({ kind: 'docComments', instruction: 'mention units' }, ctx)), /documentation comments[\s\S]*Also: mention units/);
  });

  it('trims huge context to the budget, keeping the lines nearest the code, and says so', () => {
    const big = { ...ctx, before: lines(5000, 'before'), after: lines(5000, 'after') };
    const text = user(buildCodeMessages({ kind: 'refactor', preset: 'simplify' }, big, { budgetChars: 4000 }));
    assert.ok(text.length <= 4000, `length ${text.length}`);
    assert.ok(text.includes('before line 4999'));
    assert.ok(!text.includes('before line 0\n'));
    assert.ok(text.includes('after line 0'));
    assert.ok(!text.includes('after line 4999'));
    assert.match(text, /earlier lines omitted to fit the request/);
    assert.match(text, /later lines omitted to fit the request/);
    assert.equal(parseCodeBlocks(text, true)[0].code, ctx.code, 'the code itself is never cut');
  });

  it('trims the code before the cursor from its start when generating', () => {
    const text = user(
      buildCodeMessages({ kind: 'generate', instruction: 'x' }, { ...ctx, code: '', before: lines(5000, 'b'), after: '' }, { budgetChars: 3000 }),
    );
    assert.ok(text.length <= 3000, `length ${text.length}`);
    assert.ok(text.includes('b line 4999'));
    assert.match(text, /earlier lines omitted/);
    assert.match(text, /Nothing follows the cursor/);
  });

  it('refuses to cut the code that must be rewritten', () => {
    assert.throws(
      () => buildCodeMessages({ kind: 'refactor' }, { ...ctx, code: lines(2000, 'code') }, { budgetChars: 1000 }),
      PromptTooLargeError,
    );
  });

  it('explain trims even the code, says so, and names the target', () => {
    const text = buildExplainPrompt({ ...ctx, code: lines(3000, 'code') }, 'function', 2000);
    assert.ok(text.length <= 2000, `length ${text.length}`);
    assert.match(text, /^Explain this function from src\/math\.ts \(from line 3\)/);
    assert.match(text, /later lines omitted/);
    assert.match(buildExplainPrompt(ctx, 'selection'), /the selected code[\s\S]*Code just before it/);
  });

  it('fences code that itself contains fences with a longer fence', () => {
    const f = fence('a\n```js\nb\n```', 'markdown');
    assert.equal(parseCodeBlocks(f, true)[0].code, 'a\n```js\nb\n```');
  });

  it('budget helpers cut at line boundaries and share unused room', () => {
    assert.deepEqual(keepEnd('a\nb\nc\nd', 3), { text: 'c\nd', note: ' (2 earlier lines omitted to fit the request)' });
    assert.deepEqual(keepStart('a\nb\nc\nd', 3), { text: 'a\nb', note: ' (2 later lines omitted to fit the request)' });
    assert.deepEqual(splitBudget(100, 'x'.repeat(10), 'y'.repeat(500)), { before: 10, after: 90 });
    assert.deepEqual(splitBudget(100, 'x'.repeat(500), 'y'.repeat(5)), { before: 95, after: 5 });
  });
});
