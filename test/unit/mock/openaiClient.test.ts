// The mock, driven by the official `openai` client: if that client is happy, the wire format is honest.
import * as assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startMockServer, type MockServer } from '../../../src/mock/server';

const TS_QUESTION = 'How do I debounce a function in TypeScript?';
const WEATHER_TOOL = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Query the weather for a specified city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] }, days: { type: 'integer', minimum: 1 } },
      required: ['city'],
    },
  },
};

describe('mock server with the openai client', () => {
  let server: MockServer;
  let client: OpenAI;
  before(async () => {
    server = await startMockServer();
    client = new OpenAI({ baseURL: server.url, apiKey: server.token, maxRetries: 0 });
  });
  after(() => server.close());

  const withScenario = (scenario: string) => ({ headers: { 'x-mock-scenario': scenario } });

  it('streams a markdown answer with a TypeScript block, a usage-only chunk and [DONE]', async () => {
    const stream = await client.chat.completions.create({ model: 'glm-4.7', messages: [{ role: 'user', content: TS_QUESTION }], stream: true });
    const chunks: OpenAI.Chat.ChatCompletionChunk[] = [];
    for await (const c of stream) chunks.push(c);
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    assert.match(text, /^## /m);
    assert.match(text, /^1\. /m);
    assert.match(text, /```typescript\n[\s\S]+\n```/);
    assert.ok(chunks.length > 20, 'many small deltas');
    assert.equal(chunks[0].choices[0].delta.role, 'assistant');
    assert.equal(chunks[0].choices[0].delta.content, '');
    for (const c of chunks) {
      assert.match(c.id, /^msg_\d{14}[0-9a-f]{16}$/);
      assert.equal(c.object, 'chat.completion.chunk');
      assert.equal(c.model, 'glm-4.7');
      assert.ok(Number.isInteger(c.created) && c.created < 1e11, 'created in seconds');
    }
    const finish = chunks[chunks.length - 2];
    assert.deepEqual(finish.choices[0].delta, {});
    assert.equal(finish.choices[0].finish_reason, 'stop');
    const last = chunks[chunks.length - 1];
    assert.deepEqual(last.choices, []);
    assert.ok(last.usage && last.usage.completion_tokens > 50);
    assert.equal(last.usage.total_tokens, last.usage.prompt_tokens + last.usage.completion_tokens);
  });

  it('returns a non-streamed chat.completion with usage, answering in the language asked about', async () => {
    const res = await client.chat.completions.create({ model: 'glm-4.5-air', messages: [{ role: 'user', content: 'Write a Python function that counts words.' }] });
    assert.equal(res.object, 'chat.completion');
    assert.equal(res.model, 'glm-4.5-air');
    assert.match(res.id, /^msg_/);
    assert.equal(res.choices[0].finish_reason, 'stop');
    assert.equal(res.choices[0].message.role, 'assistant');
    assert.match(res.choices[0].message.content ?? '', /```python\n/);
    assert.ok(res.usage && res.usage.prompt_tokens > 0 && res.usage.completion_tokens > 50);
  });

  it('puts usage on the finish chunk with usage=inline (Zhipu style) and sends no usage-only chunk', async () => {
    const stream = await client.chat.completions.create({ model: 'glm-4.7', messages: [{ role: 'user', content: 'hi' }], stream: true }, withScenario('default usage=inline'));
    const chunks: OpenAI.Chat.ChatCompletionChunk[] = [];
    for await (const c of stream) chunks.push(c);
    const last = chunks[chunks.length - 1];
    assert.equal(last.choices[0].finish_reason, 'stop');
    assert.ok(last.usage && last.usage.total_tokens > 0);
    assert.ok(chunks.every((c) => c.choices.length > 0));
  });

  it('streams whole tool-call arguments in one delta without tool_stream', async () => {
    const stream = await client.chat.completions.create({ model: 'glm-4.7', messages: [{ role: 'user', content: 'Weather in Beijing?' }], tools: [WEATHER_TOOL], stream: true }, withScenario('tools'));
    const deltas: OpenAI.Chat.ChatCompletionChunk.Choice.Delta.ToolCall[] = [];
    let finish: string | null = null;
    for await (const c of stream) {
      deltas.push(...(c.choices[0]?.delta.tool_calls ?? []));
      finish = c.choices[0]?.finish_reason ?? finish;
    }
    assert.equal(deltas.length, 1);
    assert.equal(deltas[0].function?.name, 'get_weather');
    assert.match(deltas[0].id ?? '', /^call_/);
    assert.deepEqual(JSON.parse(deltas[0].function?.arguments ?? ''), { city: 'Beijing', unit: 'celsius', days: 1 });
    assert.equal(finish, 'tool_calls');
  });

  it('streams argument fragments with tool_stream: true, which the client accumulates into JSON', async () => {
    const runner = client.chat.completions.stream({
      model: 'glm-4.7', messages: [{ role: 'user', content: 'Weather?' }], tools: [WEATHER_TOOL], tool_stream: true,
    } as Parameters<typeof client.chat.completions.stream>[0], withScenario('tools'));
    let fragments = 0;
    runner.on('chunk', (c) => { if (c.choices[0]?.delta.tool_calls?.[0]?.function?.arguments) fragments++; });
    const final = await runner.finalChatCompletion();
    const call = final.choices[0].message.tool_calls?.[0];
    assert.ok(call && call.type === 'function');
    assert.equal(call.function.name, 'get_weather');
    assert.equal(JSON.parse(call.function.arguments).city, 'Beijing');
    assert.ok(fragments > 5, `arguments came in ${fragments} fragments`);
    assert.equal(final.choices[0].finish_reason, 'tool_calls');
  });

  it('returns non-streamed tool_calls, then answers in text quoting the tool results', async () => {
    const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Weather in Beijing?' }];
    const first = await client.chat.completions.create({ model: 'glm-4.7', messages, tools: [WEATHER_TOOL] }, withScenario('tools'));
    const msg = first.choices[0].message;
    assert.equal(first.choices[0].finish_reason, 'tool_calls');
    const call = msg.tool_calls?.[0];
    assert.ok(call && call.type === 'function');
    messages.push(msg, { role: 'tool', tool_call_id: call.id, content: '{"temp": 21, "sky": "sunny"}' });
    const second = await client.chat.completions.create({ model: 'glm-4.7', messages, tools: [WEATHER_TOOL] }, withScenario('tools'));
    assert.equal(second.choices[0].finish_reason, 'stop');
    assert.match(second.choices[0].message.content ?? '', /\{"temp": 21, "sky": "sunny"\}/);
    assert.match(second.choices[0].message.content ?? '', /get_weather/);
  });

  it('honours n > 1 when streaming and not', async () => {
    const res = await client.chat.completions.create({ model: 'glm-4.7', messages: [{ role: 'user', content: TS_QUESTION }], n: 2 });
    assert.deepEqual(res.choices.map((c) => c.index), [0, 1]);
    assert.notEqual(res.choices[0].message.content, res.choices[1].message.content);
    const stream = await client.chat.completions.create({ model: 'glm-4.7', messages: [{ role: 'user', content: TS_QUESTION }], n: 3, stream: true });
    const texts = ['', '', ''];
    const finishes: Array<string | null> = [null, null, null];
    for await (const c of stream) {
      for (const ch of c.choices) {
        texts[ch.index] += ch.delta.content ?? '';
        finishes[ch.index] = ch.finish_reason ?? finishes[ch.index];
      }
    }
    assert.deepEqual(finishes, ['stop', 'stop', 'stop']);
    assert.equal(new Set(texts).size, 3);
    assert.ok(texts.every((t) => t.includes('```typescript')));
  });

  it('streams reasoning_content before content and returns it non-streamed', async () => {
    const stream = await client.chat.completions.create({ model: 'glm-4.7', messages: [{ role: 'user', content: TS_QUESTION }], stream: true }, withScenario('reasoning'));
    const kinds: string[] = [];
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const c of stream) {
      const d = c.choices[0]?.delta as { content?: string; reasoning_content?: string } | undefined;
      if (d?.reasoning_content) kinds.push('r');
      if (d?.content) kinds.push('c');
      usage = c.usage ?? usage;
    }
    assert.ok(kinds.includes('r') && kinds.includes('c'));
    assert.ok(kinds.lastIndexOf('r') < kinds.indexOf('c'), 'all reasoning before content');
    assert.ok((usage?.completion_tokens_details?.reasoning_tokens ?? 0) > 0);
    const res = await client.chat.completions.create({ model: 'glm-4.7', messages: [{ role: 'user', content: TS_QUESTION }] }, withScenario('reasoning'));
    assert.match((res.choices[0].message as { reasoning_content?: string }).reasoning_content ?? '', /edge cases/);
  });

  describe('errors come out as APIError', () => {
    const body = { model: 'glm-4.7', messages: [{ role: 'user' as const, content: 'hi' }] };
    async function failure(run: () => Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
      try {
        await run();
      } catch (err) {
        assert.ok(err instanceof OpenAI.APIError, `not an APIError: ${err}`);
        return err;
      }
      throw new Error('expected a failure');
    }

    it('401 invalid_token for a wrong token', async () => {
      const bad = new OpenAI({ baseURL: server.url, apiKey: 'wrong', maxRetries: 0 });
      const err = await failure(() => bad.chat.completions.create(body));
      assert.ok(err instanceof OpenAI.AuthenticationError);
      assert.equal(err.status, 401);
      assert.equal(err.code, 'invalid_token');
    });

    it('400 token_mismatched for a bad role', async () => {
      const err = await failure(() => client.chat.completions.create({ model: 'glm-4.7', messages: [{ role: 'robot', content: 'x' }] } as never));
      assert.ok(err instanceof OpenAI.BadRequestError);
      assert.equal(err.code, 'token_mismatched');
      assert.match(err.message, /role/);
    });

    it('429 too_many_requests with Retry-After', async () => {
      const err = await failure(() => client.chat.completions.create(body, withScenario('error status=429 code=too_many_requests retry-after=1')));
      assert.ok(err instanceof OpenAI.RateLimitError);
      assert.equal(err.headers?.get('retry-after'), '1');
      assert.equal(err.code, 'too_many_requests');
    });

    it('500 api_error, also for a streaming request', async () => {
      const err = await failure(() => client.chat.completions.create({ ...body, stream: true }, withScenario('error')));
      assert.ok(err instanceof OpenAI.InternalServerError);
      assert.equal(err.status, 500);
      assert.equal(err.code, 'api_error');
      assert.match(err.message, /temporarily unavailable/);
    });

    it('Zhipu codes as strings (1302 -> 429)', async () => {
      const err = await failure(() => client.chat.completions.create(body, withScenario('error code=1302')));
      assert.equal(err.status, 429);
      assert.equal(err.code, '1302');
    });

    it('an error event inside a 200 stream', async () => {
      const stream = await client.chat.completions.create({ ...body, stream: true }, withScenario('stream-error form=data after=2 code=1301'));
      let got = '';
      const err = await failure(async () => {
        for await (const c of stream) got += c.choices[0]?.delta.content ?? '';
      });
      assert.ok(got.length > 0, 'content before the error');
      assert.match(err.message, /sensitive/);
    });
  });
});
