// The tool-call loop against the mock's `tools` scenario, over real HTTP.

import assert from 'node:assert/strict';
import { GlmError } from '../../../src/glm/errors';
import { runToolLoop, type ToolHandler, type ToolLoopEvent } from '../../../src/glm/toolLoop';
import type { ChatMessage, ChatRequest, ToolDefinition } from '../../../src/glm/types';
import { testClient, useMockServer } from './helpers';

const tools: ToolDefinition[] = [
  { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } },
  { type: 'function', function: { name: 'search_docs', parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] } } },
];

async function drain(loop: AsyncGenerator<ToolLoopEvent, ChatMessage[]>) {
  const events: ToolLoopEvent[] = [];
  for (;;) {
    const next = await loop.next();
    if (next.done) return { events, messages: next.value };
    events.push(next.value);
  }
}

describe('runToolLoop against the mock', () => {
  const fixture = useMockServer();

  const request = (directive: string): ChatRequest => ({
    model: 'glm-4.7',
    messages: [{ role: 'user', content: `What is the weather in Beijing? [[mock:tools ${directive}]]` }],
    tools,
    toolStream: true,
  });

  it('runs the tools, sends tool messages back and ends with the text answer', async () => {
    const seen: Array<[string, unknown]> = [];
    const handlers: Record<string, ToolHandler> = {
      get_weather: (args) => {
        seen.push(['get_weather', args]);
        return '{"temp": 21, "sky": "clear"}';
      },
      search_docs: async (args) => {
        seen.push(['search_docs', args]);
        return 'docs found';
      },
    };
    const { client } = testClient(fixture.mock.url);
    const { events, messages } = await drain(runToolLoop(client, request('rounds=2'), handlers));

    assert.deepEqual(seen, [['get_weather', { city: 'Beijing' }], ['search_docs', { query: 'GLM streaming' }]]);
    assert.equal(fixture.mock.requests.length, 3);
    const types = events.map((e) => e.type).filter((t, i, a) => a[i - 1] !== t);
    assert.deepEqual(types.slice(0, 3), ['roundStart', 'start', 'toolCallDelta']);
    assert.ok(events.some((e) => e.type === 'toolResult' && !e.isError));
    const last = events.at(-1);
    assert.ok(last?.type === 'roundEnd' && last.done);

    // Second request: the assistant turn with tool_calls and a tool message answering its id.
    const second = fixture.mock.requests[1].body.messages as ChatMessage[];
    const assistant = second[1] as Extract<ChatMessage, { role: 'assistant' }>;
    const toolMsg = second[2] as Extract<ChatMessage, { role: 'tool' }>;
    assert.equal(assistant.role, 'assistant');
    assert.equal(assistant.tool_calls?.[0].function.name, 'get_weather');
    assert.equal(toolMsg.role, 'tool');
    assert.equal(toolMsg.tool_call_id, assistant.tool_calls?.[0].id);
    assert.equal(toolMsg.content, '{"temp": 21, "sky": "clear"}');

    const final = messages.at(-1) as Extract<ChatMessage, { role: 'assistant' }>;
    assert.equal(final.role, 'assistant');
    assert.match(final.content ?? '', /docs found/);
    assert.equal(messages.length, 1 + 2 + 2 + 1);
  });

  it('stops at maxRounds with a roundLimit event and does not run the pending calls', async () => {
    let calls = 0;
    const handlers: Record<string, ToolHandler> = { get_weather: () => `r${++calls}`, search_docs: () => `r${++calls}` };
    const { events } = await drain(runToolLoop(testClient(fixture.mock.url).client, request('rounds=10'), handlers, { maxRounds: 3 }));
    const limit = events.find((e) => e.type === 'roundLimit');
    assert.ok(limit && limit.type === 'roundLimit' && limit.maxRounds === 3 && limit.pendingCalls.length === 1);
    assert.equal(calls, 2);
    assert.equal(fixture.mock.requests.length, 3);
  });

  it('reports unknown tools and failing handlers to the model as tool results and goes on', async () => {
    const handlers: Record<string, ToolHandler> = {
      search_docs: () => {
        throw new Error('index offline');
      },
    };
    const { events } = await drain(runToolLoop(testClient(fixture.mock.url).client, request('rounds=2'), handlers));
    const results = events.filter((e): e is Extract<ToolLoopEvent, { type: 'toolResult' }> => e.type === 'toolResult');
    assert.deepEqual(results.map((r) => [r.call.function.name, r.isError]), [['get_weather', true], ['search_docs', true]]);
    assert.match(results[0].content, /no tool named "get_weather"/);
    assert.match(results[1].content, /index offline/);
    assert.ok(events.at(-1)?.type === 'roundEnd');
  });

  it('runs parallel calls of one round in order', async () => {
    const order: string[] = [];
    const handlers: Record<string, ToolHandler> = { get_weather: () => (order.push('w'), 'sun'), search_docs: () => (order.push('s'), 'doc') };
    await drain(runToolLoop(testClient(fixture.mock.url).client, request('parallel=2'), handlers));
    assert.deepEqual(order, ['w', 's']);
    const second = fixture.mock.requests[1].body.messages as ChatMessage[];
    assert.deepEqual(second.map((m) => m.role), ['user', 'assistant', 'tool', 'tool']);
  });

  it('cancels while a handler runs', async () => {
    const controller = new AbortController();
    const handlers: Record<string, ToolHandler> = {
      get_weather: () => {
        controller.abort();
        return 'late';
      },
    };
    await assert.rejects(
      drain(runToolLoop(testClient(fixture.mock.url).client, request(''), handlers, { signal: controller.signal })),
      (e: unknown) => e instanceof GlmError && e.kind === 'cancelled',
    );
    assert.equal(fixture.mock.requests.length, 1);
  });
});
