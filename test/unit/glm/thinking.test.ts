// Thinking control: the `thinking` field per preset and model, preserved thinking (earlier reasoning sent
// back byte for byte, over real HTTP to the mock), and the 1210 a model that always thinks answers.

import assert from 'node:assert/strict';
import { getModelInfo } from '../../../src/glm/modelCatalog';
import { PRESETS, type PresetId } from '../../../src/glm/presets';
import { buildRequestBody } from '../../../src/glm/requestBuilder';
import { preserveThinkingFor, thinkingField } from '../../../src/glm/thinking';
import type { ChatMessage, ChatRequest, ThinkingMode } from '../../../src/glm/types';
import { collect, testClient, useMockServer } from './helpers';

const ask = (model: string, thinking?: ThinkingMode, preserveThinking?: boolean): ChatRequest =>
  ({ model, messages: [{ role: 'user', content: 'hi' }], thinking, preserveThinking });
const field = (preset: PresetId, req: ChatRequest) => thinkingField(req, PRESETS[preset], getModelInfo(req.model));

describe('thinking field per preset and model', () => {
  it('sends the turn-level choice to Zhipu endpoints and nothing for auto', () => {
    for (const preset of ['bigmodel', 'zai', 'bigmodel-coding', 'zai-coding', 'local'] as const) {
      assert.deepEqual(field(preset, ask('glm-4.7', 'enabled')), { type: 'enabled' }, preset);
      assert.deepEqual(field(preset, ask('glm-4.7', 'disabled')), { type: 'disabled' }, preset);
      assert.equal(field(preset, ask('glm-4.7', 'auto')), undefined, preset);
    }
  });

  it('sends no thinking to the gateway or to models without it', () => {
    assert.equal(field('acedata', ask('glm-4.7', 'enabled')), undefined);
    assert.equal(field('bigmodel', ask('glm-3-turbo', 'enabled')), undefined);
    assert.equal(field('zai', ask('glm-4-plus', 'disabled')), undefined);
  });

  it('never sends disabled to a model that always thinks', () => {
    assert.equal(field('bigmodel', ask('glm-z1-air', 'disabled')), undefined);
    assert.equal(field('zai', ask('glm-4.1v-thinking-flash', 'disabled')), undefined);
    assert.deepEqual(field('zai', ask('glm-z1-air', 'enabled')), { type: 'enabled' });
    assert.equal(buildRequestBody(ask('glm-z1-flash', 'disabled'), PRESETS.zai, true).thinking, undefined);
  });

  it('asks the API endpoints to preserve with clear_thinking false; the Coding Plan needs no field', () => {
    assert.deepEqual(field('bigmodel', ask('glm-4.7', 'auto', true)), { type: 'enabled', clear_thinking: false });
    assert.deepEqual(field('zai', ask('glm-4.6', 'enabled', true)), { type: 'enabled', clear_thinking: false });
    assert.deepEqual(field('zai', ask('glm-4.6', 'disabled', true)), { type: 'disabled' }, 'off for this turn stays off');
    assert.equal(field('zai-coding', ask('glm-4.7', 'auto', true)), undefined);
    assert.equal(field('custom', ask('glm-4.7', 'auto', true)), undefined, 'no Zhipu-only field to an unknown server');
  });

  it('resolves glm.preserveThinking: auto is on for the Coding Plan presets only', () => {
    assert.equal(preserveThinkingFor('auto', 'zai-coding'), true);
    assert.equal(preserveThinkingFor('auto', 'bigmodel-coding'), true);
    assert.equal(preserveThinkingFor('auto', 'bigmodel'), false);
    assert.equal(preserveThinkingFor(undefined, 'acedata'), false);
    assert.equal(preserveThinkingFor('on', 'zai'), true);
    assert.equal(preserveThinkingFor('off', 'zai-coding'), false);
  });
});

describe('preserved thinking over HTTP', () => {
  const fixture = useMockServer();
  // Reasoning as a model writes it: CJK, emoji, CRLF, trailing spaces, a lone surrogate-free astral char, JSON-ish text.
  const earlier = '先想一想：\r\n1. "quotes" and \\backslashes\\  \n2. 🚀 {"k": [1, 2]}\t \n';

  const history = (reasoning: string): ChatMessage[] => [
    { role: 'user', content: 'first question' },
    { role: 'assistant', content: 'first answer', reasoning_content: reasoning },
    { role: 'user', content: 'second question' },
  ];

  it('sends every earlier reasoning_content back byte for byte when preserving', async () => {
    const { client } = testClient(fixture.mock.url);
    const result = await collect(client.stream({ model: 'glm-4.7', messages: history(earlier), preserveThinking: true }));
    assert.equal(result.error, undefined, result.error?.message);
    const body = fixture.mock.requests[0].body;
    assert.deepEqual(body.thinking, { type: 'enabled', clear_thinking: false });
    assert.equal(body.messages[1].reasoning_content, earlier);
  });

  it('round-trips the reasoning the model streamed into the next request unchanged', async () => {
    const { client } = testClient(fixture.mock.url, { extraHeaders: { 'x-mock-scenario': 'reasoning' } });
    const first = await collect(client.stream({ model: 'glm-4.7', messages: [{ role: 'user', content: 'How do I sort in Rust?' }], thinking: 'enabled' }));
    const streamed = first.reasoning();
    assert.ok(streamed.length > 20, 'the mock thought aloud');
    const messages: ChatMessage[] = [
      { role: 'user', content: 'How do I sort in Rust?' },
      { role: 'assistant', content: first.text(), reasoning_content: streamed },
      { role: 'user', content: 'And descending?' },
    ];
    await collect(client.stream({ model: 'glm-4.7', messages, preserveThinking: true }));
    const sent = fixture.mock.requests[1].body.messages[1].reasoning_content;
    assert.equal(Buffer.compare(Buffer.from(sent, 'utf8'), Buffer.from(streamed, 'utf8')), 0);
  });

  it('drops earlier reasoning when not preserving, but keeps it for the current tool round', async () => {
    const { client } = testClient(fixture.mock.url);
    const messages: ChatMessage[] = [
      ...history(earlier),
      { role: 'assistant', content: null, reasoning_content: 'call the tool', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }] },
      { role: 'tool', content: '42', tool_call_id: 'c1' },
    ];
    await collect(client.stream({ model: 'glm-4.7', messages }));
    const body = fixture.mock.requests[0].body;
    assert.equal(body.thinking, undefined);
    assert.equal('reasoning_content' in body.messages[1], false);
    assert.equal(body.messages[3].reasoning_content, 'call the tool');
  });

  it('maps the 1210 of a model that always thinks to a clear message', async () => {
    // A custom server with a model the catalog does not know gets `disabled` as asked; the mock refuses.
    const { client } = testClient(fixture.mock.url, { presetId: 'custom' });
    const result = await collect(client.stream({ model: 'glm-z1-preview', messages: [{ role: 'user', content: 'hi' }], thinking: 'disabled' }));
    assert.equal(result.error?.kind, 'badRequest');
    assert.equal(result.error?.code, '1210');
    assert.match(result.error!.message, /thinking was turned off/);
  });
});
