// The GLM service against the project's mock GLM server: every scenario of the mock, end to end over HTTP.

import assert from 'node:assert/strict';
import { BYTEWISE_ANSWER, UTF8_TAIL } from '../../../src/mock/scenarios/bulk';
import type { GlmClientConfig } from '../../../src/glm/glmClient';
import type { ChatRequest, StreamEvent, ToolDefinition } from '../../../src/glm/types';
import { collect, finishOf, testClient, useMockServer } from './helpers';

const weatherTool: ToolDefinition = {
  type: 'function',
  function: { name: 'get_weather', description: 'Weather of a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
};

describe('GlmClient against the mock GLM server', function () {
  const fixture = useMockServer();

  const req = (directive: string, extra: Partial<ChatRequest> = {}): ChatRequest => ({
    model: 'glm-4.7',
    messages: [{ role: 'user', content: `Show a TypeScript example. [[mock:${directive}]]` }],
    ...extra,
  });
  const stream = (directive: string, extra: Partial<ChatRequest> = {}, config: Partial<GlmClientConfig> = {}) =>
    collect(testClient(fixture.mock.url, { maxRetries: 0, ...config }).client.stream(req(directive, extra)));

  it('default: streams realistic markdown with a fenced code block, finish and usage', async () => {
    const r = await stream('default');
    assert.equal(r.error, undefined, r.error?.message);
    assert.match(r.text(), /```typescript/);
    assert.equal(finishOf(r.events)?.finishReason, 'stop');
    assert.ok(r.events.some((e) => e.type === 'usage'));
    assert.equal(r.types()[0], 'start');
  });

  it('extraHeaders reach the server (the mock is steered by x-mock-scenario), never replacing the token', async () => {
    const { client } = testClient(fixture.mock.url, { maxRetries: 0, extraHeaders: { 'x-mock-scenario': 'length', authorization: 'Bearer nope' } });
    const r = await collect(client.stream({ model: 'glm-4.7', messages: [{ role: 'user', content: 'hi' }] }));
    assert.equal(r.error, undefined, r.error?.message);
    assert.equal(finishOf(r.events)?.finishReason, 'length');
    assert.equal(fixture.mock.requests[0].scenario, 'length');
  });

  it('reasoning: thinking arrives apart from the answer', async () => {
    const r = await stream('reasoning', { thinking: 'enabled' });
    assert.ok(r.reasoning().length > 0);
    assert.ok(r.text().length > 0);
    assert.ok(!r.text().includes(r.reasoning().slice(0, 40)));
    assert.deepEqual(fixture.mock.requests[0].body.thinking, { type: 'enabled' });
  });

  for (const toolStream of [true, false]) {
    it(`tools${toolStream ? ' with tool_stream fragments' : ' in one piece'}: assembles the call and parses its arguments`, async () => {
      const r = await stream('tools', { tools: [weatherTool], toolStream });
      assert.equal(r.error, undefined, r.error?.message);
      const deltas = r.events.filter((e) => e.type === 'toolCallDelta');
      if (toolStream) assert.ok(deltas.length > 1, `fragments: ${deltas.length}`);
      const call = r.events.find((e): e is Extract<StreamEvent, { type: 'toolCall' }> => e.type === 'toolCall');
      assert.equal(call?.call.function.name, 'get_weather');
      assert.ok(call?.call.id);
      assert.equal(call?.argsError, undefined);
      assert.equal(typeof call?.args, 'object');
      assert.equal(finishOf(r.events)?.finishReason, 'tool_calls');
      assert.equal(fixture.mock.requests[0].body.tool_stream, toolStream ? true : undefined);
    });
  }

  it('n > 1 streamed: two separate answers', async () => {
    const r = await stream('default', { n: 2 });
    assert.ok(r.text(0).length > 0 && r.text(1).length > 0);
    assert.ok(finishOf(r.events, 0) && finishOf(r.events, 1));
  });

  it('n > 1 non-streamed: complete() returns both choices, id, model and usage', async () => {
    const c = await testClient(fixture.mock.url).client.complete(req('default', { n: 2 }));
    assert.equal(c.choices.length, 2);
    assert.ok(c.id && c.model === 'glm-4.7' && c.usage);
    assert.ok(c.choices.every((ch) => (ch.message.content ?? '').length > 0));
  });

  it('usage=inline (Zhipu style) is read from the finish chunk', async () => {
    const r = await stream('default usage=inline');
    assert.ok(r.events.some((e) => e.type === 'usage'));
  });

  it('strict gateway: the acedata preset sends nothing the seed does not document', async () => {
    const client = testClient(fixture.mock.url, { presetId: 'acedata', getToken: () => fixture.mock.token }).client;
    const r = await collect(client.stream(req('default strict=1', { thinking: 'enabled', toolStream: true, tools: [weatherTool], temperature: 1.5 })));
    assert.equal(r.error, undefined, r.error?.message);
  });

  const errorCases: Array<[string, string, boolean]> = [
    ['token_mismatched', 'badRequest', false], ['bad_request', 'badRequest', false], ['api_not_implemented', 'unsupported', false],
    ['invalid_token', 'auth', false], ['token_expired', 'auth', false], ['no_token', 'auth', false],
    ['too_many_requests', 'rateLimit', true], ['api_error', 'unavailable', true], ['overloaded', 'unavailable', true],
    ['1113', 'quota', false], ['1261', 'contextOverflow', false], ['1301', 'contentFilter', false],
    ['1302', 'rateLimit', true], ['1308', 'quota', false], ['1312', 'unavailable', true],
  ];
  for (const [code, kind, retryable] of errorCases) {
    for (const shape of /^\d+$/.test(code) ? ['zhipu', 'flat', 'gateway'] : ['gateway']) {
      it(`error ${code} (${shape} body) -> ${kind}`, async () => {
        const r = await stream(`error code=${code} shape=${shape}`);
        assert.equal(r.error?.kind, kind);
        assert.equal(r.error?.code, code);
        assert.equal(r.error?.retryable, retryable);
        // The scheduler turns the server's UTC+8 reset time into local time, three hours out in the mock.
        if (code === '1308') assert.match(r.error!.resetAt ?? '', /^(\d{4}-\d{2}-\d{2} )?\d{2}:\d{2}$/);
      });
    }
  }

  it('error 429 with Retry-After: waits what the server says, then gives up', async () => {
    const { client, sleeps } = testClient(fixture.mock.url, { maxRetries: 2 });
    const r = await collect(client.stream(req('error status=429 code=too_many_requests retry-after=1')));
    assert.equal(r.error?.kind, 'rateLimit');
    assert.deepEqual(sleeps, [1000, 1000]);
    assert.equal(fixture.mock.requests.length, 3);
  });

  it('missing token: 401 from the server maps to auth', async () => {
    const r = await collect(testClient(fixture.mock.url, { getToken: () => 'wrong' }).client.stream(req('default')));
    assert.equal(r.error?.kind, 'auth');
  });

  it('flaky: 500 twice then success, with two retry events', async () => {
    const { client, sleeps } = testClient(fixture.mock.url);
    const r = await collect(client.stream(req('flaky times=2 key=glm-flaky')));
    assert.equal(r.error, undefined, r.error?.message);
    assert.equal(r.events.filter((e) => e.type === 'retry').length, 2);
    assert.equal(sleeps.length, 2);
    assert.ok(r.text().length > 0);
  });

  it('unavailable: persistent 500 falls back along the chain and reports the answering model', async () => {
    const { client } = testClient(fixture.mock.url, { maxRetries: 1, fallbackModels: ['glm-4.7', 'glm-4.5-air'] });
    const r = await collect(client.stream(req('unavailable models=glm-5.1,glm-4.7', { model: 'glm-5.1' })));
    assert.equal(r.error, undefined, r.error?.message);
    const fallbacks = r.events.filter((e) => e.type === 'fallback');
    assert.equal(fallbacks.length, 2);
    assert.equal(finishOf(r.events)?.model, 'glm-4.5-air');
    assert.deepEqual(fixture.mock.requests.map((q) => q.body.model), ['glm-5.1', 'glm-5.1', 'glm-4.7', 'glm-4.7', 'glm-4.5-air']);
  });

  for (const form of ['event', 'data']) {
    it(`stream-error form=${form}: error inside a 200 stream after content, no retry`, async () => {
      const { client } = testClient(fixture.mock.url, { maxRetries: 3 });
      const r = await collect(client.stream(req(`stream-error form=${form} after=3`)));
      assert.equal(r.error?.kind, 'unavailable');
      assert.ok(r.text().length > 0);
      assert.equal(fixture.mock.requests.length, 1);
    });
  }

  it('stream-error before any content is retried', async () => {
    const { client } = testClient(fixture.mock.url, { maxRetries: 1 });
    const r = await collect(client.stream(req('stream-error form=event after=0')));
    assert.equal(r.error?.kind, 'unavailable');
    assert.equal(fixture.mock.requests.length, 2);
  });

  it('network-error: finish_reason network_error is a failure', async () => {
    const r = await stream('network-error after=2');
    assert.equal(r.error?.kind, 'network');
  });

  it('truncate: no finish and no [DONE] is truncated', async () => {
    const r = await stream('truncate after=3');
    assert.equal(r.error?.kind, 'truncated');
    assert.ok(r.text().length > 0);
  });

  it('drop: a destroyed socket is a network error', async () => {
    const r = await stream('drop after=2');
    assert.equal(r.error?.kind, 'network');
  });

  it('stall: idle timeout closes the connection', async () => {
    const r = await stream('stall after=2 ms=5000', {}, { idleTimeoutMs: 200 });
    assert.equal(r.error?.kind, 'timeout');
    assert.equal(r.error?.code, 'idle_timeout');
    await waitFor(() => fixture.mock.requests[0].clientClosed);
  });

  it('slow-headers: connect timeout', async () => {
    const r = await stream('slow-headers ms=5000', {}, { connectTimeoutMs: 150 });
    assert.equal(r.error?.kind, 'timeout');
    assert.equal(r.error?.code, 'connect_timeout');
  });

  it('malformed: invalid JSON in an event is a failure', async () => {
    const r = await stream('malformed after=2');
    assert.equal(r.error?.kind, 'network');
    assert.equal(r.error?.code, 'malformed');
  });

  it('cancel: the mock sees the client close the connection', async () => {
    const controller = new AbortController();
    const client = testClient(fixture.mock.url).client;
    const r = collect(client.stream(req('pace tps=20'), controller.signal));
    await waitFor(() => fixture.mock.requests.length > 0);
    setTimeout(() => controller.abort(), 100);
    assert.equal((await r).error?.kind, 'cancelled');
    await waitFor(() => fixture.mock.requests[0].clientClosed);
  });

  const modes = ['crlf', 'cr', 'cr-split', 'split-utf8', 'comments', 'fields', 'multiline', 'no-final-blank', 'after-done', 'nospace', 'bytewise'];
  for (const mode of modes) {
    it(`framing mode=${mode}: same answer as plain framing`, async () => {
      const plain = await stream('framing mode=plain');
      const framed = await stream(`framing mode=${mode}`);
      assert.equal(framed.error, undefined, framed.error?.message);
      // The mock adds multi-byte text to split for split-utf8 and answers briefly when writing byte by byte.
      const expected = mode === 'split-utf8' ? plain.text() + UTF8_TAIL : mode === 'bytewise' ? BYTEWISE_ANSWER : plain.text();
      assert.equal(framed.text(), expected);
      assert.ok(!framed.text().includes('IGNORE ME'));
      assert.ok(plain.text().length > 0);
      assert.equal(finishOf(framed.events)?.finishReason, 'stop');
    });
  }

  it('huge-event: a 1 MB event arrives whole', async () => {
    const r = await stream('huge-event bytes=1048576');
    assert.equal(r.error, undefined, r.error?.message);
    assert.ok(r.text().length >= 1_000_000, String(r.text().length));
  });

  it('long-answer: a 50 KB answer arrives whole', async () => {
    const r = await stream('long-answer bytes=51200');
    assert.ok(Buffer.byteLength(r.text()) >= 50_000);
    assert.equal(finishOf(r.events)?.finishReason, 'stop');
  });

  for (const reason of ['content_filter', 'sensitive']) {
    it(`content-filter reason=${reason}: finish carries the reason, no retry`, async () => {
      const { client } = testClient(fixture.mock.url, { fallbackModels: ['glm-4.5-air'] });
      const r = await collect(client.stream(req(`content-filter reason=${reason}`)));
      assert.equal(finishOf(r.events)?.finishReason, reason);
      assert.equal(fixture.mock.requests.length, 1);
    });
  }

  it('length: finish_reason length', async () => {
    assert.equal(finishOf((await stream('length')).events)?.finishReason, 'length');
  });

  it('hostile: raw HTML comes through as text, untouched (rendering sanitizes it)', async () => {
    assert.match((await stream('hostile')).text(), /<script|onerror|javascript:/i);
  });

  it('code transform=upper: answers with the first fenced block transformed', async () => {
    const messages: ChatRequest['messages'] = [{ role: 'user', content: 'Refactor:\n```js\nconst a = 1;\n```\n[[mock:code transform=upper]]' }];
    const r = await collect(testClient(fixture.mock.url).client.stream({ model: 'glm-4.7', messages }));
    assert.match(r.text(), /CONST A = 1;/);
  });
});

async function waitFor(condition: () => boolean, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
