// GlmClient over real HTTP: cancellation, timeouts, n > 1, complete(), headers and logging.

import assert from 'node:assert/strict';
import { GlmClient } from '../../../src/glm/glmClient';
import { GlmError } from '../../../src/glm/errors';
import { ask, collect, finishOf, testClient, TOKEN } from './helpers';
import { chunkEvent, DONE, helloStream, JSON_HEADERS, startRawServer, USAGE_EVENT, type RawServer } from './rawServer';

describe('GlmClient over HTTP', () => {
  let server: RawServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('cancels mid-stream at once and closes the connection', async () => {
    server = await startRawServer({ chunks: [chunkEvent({ content: 'Hello' })], then: 'hold' });
    const controller = new AbortController();
    const { client } = testClient(server.url);
    const seen: string[] = [];
    let error: unknown;
    try {
      for await (const ev of client.stream(ask('hi'), controller.signal)) {
        seen.push(ev.type);
        if (ev.type === 'content') controller.abort();
      }
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof GlmError && error.kind === 'cancelled', String(error));
    assert.equal(await server.requests[0].closedEarly, true, 'the server saw the connection close');
    assert.equal(server.requests.length, 1, 'no retry after cancel');
  });

  it('closes the connection when the caller stops iterating', async () => {
    server = await startRawServer({ chunks: [chunkEvent({ content: 'Hello' })], then: 'hold' });
    for await (const ev of testClient(server.url).client.stream(ask('hi'))) {
      if (ev.type === 'content') break;
    }
    assert.equal(await server.requests[0].closedEarly, true);
  });

  it('cancels while waiting for the response headers', async () => {
    server = await startRawServer({ headersDelayMs: 10_000, chunks: helloStream() });
    const controller = new AbortController();
    const { client } = testClient(server.url);
    const pending = collect(client.stream(ask('hi'), controller.signal));
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const result = await pending;
    assert.equal(result.error?.kind, 'cancelled');
    assert.equal(await server.requests[0].closedEarly, true);
  });

  it('cancels during a backoff wait without another request', async () => {
    server = await startRawServer({ status: 503, headers: JSON_HEADERS, chunks: ['{}'] });
    const controller = new AbortController();
    // The real sleep, with a long Retry-After-free backoff (0.5 s+): abort as soon as the retry is announced.
    const client = new GlmClient({ baseUrl: server.url, presetId: 'local', getToken: () => TOKEN, random: () => 1 });
    const events: string[] = [];
    let error: unknown;
    try {
      for await (const ev of client.stream(ask('hi'), controller.signal)) {
        events.push(ev.type);
        if (ev.type === 'retry') setTimeout(() => controller.abort(), 10);
      }
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof GlmError && error.kind === 'cancelled', String(error));
    assert.deepEqual(events, ['retry']);
    await new Promise((r) => setTimeout(r, 700));
    assert.equal(server.requests.length, 1);
  });

  it('fails with kind cancelled at once when the signal is already aborted', async () => {
    server = await startRawServer({ chunks: helloStream() });
    const result = await collect(testClient(server.url).client.stream(ask('hi'), AbortSignal.abort()));
    assert.equal(result.error?.kind, 'cancelled');
    assert.equal(server.requests.length, 0);
  });

  it('times out waiting for headers (connect timeout) and closes the connection', async () => {
    server = await startRawServer({ headersDelayMs: 5_000, chunks: helloStream() });
    const { client } = testClient(server.url, { connectTimeoutMs: 100, maxRetries: 0 });
    const result = await collect(client.stream(ask('hi')));
    assert.equal(result.error?.kind, 'timeout');
    assert.equal(result.error?.code, 'connect_timeout');
    assert.equal(await server.requests[0].closedEarly, true);
  });

  it('times out when no bytes arrive for idleTimeoutMs mid-stream', async () => {
    server = await startRawServer({ chunks: [chunkEvent({ role: 'assistant', content: '' }), ': keep-alive\n\n', chunkEvent({ content: 'Hel' })], gapMs: 60, then: 'hold' });
    const { client } = testClient(server.url, { idleTimeoutMs: 150, maxRetries: 0 });
    const result = await collect(client.stream(ask('hi')));
    assert.equal(result.error?.kind, 'timeout');
    assert.equal(result.error?.code, 'idle_timeout');
    assert.equal(result.text(), 'Hel', 'keep-alive comments and slow chunks under the limit do not time out');
    assert.equal(await server.requests[0].closedEarly, true);
  });

  it('does not time out while the caller is slow to take the next event', async () => {
    server = await startRawServer({ chunks: helloStream(), then: 'hold' });
    const { client } = testClient(server.url, { idleTimeoutMs: 80, maxRetries: 0 });
    const types: string[] = [];
    for await (const ev of client.stream(ask('hi'))) {
      types.push(ev.type);
      if (ev.type === 'start') await new Promise((r) => setTimeout(r, 300));
    }
    assert.ok(types.includes('finish'), types.join());
  });

  it('streams n > 1 choices apart, each with its own finish', async () => {
    const chunks = [
      chunkEvent({ role: 'assistant', content: 'A1' }, { index: 0 }),
      chunkEvent({ role: 'assistant', content: 'B1' }, { index: 1 }),
      chunkEvent({ content: ' A2' }, { index: 0 }),
      chunkEvent({ content: ' B2' }, { index: 1, finish: 'length' }),
      chunkEvent({}, { index: 0, finish: 'stop' }),
      USAGE_EVENT,
      DONE,
    ];
    server = await startRawServer({ chunks });
    const result = await collect(testClient(server.url).client.stream(ask('hi', { n: 2 })));
    assert.equal(result.error, undefined, result.error?.message);
    assert.equal(result.text(0), 'A1 A2');
    assert.equal(result.text(1), 'B1 B2');
    assert.equal(finishOf(result.events, 0)?.finishReason, 'stop');
    assert.equal(finishOf(result.events, 1)?.finishReason, 'length');
    assert.equal(server.requests[0].body.n, 2);
  });

  it('returns n > 1 choices from complete(), with object tool arguments turned into strings', async () => {
    const body = {
      id: 'c9', object: 'chat.completion', created: 5, model: 'glm-4.7',
      choices: [
        { index: 0, message: { role: 'assistant', content: 'one' }, finish_reason: 'stop' },
        { index: 1, message: { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: { city: 'Beijing' } } }] }, finish_reason: 'tool_calls' },
      ],
      usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
    };
    server = await startRawServer({ headers: JSON_HEADERS, chunks: [JSON.stringify(body)] });
    const answer = await testClient(server.url).client.complete(ask('hi', { n: 2 }));
    assert.equal(answer.id, 'c9');
    assert.equal(answer.choices.length, 2);
    assert.equal(answer.choices[1].message.tool_calls?.[0].function.arguments, '{"city":"Beijing"}');
    assert.equal(answer.usage?.total_tokens, 7);
    assert.equal(server.requests[0].body.n, 2);
    assert.equal(server.requests[0].body.stream, false);
  });

  it('sends the bearer token and JSON body, and never logs the token', async () => {
    server = await startRawServer({ chunks: helloStream() });
    const { client, logs } = testClient(server.url);
    await collect(client.stream(ask('hi')));
    const req = server.requests[0];
    assert.equal(req.headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(req.body.stream, true);
    assert.ok(logs.some((l) => l.includes('/glm/chat/completions') && l.includes('glm-4.7')), logs.join('\n'));
    assert.ok(logs.some((l) => /^200 /.test(l)), 'status logged');
    assert.ok(!logs.join('\n').includes(TOKEN));
    assert.ok(!/authorization/i.test(logs.join('\n')));
  });

  it('re-reads a config function per request', async () => {
    server = await startRawServer({ chunks: helloStream() });
    let model = 'glm-4.7';
    let temperature = 0.5;
    const client = new GlmClient(() => ({ baseUrl: server!.url, presetId: 'local', getToken: () => TOKEN }));
    await collect(client.stream(ask('hi', { model, temperature })));
    model = 'glm-4.6';
    temperature = 1.7;
    await collect(client.stream(ask('hi', { model, temperature })));
    assert.deepEqual(server.requests.map((r) => [r.body.model, r.body.temperature]), [['glm-4.7', 0.5], ['glm-4.6', 1]]);
  });
});
