// Chunk -> event assembly: content and reasoning per choice, tool calls by index, usage styles, guards.

import assert from 'node:assert/strict';
import { ChunkAssembler } from '../../../src/glm/chunkAssembler';
import { completionToEvents, normalizeCompletion } from '../../../src/glm/completion';
import { GlmError } from '../../../src/glm/errors';
import type { StreamEvent } from '../../../src/glm/types';
import { chunk } from './rawServer';

function run(chunks: unknown[], sawDone = true): StreamEvent[] {
  const asm = new ChunkAssembler('glm-4.7');
  const out: StreamEvent[] = [];
  for (const c of chunks) asm.push(c, out);
  asm.end(sawDone, out);
  return out;
}

const toolDelta = (calls: unknown[], finish?: string) => chunk({ tool_calls: calls }, { finish });

describe('ChunkAssembler', () => {
  it('keeps reasoning apart from content and emits start once', () => {
    const events = run([chunk({ role: 'assistant', reasoning_content: 'Let me think' }), chunk({ reasoning_content: '…' }), chunk({ content: 'Answer' }), chunk({}, { finish: 'stop' })]);
    assert.deepEqual(events.map((e) => e.type), ['start', 'reasoning', 'content', 'finish']);
    assert.equal(events.filter((e) => e.type === 'reasoning').map((e) => (e as { text: string }).text).join(''), 'Let me think…');
  });

  it('merges text deltas that arrived together only within the same kind and choice', () => {
    const events = run([
      chunk({ content: 'a' }), chunk({ content: 'b' }), chunk({ reasoning_content: 'r' }), chunk({ content: 'c' }),
      chunk({ content: 'x' }, { index: 1 }), chunk({ content: 'd' }), chunk({}, { finish: 'stop' }),
    ]);
    const texts = events.filter((e) => e.type === 'content' || e.type === 'reasoning').map((e) => `${e.type[0]}${(e as { index: number }).index}:${(e as { text: string }).text}`);
    assert.deepEqual(texts, ['c0:ab', 'r0:r', 'c0:c', 'c1:x', 'c0:d']);
  });

  it('assembles fragmented tool calls by index, sets id/name when they appear, parses args after finish', () => {
    const events = run([
      toolDelta([{ index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } }]),
      toolDelta([{ index: 0, function: { arguments: '{"city":' } }, { index: 1, function: { arguments: '{"q"' } }]),
      toolDelta([{ index: 1, id: 'call_b', function: { name: 'search', arguments: ':"x"}' } }]),
      toolDelta([{ index: 0, id: 'call_a', function: { name: 'get_weather', arguments: '"Beijing"}' } }], 'tool_calls'),
    ]);
    const deltas = events.filter((e) => e.type === 'toolCallDelta');
    assert.equal(deltas.length, 5);
    const last = deltas.at(-1) as Extract<StreamEvent, { type: 'toolCallDelta' }>;
    assert.equal(last.argumentsSoFar, '{"city":"Beijing"}');
    assert.equal(last.fragment, '"Beijing"}');
    const calls = events.filter((e): e is Extract<StreamEvent, { type: 'toolCall' }> => e.type === 'toolCall');
    assert.deepEqual(calls.map((c) => [c.call.id, c.call.function.name, c.call.function.arguments]), [
      ['call_a', 'get_weather', '{"city":"Beijing"}'],
      ['call_b', 'search', '{"q":"x"}'],
    ]);
    assert.deepEqual(calls[0].args, { city: 'Beijing' });
    assert.equal(events.at(-1)?.type, 'finish');
    // No toolCall before the finish: arguments are parsed only once complete.
    assert.ok(events.findIndex((e) => e.type === 'toolCall') > events.findLastIndex((e) => e.type === 'toolCallDelta'));
  });

  it('accepts arguments as an object and reports invalid JSON arguments without throwing', () => {
    const events = run([
      toolDelta([{ index: 0, id: 'c1', function: { name: 'a', arguments: { x: 1 } } }, { index: 1, id: 'c2', function: { name: 'b', arguments: '{oops' } }], 'tool_calls'),
    ]);
    const calls = events.filter((e): e is Extract<StreamEvent, { type: 'toolCall' }> => e.type === 'toolCall');
    assert.equal(calls[0].call.function.arguments, '{"x":1}');
    assert.deepEqual(calls[0].args, { x: 1 });
    assert.equal(calls[1].args, undefined);
    assert.match(calls[1].argsError!, /not valid JSON/);
  });

  it('reads gateway-style usage (last chunk, no choices) and Zhipu inline usage', () => {
    const usage = { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7, completion_tokens_details: { reasoning_tokens: 1 } };
    const gateway = run([chunk({ content: 'x' }), chunk({}, { finish: 'stop' }), { id: 'i', object: 'chat.completion.chunk', model: 'glm-4.7', choices: [], usage }]);
    const zhipu = run([chunk({ content: 'x' }), chunk({}, { finish: 'stop', usage })]);
    for (const events of [gateway, zhipu]) {
      const u = events.find((e) => e.type === 'usage');
      assert.deepEqual(u && u.type === 'usage' && u.usage, usage);
    }
  });

  it('reports the model that answered on finish', () => {
    const events = run([chunk({ content: 'x' }, { model: 'glm-4.5-air' }), chunk({}, { finish: 'stop', model: 'glm-4.5-air' })]);
    const finish = events.find((e) => e.type === 'finish');
    assert.equal(finish?.type === 'finish' && finish.model, 'glm-4.5-air');
  });

  it('guards against missing, null and odd choices', () => {
    const events = run([
      { id: 'x', model: 'glm-4.7' },
      { id: 'x', choices: null },
      { id: 'x', choices: [null, 3, { index: 0 }] },
      { id: 'x', choices: [{ index: 0, delta: null }] },
      { id: 'x', choices: [{ index: 0, delta: { content: null, reasoning_content: null, tool_calls: null } }] },
      chunk({ content: 'ok' }),
      chunk({}, { finish: 'stop' }),
      'not an object',
    ]);
    assert.deepEqual(events.map((e) => e.type), ['start', 'content', 'finish']);
  });

  it('throws a network GlmError on finish_reason network_error', () => {
    assert.throws(() => run([chunk({ content: 'x' }), chunk({}, { finish: 'network_error' })]), (e: unknown) => e instanceof GlmError && e.kind === 'network');
  });

  it('is truncated without [DONE] and without a finish_reason, complete without [DONE] after a finish', () => {
    assert.throws(() => run([chunk({ content: 'x' })], false), (e: unknown) => e instanceof GlmError && e.kind === 'truncated');
    assert.throws(() => run([], false), (e: unknown) => e instanceof GlmError && e.kind === 'truncated');
    assert.doesNotThrow(() => run([chunk({ content: 'x' }), chunk({}, { finish: 'stop' })], false));
  });

  it('finishes choices a lenient server left open when [DONE] came', () => {
    const events = run([toolDelta([{ index: 0, id: 'c', function: { name: 'f', arguments: '{}' } }])], true);
    assert.deepEqual(events.map((e) => e.type), ['start', 'toolCallDelta', 'toolCall', 'finish']);
    const finish = events.at(-1);
    assert.equal(finish?.type === 'finish' && finish.finishReason, 'tool_calls');
  });

  it('normalizes a non-streamed completion and replays it as events', () => {
    const c = normalizeCompletion({
      id: 'c', model: 'glm-4.6', choices: [{ message: { content: 'hi', reasoning_content: 'hmm', tool_calls: [{ function: { name: 'f', arguments: { a: 1 } } }] }, finish_reason: 'tool_calls' }],
    }, 'glm-4.7');
    assert.equal(c.choices[0].index, 0);
    assert.equal(c.choices[0].message.tool_calls?.[0].id, 'call_0_0');
    assert.deepEqual(completionToEvents(c).map((e) => e.type), ['start', 'reasoning', 'content', 'toolCall', 'finish']);
    assert.throws(() => normalizeCompletion({ nope: 1 }, 'glm-4.7'), GlmError);
  });
});
