// Retry and fallback over real HTTP with recorded (instant) backoff sleeps.

import assert from 'node:assert/strict';
import { backoffDelay, modelChain } from '../../../src/glm/retry';
import { ask, collect, finishOf, testClient } from './helpers';
import { chunkEvent, helloStream, JSON_HEADERS, startRawServer, type RawServer, type Script } from './rawServer';

const unavailable: Script = { status: 500, headers: JSON_HEADERS, chunks: ['{"trace_id":"t","error":{"code":"api_error","message":"Service is temporarily unavailable, please retry later."}}'] };
const zhipuError = (status: number, code: string, headers: Record<string, string> = {}): Script => ({
  status, headers: { ...JSON_HEADERS, ...headers }, chunks: [`{"error":{"code":"${code}","message":"code ${code}"}}`],
});

describe('glm retry policy', () => {
  it('backs off 0.5 s x 2^n with jitter in the upper half, capped at 8 s', () => {
    assert.deepEqual([0, 1, 2, 3, 4, 5].map((n) => backoffDelay(n, () => 0)), [250, 500, 1000, 2000, 4000, 4000]);
    assert.deepEqual([0, 1, 2, 3, 4, 5].map((n) => backoffDelay(n, () => 1)), [500, 1000, 2000, 4000, 8000, 8000]);
  });

  it('chains the fallback models after the requested one, each once', () => {
    assert.deepEqual(modelChain('glm-4.7', ['glm-4.7', 'glm-4.5-air', ' ', 'glm-4.5-air', 'glm-4.6']), ['glm-4.7', 'glm-4.5-air', 'glm-4.6']);
  });
});

describe('glm retries and fallback over HTTP', () => {
  let server: RawServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('retries a 500 and then succeeds, announcing the retry', async () => {
    server = await startRawServer((_r, n) => (n === 0 ? unavailable : { chunks: helloStream() }));
    const { client, sleeps } = testClient(server.url);
    const result = await collect(client.stream(ask('hi')));
    assert.equal(result.error, undefined, result.error?.message);
    assert.equal(result.text(), 'Hello, world');
    assert.equal(server.requests.length, 2);
    assert.deepEqual(sleeps, [375]);
    assert.deepEqual(result.types().slice(0, 2), ['retry', 'start']);
  });

  it('honours Retry-After (seconds) instead of the backoff, capped at 60 s', async () => {
    const scripts = [zhipuError(429, '1302', { 'retry-after': '2' }), zhipuError(429, '1302', { 'retry-after': '600' }), { chunks: helloStream() }];
    server = await startRawServer((_r, n) => scripts[n]);
    const { client, sleeps } = testClient(server.url);
    const result = await collect(client.stream(ask('hi')));
    assert.equal(result.error, undefined, result.error?.message);
    assert.deepEqual(sleeps, [2000, 60_000]);
    const retries = result.events.filter((e) => e.type === 'retry');
    assert.deepEqual(retries.map((e) => e.type === 'retry' && e.delayMs), [2000, 60_000]);
  });

  it('gives up after maxRetries and throws the last error', async () => {
    server = await startRawServer(zhipuError(429, 'too_many_requests'));
    const { client, sleeps } = testClient(server.url, { maxRetries: 2 });
    const result = await collect(client.stream(ask('hi')));
    assert.equal(result.error?.kind, 'rateLimit');
    assert.equal(server.requests.length, 3);
    assert.equal(sleeps.length, 2);
  });

  it('falls back along fallbackModels when the upstream stays unavailable, and says which model answered', async () => {
    server = await startRawServer((r) => (r.body.model === 'glm-4.5-air' ? { chunks: helloStream('glm-4.5-air') } : unavailable));
    const { client } = testClient(server.url, { maxRetries: 1, fallbackModels: ['glm-4.7', 'glm-4.6', 'glm-4.5-air'] });
    const result = await collect(client.stream(ask('hi', { model: 'glm-5.1' })));
    assert.equal(result.error, undefined, result.error?.message);
    assert.deepEqual(server.requests.map((r) => r.body.model), ['glm-5.1', 'glm-5.1', 'glm-4.7', 'glm-4.7', 'glm-4.6', 'glm-4.6', 'glm-4.5-air']);
    const fallbacks = result.events.filter((e) => e.type === 'fallback');
    assert.deepEqual(fallbacks.map((e) => e.type === 'fallback' && `${e.fromModel}->${e.toModel}`), ['glm-5.1->glm-4.7', 'glm-4.7->glm-4.6', 'glm-4.6->glm-4.5-air']);
    assert.equal(finishOf(result.events)?.model, 'glm-4.5-air');
  });

  it('falls back on Zhipu 1312 (model overloaded) but throws when the chain is exhausted', async () => {
    server = await startRawServer(zhipuError(500, '1312'));
    const { client } = testClient(server.url, { maxRetries: 0, fallbackModels: ['glm-4.5-air'] });
    const result = await collect(client.stream(ask('hi')));
    assert.equal(result.error?.kind, 'unavailable');
    assert.equal(result.error?.model, 'glm-4.5-air');
    assert.deepEqual(server.requests.map((r) => r.body.model), ['glm-4.7', 'glm-4.5-air']);
  });

  for (const [label, script, kind] of [
    ['content filter 1301', zhipuError(400, '1301'), 'contentFilter'],
    ['auth invalid_token', zhipuError(401, 'invalid_token'), 'auth'],
    ['quota 1113', zhipuError(429, '1113'), 'quota'],
    ['usage cap 1308', zhipuError(429, '1308'), 'quota'],
    ['bad request', zhipuError(400, 'bad_request'), 'badRequest'],
  ] as const) {
    it(`never retries nor falls back on ${label}`, async () => {
      server = await startRawServer(script);
      const { client, sleeps } = testClient(server.url, { fallbackModels: ['glm-4.5-air'] });
      const result = await collect(client.stream(ask('hi')));
      assert.equal(result.error?.kind, kind);
      assert.equal(server.requests.length, 1);
      assert.deepEqual(sleeps, []);
      assert.ok(!result.events.some((e) => e.type === 'retry' || e.type === 'fallback'));
    });
  }

  it('does not retry once content of the attempt reached the caller', async () => {
    server = await startRawServer({ chunks: [chunkEvent({ content: 'Half an ans' }), 'data: {"error":{"code":"api_error","message":"boom"}}\n\n'] });
    const { client } = testClient(server.url, { fallbackModels: ['glm-4.5-air'] });
    const result = await collect(client.stream(ask('hi')));
    assert.equal(result.error?.kind, 'unavailable');
    assert.equal(result.text(), 'Half an ans');
    assert.equal(server.requests.length, 1);
  });

  it('retries an error event that came before any content', async () => {
    server = await startRawServer((_r, n) => (n === 0 ? { chunks: ['event: error\ndata: {"error":{"code":"1305","message":"busy"}}\n\n'] } : { chunks: helloStream() }));
    const { client } = testClient(server.url);
    const result = await collect(client.stream(ask('hi')));
    assert.equal(result.error, undefined, result.error?.message);
    assert.equal(result.text(), 'Hello, world');
    assert.equal(server.requests.length, 2);
  });

  it('retries complete() the same way and returns the answering model', async () => {
    const completion = { id: 'c', object: 'chat.completion', created: 1, model: 'glm-4.5-air', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }] };
    server = await startRawServer((r) => (r.body.model === 'glm-4.5-air' ? { headers: JSON_HEADERS, chunks: [JSON.stringify(completion)] } : unavailable));
    const { client, sleeps } = testClient(server.url, { maxRetries: 1, fallbackModels: ['glm-4.5-air'] });
    const answer = await client.complete(ask('hi'));
    assert.equal(answer.model, 'glm-4.5-air');
    assert.equal(answer.choices[0].message.content, 'ok');
    assert.equal(server.requests.length, 3);
    assert.equal(sleeps.length, 1);
    assert.equal(server.requests[0].body.stream, false);
  });
});
