import assert from 'node:assert/strict';
import { completionPlan, cursorView } from '../../../src/mock/scenarios/completion';
import { parseScenario } from '../../../src/mock/directive';
import { startMockServer, type MockServer } from '../../../src/mock/server';

const body = (file: string) => ({
  model: 'glm-4.5-air',
  messages: [
    { role: 'system', content: 'complete' },
    { role: 'user', content: `<file path="a.ts" language="typescript">\n${file}\n</file>\n\nComplete the current line only.` },
  ],
});
const answer = (scenario: string, file: string, oracle?: string): string =>
  completionPlan(parseScenario(scenario), body(file), oracle).choices[0].content;

describe('mock completion scenario', () => {
  it('finds the cursor, the text around it and the language', () => {
    assert.deepEqual(cursorView(body('const a = <|CURSOR|>;\nnext')), { prefix: 'const a = ', suffix: ';\nnext', language: 'typescript' });
  });

  it('answers the given text (with \\n) in the variant asked for', () => {
    const file = '  const a = <|CURSOR|>);';
    assert.equal(answer('completion text="x;\\ny;"', file), 'x;\ny;');
    assert.equal(answer('completion text="x" variant=fence', file), '```typescript\nx\n```');
    assert.match(answer('completion text="x" variant=prose', file), /^Here is the code[\s\S]*```typescript\nx\n```\n\nThis completes/);
    assert.equal(answer('completion text="x" variant=repeat', file), 'const a = x');
    assert.equal(answer('completion text="x" variant=suffix', file), 'x);');
    assert.equal(answer('completion text="x" variant=indent', file), '        x');
    assert.equal(answer('completion text="x" variant=empty', file), '');
  });

  it('continues from the oracle: the rest of the line, or the block on an empty line', () => {
    const oracle = 'function f() {\n  const a = compute(1);\n  return a;\n}\n\nnext();';
    assert.equal(answer('completion', 'function f() {\n  const a = comp<|CURSOR|>', oracle), 'ute(1);');
    assert.equal(answer('completion', 'function f() {\n  const a = compute(1);\n  <|CURSOR|>', oracle), 'return a;\n}');
    assert.equal(answer('completion accuracy=0', 'function f() {\n  const a = comp<|CURSOR|>', oracle), 'wrongGuess();');
  });

  describe('over HTTP', () => {
    let server: MockServer;
    before(async () => {
      server = await startMockServer({ port: 0 });
    });
    after(() => server.close());

    it('waits `latency` ms before the first token, streamed or not', async () => {
      for (const stream of [true, false]) {
        const started = Date.now();
        const res = await fetch(`${server.url}/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json', 'x-mock-scenario': 'completion latency=300 text="ok"' },
          body: JSON.stringify({ ...body('a<|CURSOR|>'), stream }),
        });
        const text = await res.text();
        assert.ok(Date.now() - started >= 290, `stream=${stream} answered too early`);
        assert.match(text, /"ok"/);
      }
    });
  });
});
