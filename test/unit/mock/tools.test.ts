// The `tools` scenario beyond the basics: rounds, parallel calls, forced and disabled tool choice,
// repeated fields on fragments, object arguments, n > 1.
import * as assert from 'node:assert/strict';
import { startMockServer, type MockServer } from '../../../src/mock/server';
import { chunksOf, parseSse, rawPost } from './rawHttp';

const TOOLS = [
  { type: 'function', function: { name: 'read_file', parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } } },
  { type: 'function', function: { name: 'search', parameters: { type: 'object', properties: { query: { type: 'string' } } } } },
];

describe('mock tools scenario', () => {
  let server: MockServer;
  before(async () => {
    server = await startMockServer();
  });
  after(() => server.close());

  const ask = async (messages: unknown[], scenario: string, extra: Record<string, unknown> = {}) => {
    const res = await rawPost(server, { model: 'glm-4.7', messages, tools: TOOLS, ...extra }, { scenario });
    return JSON.parse(res.body.toString('utf8'));
  };
  const toolTurn = (body: any) => [
    body.choices[0].message,
    ...body.choices[0].message.tool_calls.map((c: any) => ({ role: 'tool', tool_call_id: c.id, content: `result of ${c.function.name}` })),
  ];

  it('rounds=2 calls tools twice (cycling through them) before answering in text', async () => {
    const messages: unknown[] = [{ role: 'user', content: 'Find it' }];
    const first = await ask(messages, 'tools rounds=2');
    assert.equal(first.choices[0].message.tool_calls[0].function.name, 'read_file');
    messages.push(...toolTurn(first));
    const second = await ask(messages, 'tools rounds=2');
    assert.equal(second.choices[0].finish_reason, 'tool_calls');
    assert.equal(second.choices[0].message.tool_calls[0].function.name, 'search');
    messages.push(...toolTurn(second));
    const third = await ask(messages, 'tools rounds=2');
    assert.equal(third.choices[0].finish_reason, 'stop');
    assert.match(third.choices[0].message.content, /result of search/);
  });

  it('parallel=2 makes two calls with distinct ids; name= and tool_choice pick the tool', async () => {
    const two = await ask([{ role: 'user', content: 'x' }], 'tools parallel=2');
    const calls = two.choices[0].message.tool_calls;
    assert.deepEqual(calls.map((c: any) => c.function.name), ['read_file', 'search']);
    assert.notEqual(calls[0].id, calls[1].id);
    const named = await ask([{ role: 'user', content: 'x' }], 'tools name=search');
    assert.equal(named.choices[0].message.tool_calls[0].function.name, 'search');
    const forced = await ask([{ role: 'user', content: 'x' }], 'tools', { tool_choice: { type: 'function', function: { name: 'search' } } });
    assert.equal(forced.choices[0].message.tool_calls[0].function.name, 'search');
  });

  it('answers in text with tool_choice none or without tools', async () => {
    const none = await ask([{ role: 'user', content: 'x' }], 'tools', { tool_choice: 'none' });
    assert.equal(none.choices[0].finish_reason, 'stop');
    const res = await rawPost(server, { model: 'glm-4.7', messages: [{ role: 'user', content: 'x' }] }, { scenario: 'tools' });
    assert.equal(JSON.parse(res.body.toString()).choices[0].finish_reason, 'stop');
  });

  it('args=object sends non-streamed arguments as a JSON object', async () => {
    const body = await ask([{ role: 'user', content: 'x' }], 'tools args=object');
    assert.deepEqual(body.choices[0].message.tool_calls[0].function.arguments, { path: 'src/index.ts' });
    assert.equal(body.choices[0].message.content, null);
  });

  it('tool_stream fragments: index only by default, id/type/name on every one with repeat=1', async () => {
    for (const repeat of [false, true]) {
      const res = await rawPost(server, { model: 'glm-4.7', messages: [{ role: 'user', content: 'x' }], tools: TOOLS, stream: true, tool_stream: true },
        { scenario: `tools${repeat ? ' repeat=1' : ''}` });
      const calls = chunksOf(parseSse(res.body.toString('utf8'))).chunks.flatMap((c) => c.choices[0]?.delta?.tool_calls ?? []);
      assert.ok(calls.length > 3);
      assert.deepEqual(calls[0].function, { name: 'read_file', arguments: '' });
      assert.ok(calls.slice(1).every((c: any) => ('id' in c) === repeat && c.index === 0));
      assert.deepEqual(JSON.parse(calls.map((c: any) => c.function.arguments).join('')), { path: 'src/index.ts' });
    }
  });

  it('n=2 gives every choice its own tool call', async () => {
    const body = await ask([{ role: 'user', content: 'x' }], 'tools', { n: 2 });
    assert.equal(body.choices.length, 2);
    assert.ok(body.choices.every((c: any) => c.finish_reason === 'tool_calls' && c.message.tool_calls.length === 1));
    assert.notEqual(body.choices[0].message.tool_calls[0].id, body.choices[1].message.tool_calls[0].id);
  });
});
