// Pure parts of the mock: the directive parser, language detection, tokenizing, schema-built arguments.
import * as assert from 'node:assert/strict';
import { detectLanguage, estimateTokens, firstFencedBlock, tokenize, buildAnswer } from '../../../src/mock/answers';
import { findDirective, parseScenario, resolveScenario, stripDirectives } from '../../../src/mock/directive';
import { fragments } from '../../../src/mock/plan';
import { toolRoundsSoFar, valueFromSchema } from '../../../src/mock/toolCalls';
import { newMessageId, pyJson } from '../../../src/mock/wire';

describe('mock directive parser', () => {
  it('parses a name, k=v pairs, quoted values and bare flags', () => {
    assert.deepEqual(parseScenario('error status=429 code=too_many_requests retry-after=1'),
      { name: 'error', params: { status: '429', code: 'too_many_requests', 'retry-after': '1' } });
    assert.deepEqual(parseScenario(`error message="two words" other='x y' strict`),
      { name: 'error', params: { message: 'two words', other: 'x y', strict: '1' } });
    assert.deepEqual(parseScenario('  '), { name: 'default', params: {} });
    assert.deepEqual(parseScenario('tps=5'), { name: 'default', params: { tps: '5' } });
  });

  it('finds the first directive anywhere in the text and strips every directive', () => {
    const text = 'Please [[mock:stall after=2 ms=500]] explain\n```py\n    x = 1\n``` [[mock:drop]]';
    assert.deepEqual(findDirective(text), { name: 'stall', params: { after: '2', ms: '500' } });
    assert.equal(stripDirectives(text), 'Please explain\n```py\n    x = 1\n```');
    assert.equal(findDirective('no directive [mock:x]'), undefined);
  });

  it('reads only the last user message; directive over header over sticky', () => {
    const messages = [
      { role: 'user', content: '[[mock:hostile]] old' },
      { role: 'assistant', content: 'ok' },
      { role: 'user', content: [{ type: 'text', text: 'new [[mock:reasoning]]' }] },
    ];
    assert.equal(resolveScenario('tools', messages).name, 'reasoning');
    assert.equal(resolveScenario('tools', [{ role: 'user', content: 'x' }], 'length').name, 'tools');
    assert.equal(resolveScenario(undefined, [{ role: 'user', content: 'x' }], 'length').name, 'length');
    assert.equal(resolveScenario(undefined, undefined).name, 'default');
  });
});

describe('mock answers', () => {
  it('detects the language from fences, mentions and code shapes', () => {
    const cases: Array<[string, string]> = [
      ['```rs\nfn main() {}\n```', 'rust'],
      ['How do I read a file in Go?', 'go'],
      ['Let us go home', 'typescript'],
      ['Write it in golang please', 'go'],
      ['Python or TypeScript? I mean python', 'python'],
      ['Convert this Java class to Kotlin', 'java'],
      ['What does this do?\n```\ndef f(x):\n    return x\n```', 'python'],
      ['What does this do?\n```\nfunc main() {}\n```', 'go'],
      ['Explain C# records', 'csharp'],
      ['A bash loop over files', 'bash'],
      ['javascript closures', 'javascript'],
      ['Tell me a joke', 'typescript'],
    ];
    for (const [q, tag] of cases) assert.equal(detectLanguage(q).tag, tag, q);
  });

  it('builds markdown with a heading, a list and one fenced block in the language', () => {
    const a = buildAnswer('How do I sort a list in Rust?');
    assert.match(a, /^## How do I sort a list in Rust\n/);
    assert.match(a, /^1\. \*\*/m);
    assert.match(a, /^- /m);
    assert.equal(firstFencedBlock(a)?.tag, 'rust');
    assert.notEqual(buildAnswer('How do I sort a list in Rust?', 1), a);
  });

  it('tokenizes into small deltas that join back to the text', () => {
    const text = buildAnswer('How do I sort a list in Rust?') + '\n中文句子，测试一下 👋';
    const deltas = tokenize(text);
    assert.equal(deltas.join(''), text);
    assert.ok(deltas.length > text.length / 15);
    assert.ok(deltas.every((d) => d.length <= 40), 'small deltas');
    assert.ok(deltas.some((d) => /^[\u4e00-\u9fff]{1,2}$/.test(d)), 'CJK in 1-2 character pieces');
  });

  it('estimates ~4 characters per token, one per CJK character', () => {
    assert.equal(estimateTokens('abcdefgh'), 2);
    assert.equal(estimateTokens('你好'), 2);
    assert.equal(estimateTokens(''), 0);
  });
});

describe('mock tool arguments and wire helpers', () => {
  it('builds plausible arguments from a JSON schema', () => {
    const schema = {
      type: 'object',
      properties: {
        city: { type: 'string' }, path: { type: 'string' }, unit: { enum: ['c', 'f'] }, count: { type: 'integer', minimum: 2 },
        ratio: { type: 'number' }, dry: { type: 'boolean' }, tags: { type: 'array', items: { type: 'string' } },
        opts: { type: 'object', properties: { url: { type: 'string', format: 'uri' } } }, note: { type: ['string', 'null'] },
      },
    };
    assert.deepEqual(valueFromSchema(schema), {
      city: 'Beijing', path: 'src/index.ts', unit: 'c', count: 2, ratio: 1.5, dry: true, tags: ['sample tag'],
      opts: { url: 'https://example.com' }, note: 'sample note',
    });
  });

  it('counts tool rounds since the last user message', () => {
    const call = { role: 'assistant', content: null, tool_calls: [{ id: 'a', function: { name: 'f' } }] };
    const tool = { role: 'tool', tool_call_id: 'a', content: 'x' };
    assert.equal(toolRoundsSoFar([{ role: 'user' }, call, tool, call, tool]), 2);
    assert.equal(toolRoundsSoFar([call, tool, { role: 'user' }]), 0);
  });

  it('cuts arguments into fragments of a few characters', () => {
    const text = JSON.stringify({ city: 'Beijing', unit: 'celsius' });
    const parts = fragments(text);
    assert.equal(parts.join(''), text);
    assert.ok(parts.every((p) => p.length >= 1 && p.length <= 7));
  });

  it('writes JSON with Python spacing and seed-like ids', () => {
    assert.equal(pyJson({ a: [1, { b: null }], c: 'é' }), '{"a": [1, {"b": null}], "c": "é"}');
    assert.deepEqual(JSON.parse(pyJson({ a: [1, { b: 'x' }] }, 2)), { a: [1, { b: 'x' }] });
    assert.match(newMessageId(new Date('2026-04-26T14:52:03Z')), /^msg_20260426225203[0-9a-f]{16}$/);
  });
});
