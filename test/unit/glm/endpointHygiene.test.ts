// Issue 14 items 14 and 15: event streams labelled text/plain, credentials and queries in the base URL.
// Real HTTP against the mock (and the raw server for bodies the mock never sends).

import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { chatCompletionsUrl } from '../../../src/glm/endpointUrl';
import { redact, scrubUserinfo, toGlmError } from '../../../src/glm/errors';
import { ask, collect, testClient, useMockServer } from './helpers';
import { startRawServer, type RawServer } from './rawServer';

const PLAIN = 'content-type=text/plain';

describe('text/plain event streams', () => {
  const fixture = useMockServer();
  let raw: RawServer | undefined;
  afterEach(async () => {
    await raw?.close();
    raw = undefined;
  });

  it('reads an event stream the mock labels text/plain', async () => {
    const { client } = testClient(fixture.mock.url, { extraHeaders: { 'x-mock-scenario': `default ${PLAIN}` } });
    const result = await collect(client.stream(ask('How do I debounce a function in TypeScript?')));
    assert.equal(result.error, undefined, result.error?.message);
    assert.match(result.text(), /```typescript/);
    assert.ok(result.types().includes('finish'));
    assert.match(String(fixture.mock.requests[0].scenario), /default/);
  });

  it('behaves like the official openai client on the same text/plain stream', async () => {
    const openai = new OpenAI({ baseURL: fixture.mock.url, apiKey: fixture.mock.token, maxRetries: 0 });
    const stream = await openai.chat.completions.create(
      { model: 'glm-4.7', messages: [{ role: 'user', content: 'Explain closures in JavaScript.' }], stream: true },
      { headers: { 'x-mock-scenario': `default ${PLAIN}` } },
    );
    let theirs = '';
    for await (const c of stream) theirs += c.choices[0]?.delta.content ?? '';
    const { client } = testClient(fixture.mock.url, { extraHeaders: { 'x-mock-scenario': `default ${PLAIN}` } });
    const ours = await collect(client.stream(ask('Explain closures in JavaScript.')));
    assert.ok(theirs.length > 50);
    assert.equal(ours.text(), theirs, 'the same answer text as the openai client read');
  });

  it('accepts a text/plain JSON body and an SSE body that starts with a comment after a BOM', async () => {
    raw = await startRawServer({
      headers: { 'content-type': 'text/plain' },
      chunks: ['\uFEFF', ': keep-alive\n\n', 'data: {"id":"1","object":"chat.completion.chunk","created":1,"model":"glm-4.7","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":"stop"}]}\n\n', 'data: [DONE]\n\n'],
    });
    const result = await collect(testClient(raw.url).client.stream(ask('hi')));
    assert.equal(result.error, undefined, result.error?.message);
    assert.equal(result.text(), 'Hi');
  });

  it('still refuses HTML, whether labelled text/plain or text/html, without retrying', async () => {
    for (const type of ['text/plain', 'text/html']) {
      raw = await startRawServer({ headers: { 'content-type': type }, chunks: ['<!doctype html><html><body>Sign in</body></html>'] });
      const result = await collect(testClient(raw.url).client.stream(ask('hi')));
      assert.equal(result.error?.kind, 'badRequest', type);
      assert.equal(result.error?.retryable, false);
      assert.match(result.error!.message, new RegExp(type.replace('/', '\\/')));
      assert.equal(raw.requests.length, 1, 'not retried');
      await raw.close();
      raw = undefined;
    }
  });
});

describe('base URL hygiene', () => {
  const fixture = useMockServer();

  it('refuses user:password@ before sending, with a clear message that never repeats the password', async () => {
    const withCreds = fixture.mock.url.replace('http://', 'http://proxyuser:s3cr3t-pw@');
    const { client, logs } = testClient(withCreds);
    const result = await collect(client.stream(ask('hi')));
    assert.equal(result.error?.kind, 'badRequest');
    assert.equal(result.error?.code, 'credentials_in_base_url');
    assert.equal(result.error?.retryable, false);
    assert.match(result.error!.message, /user name or password/);
    assert.equal(fixture.mock.requests.length, 0, 'nothing was sent');
    for (const text of [result.error!.message, String(result.error!.stack), ...logs]) {
      assert.ok(!text.includes('s3cr3t-pw') && !text.includes('proxyuser'), text);
    }
  });

  it('scrubs user info from library error texts and log lines', () => {
    const fetchError = new TypeError('Request cannot be constructed from a URL that includes credentials: http://user:hunter2@proxy.example/v4');
    const mapped = toGlmError(fetchError);
    assert.ok(!mapped.message.includes('hunter2'), mapped.message);
    assert.match(mapped.message, /http:\/\/\*\*\*@proxy\.example/);
    assert.equal(scrubUserinfo('see https://a:b@h.example/x and http://h2/y@z'), 'see https://***@h.example/x and http://h2/y@z');
    assert.ok(!redact('{"error":"bad url https://u:p4ss@h"}').includes('p4ss'));
  });

  it('appends /chat/completions to the path and keeps the query', async () => {
    assert.equal(chatCompletionsUrl('https://h.example/openai/?api-version=1'), 'https://h.example/openai/chat/completions?api-version=1');
    assert.equal(chatCompletionsUrl('https://h.example/v4#frag'), 'https://h.example/v4/chat/completions');
    const { client } = testClient(`${fixture.mock.url}?api-version=2024-10-01`);
    const result = await collect(client.stream(ask('hi')));
    assert.equal(result.error, undefined, result.error?.message);
    assert.equal(fixture.mock.requests[0].path, '/glm/chat/completions');
  });

  it('refuses a URL that is not http(s) as before', () => {
    assert.throws(() => chatCompletionsUrl('ftp://h.example'), /not an http\(s\) URL/);
    assert.throws(() => chatCompletionsUrl(''), /not set/);
  });
});
