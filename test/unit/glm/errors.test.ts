// Error bodies, codes and headers -> GlmError: pure mapping, then the same over real HTTP (status, body,
// Retry-After, errors inside a 200 stream, network_error, truncation).

import assert from 'node:assert/strict';
import { errorFromPayload, extractResetAt, parseErrorText, parseRetryAfter } from '../../../src/glm/errorMapping';
import { GlmError, redact, type GlmErrorKind } from '../../../src/glm/errors';
import { ask, collect, testClient, TOKEN } from './helpers';
import { chunkEvent, DONE, JSON_HEADERS, startRawServer, type RawServer, type Script } from './rawServer';

describe('glm error mapping', () => {
  it('parses the gateway, Zhipu and flat body shapes', () => {
    assert.deepEqual(parseErrorText('{"trace_id":"t-1","error":{"code":"api_error","message":"Service is temporarily unavailable"}}'), {
      code: 'api_error', message: 'Service is temporarily unavailable', traceId: 't-1',
    });
    assert.deepEqual(parseErrorText('{"error":{"code":"1302","message":"busy"},"request_id":"r-9"}'), { code: '1302', message: 'busy', traceId: 'r-9' });
    assert.deepEqual(parseErrorText('{"code":1261,"message":"too long"}'), { code: '1261', message: 'too long', traceId: undefined });
    assert.equal(parseErrorText('<html>502</html>'), undefined);
    assert.equal(parseErrorText('{"choices":[]}'), undefined);
  });

  const cases: Array<[status: number | undefined, code: string, kind: GlmErrorKind, retryable: boolean]> = [
    [400, 'token_mismatched', 'badRequest', false],
    [400, 'bad_request', 'badRequest', false],
    [400, 'api_not_implemented', 'unsupported', false],
    [401, 'invalid_token', 'auth', false],
    [401, 'token_expired', 'auth', false],
    [401, 'no_token', 'auth', false],
    [429, 'too_many_requests', 'rateLimit', true],
    [500, 'api_error', 'unavailable', true],
    [401, '1000', 'auth', false],
    [401, '1002', 'auth', false],
    [429, '1112', 'auth', false],
    [429, '1113', 'quota', false],
    [400, '1210', 'badRequest', false],
    [400, '1211', 'unsupported', false],
    [500, '1234', 'network', true],
    [400, '1261', 'contextOverflow', false],
    [400, '1301', 'contentFilter', false],
    [429, '1302', 'rateLimit', true],
    [429, '1303', 'rateLimit', true],
    [429, '1304', 'quota', false],
    [429, '1305', 'rateLimit', true],
    [429, '1308', 'quota', false],
    [429, '1309', 'quota', false],
    [429, '1310', 'quota', false],
    [403, '1311', 'unsupported', false],
    [500, '1312', 'unavailable', true],
    [429, '1313', 'rateLimit', true],
    [undefined, 'something_new', 'unavailable', true],
  ];
  for (const [status, code, kind, retryable] of cases) {
    it(`maps ${status ?? 'in-stream'} ${code} to ${kind}${retryable ? ' (retryable)' : ''}`, () => {
      const error = errorFromPayload({ code, message: 'server words' }, { status, model: 'glm-4.7' });
      assert.equal(error.kind, kind);
      assert.equal(error.retryable, retryable);
      assert.equal(error.code, code);
      assert.match(error.message, /server words/);
    });
  }

  it('falls back to the HTTP status when there is no code', () => {
    assert.equal(errorFromPayload(undefined, { status: 503 }).kind, 'unavailable');
    assert.equal(errorFromPayload(undefined, { status: 401 }).kind, 'auth');
    assert.equal(errorFromPayload(undefined, { status: 404 }).kind, 'unsupported');
    assert.equal(errorFromPayload(undefined, { status: 413 }).kind, 'contextOverflow');
  });

  it('names the 1308 reset time in resetAt and in the message', () => {
    const e = errorFromPayload({ code: '1308', message: 'Usage limit reached, your limit will reset at 2026-11-26 08:00:00' }, { status: 429 });
    assert.equal(e.resetAt, '2026-11-26 08:00:00');
    assert.match(e.message, /resets at 2026-11-26 08:00:00/);
    assert.equal(extractResetAt('no time here'), undefined);
  });

  it('reads Retry-After as seconds or an HTTP date, capped at 60 s', () => {
    const now = Date.parse('2026-11-25T12:00:00Z');
    assert.equal(parseRetryAfter('2', now), 2000);
    assert.equal(parseRetryAfter('0', now), 0);
    assert.equal(parseRetryAfter('3600', now), 60_000);
    assert.equal(parseRetryAfter('Wed, 25 Nov 2026 12:00:05 GMT', now), 5000);
    assert.equal(parseRetryAfter('Wed, 25 Nov 2026 11:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
  });

  it('scrubs the token and bearer headers out of server texts', () => {
    assert.equal(redact(`bad token sk-secret-123 in Authorization: Bearer sk-secret-123`, 'sk-secret-123'), 'bad token *** in Authorization: Bearer ***');
    const e = errorFromPayload({ code: 'invalid_token', message: 'token sk-secret-123 is invalid' }, { status: 401, secret: 'sk-secret-123' });
    assert.ok(!e.message.includes('sk-secret-123'));
    assert.ok(!String(e.serverMessage).includes('sk-secret-123'));
  });
});

describe('glm errors over HTTP', () => {
  let server: RawServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function fail(script: Script): Promise<GlmError> {
    server = await startRawServer(script);
    const result = await collect(testClient(server.url, { maxRetries: 0 }).client.stream(ask('hi')));
    assert.ok(result.error, 'expected an error');
    return result.error;
  }

  it('maps a gateway 500 body with trace id and status', async () => {
    const e = await fail({ status: 500, headers: JSON_HEADERS, chunks: ['{"trace_id":"69ea","error":{"code":"api_error","message":"Service is temporarily unavailable, please retry later."}}'] });
    assert.equal(e.kind, 'unavailable');
    assert.equal(e.status, 500);
    assert.equal(e.code, 'api_error');
    assert.equal(e.traceId, '69ea');
    assert.equal(e.model, 'glm-4.7');
  });

  it('maps a Zhipu 429 body with its string code and the Retry-After header', async () => {
    const e = await fail({ status: 429, headers: { ...JSON_HEADERS, 'retry-after': '7' }, chunks: ['{"error":{"code":"1302","message":"High concurrency"}}'] });
    assert.equal(e.kind, 'rateLimit');
    assert.equal(e.code, '1302');
    assert.equal(e.retryAfterMs, 7000);
  });

  it('maps a flat {code, message} 400 body', async () => {
    const e = await fail({ status: 400, headers: JSON_HEADERS, chunks: ['{"code":1261,"message":"Prompt exceeds max length"}'] });
    assert.equal(e.kind, 'contextOverflow');
    assert.equal(e.code, '1261');
  });

  it('maps an HTML 502 page by its status alone', async () => {
    const e = await fail({ status: 502, headers: { 'content-type': 'text/html' }, chunks: ['<html><body>Bad gateway</body></html>'] });
    assert.equal(e.kind, 'unavailable');
    assert.equal(e.status, 502);
    assert.ok(!e.message.includes('<html>'));
  });

  it('never puts the token into an error, even when the server echoes it', async () => {
    const e = await fail({ status: 401, headers: JSON_HEADERS, chunks: [`{"error":{"code":"invalid_token","message":"Bearer ${TOKEN} rejected: ${TOKEN}"}}`] });
    assert.equal(e.kind, 'auth');
    assert.ok(!JSON.stringify({ ...e, message: e.message }).includes(TOKEN));
  });

  it('throws an `event: error` inside a 200 stream', async () => {
    const e = await fail({ chunks: [chunkEvent({ role: 'assistant', content: '' }), 'event: error\ndata: {"error":{"code":"1301","message":"unsafe"}}\n\n'] });
    assert.equal(e.kind, 'contentFilter');
    assert.equal(e.code, '1301');
  });

  it('throws a data: {"error": ...} inside a 200 stream', async () => {
    const e = await fail({ chunks: [chunkEvent({ content: 'Hel' }), 'data: {"error":{"code":"api_error","message":"upstream broke"}}\n\n'] });
    assert.equal(e.kind, 'unavailable');
    assert.equal(e.status, undefined);
  });

  it('treats finish_reason network_error as a failure', async () => {
    const e = await fail({ chunks: [chunkEvent({ content: 'Hel' }), chunkEvent({}, { finish: 'network_error' }), DONE] });
    assert.equal(e.kind, 'network');
    assert.equal(e.code, 'network_error');
  });

  it('treats a stream without [DONE] and without finish_reason as truncated', async () => {
    const e = await fail({ chunks: [chunkEvent({ content: 'Hello' }), chunkEvent({ content: ' wor' })] });
    assert.equal(e.kind, 'truncated');
  });

  it('treats a dropped connection as a network error', async () => {
    const e = await fail({ chunks: [chunkEvent({ content: 'Hello' })], then: 'destroy' });
    assert.equal(e.kind, 'network');
  });

  it('treats malformed JSON in an event as a failure', async () => {
    const e = await fail({ chunks: [chunkEvent({ content: 'Hello' }), 'data: {"choices": [\n\n', DONE] });
    assert.equal(e.kind, 'network');
    assert.equal(e.code, 'malformed');
  });

  it('reports a refused connection as a network error', async () => {
    server = await startRawServer({});
    const url = server.url;
    await server.close();
    server = undefined;
    const result = await collect(testClient(url, { maxRetries: 0 }).client.stream(ask('hi')));
    assert.equal(result.error?.kind, 'network');
    assert.match(result.error!.message, /ECONNREFUSED/);
  });

  it('fails fast with kind badRequest when the base URL is missing', async () => {
    const result = await collect(testClient('', { presetId: 'custom' }).client.stream(ask('hi')));
    assert.equal(result.error?.kind, 'badRequest');
    assert.equal(result.error?.code, 'invalid_base_url');
  });

  it('fails fast with kind auth when a token-requiring preset has no token', async () => {
    const { client } = testClient('http://127.0.0.1:9/glm', { presetId: 'acedata', getToken: async () => undefined });
    const result = await collect(client.stream(ask('hi')));
    assert.equal(result.error?.kind, 'auth');
    assert.equal(result.error?.code, 'no_token');
  });
});
