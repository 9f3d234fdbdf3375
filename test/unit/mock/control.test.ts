// Auth, validation, routing, recording and the /__mock endpoints used by tests in other processes.
import * as assert from 'node:assert/strict';
import { SCENARIO_NAMES } from '../../../src/mock/catalog';
import { startMockServer, type MockServer } from '../../../src/mock/server';
import { chat, eventually, rawPost } from './rawHttp';

describe('mock server control', () => {
  let server: MockServer;
  beforeEach(async () => {
    server = await startMockServer({ token: 'secret-1' });
  });
  afterEach(() => server.close());

  const base = (): string => new URL(server.url).origin;
  const errorOf = async (res: { status: number; body: Buffer }) => ({ status: res.status, ...JSON.parse(res.body.toString()) });

  it('serves under /glm by default and under any prefix', async () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/glm$/);
    const res = await rawPost(server, chat('hi'), { path: '/api/paas/v4/chat/completions' });
    assert.equal(res.status, 200);
  });

  it('401 invalid_token for a missing or wrong token, which is not recorded', async () => {
    for (const token of ['', 'mock-token']) {
      const err = await errorOf(await rawPost(server, chat('hi'), { token }));
      assert.equal(err.status, 401);
      assert.equal(err.error.code, 'invalid_token');
      assert.ok(err.trace_id);
    }
    assert.deepEqual(server.requests.map((r) => r.headers.authorization), ['[redacted]', '[redacted]']);
    assert.ok(!JSON.stringify(server.requests).includes('mock-token'));
  });

  it('400 token_mismatched for bodies a gateway rejects', async () => {
    const bad: unknown[] = [
      { messages: [{ role: 'user', content: 'hi' }] },
      { model: 'glm-4.7' },
      { model: 'glm-4.7', messages: [] },
      { model: 'glm-4.7', messages: [{ role: 'bot', content: 'hi' }] },
      { model: 'glm-4.7', messages: [{ role: 'user' }] },
      { model: 'glm-4.7', messages: [{ role: 'tool', content: 'x' }] },
      { model: 'glm-4.7', messages: [{ role: 'assistant', content: null }] },
      { ...chat('hi'), n: 0 },
      { ...chat('hi'), temperature: 3 },
      { ...chat('hi'), stream: 'yes' },
      { ...chat('hi'), tools: [{ type: 'function' }] },
    ];
    for (const body of bad) {
      const err = await errorOf(await rawPost(server, body));
      assert.equal(err.status, 400, JSON.stringify(body));
      assert.equal(err.error.code, 'token_mismatched', JSON.stringify(body));
    }
    const notJson = await errorOf(await rawPost(server, '{"model": '));
    assert.equal(notJson.error.code, 'bad_request');
  });

  it('accepts tool turns, content parts and Zhipu parameters', async () => {
    const body = {
      model: 'glm-4.7',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'w', arguments: '{}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
      ],
      thinking: { type: 'disabled' },
      tool_stream: true,
    };
    assert.equal((await rawPost(server, body)).status, 200);
  });

  it('strict=1 rejects parameters the seed does not document with 400 api_not_implemented', async () => {
    const err = await errorOf(await rawPost(server, { ...chat('hi'), thinking: { type: 'enabled' } }, { scenario: 'default strict=1' }));
    assert.equal(err.status, 400);
    assert.equal(err.error.code, 'api_not_implemented');
    assert.match(err.error.message, /thinking/);
  });

  it('rejects an unknown scenario and an unknown path', async () => {
    const unknown = await errorOf(await rawPost(server, chat('hi'), { scenario: 'nope' }));
    assert.equal(unknown.status, 400);
    assert.match(unknown.error.message, /Unknown mock scenario "nope"/);
    const missing = await errorOf(await rawPost(server, chat('hi'), { path: '/glm/completions' }));
    assert.equal(missing.status, 404);
  });

  it('accepts every scenario of the catalog and records its name', async () => {
    for (const name of SCENARIO_NAMES) {
      const res = await rawPost(server, chat('Explain closures'), { scenario: `${name} ms=1 after=1` });
      assert.ok(res.status !== 400, `${name}: ${res.body}`);
      assert.equal(server.requests.at(-1)?.scenario, name);
    }
    assert.equal(new Set(SCENARIO_NAMES).size, SCENARIO_NAMES.length, 'scenario names are unique');
  });

  it('records method, path, headers, body and scenario; the directive beats the header', async () => {
    await rawPost(server, chat('[[mock:reasoning]] hi'), { scenario: 'hostile' });
    await rawPost(server, chat('hi'), { scenario: 'hostile' });
    const [first, second] = server.requests;
    assert.equal(first.method, 'POST');
    assert.equal(first.path, '/glm/chat/completions');
    assert.equal(first.headers.authorization, 'Bearer secret-1');
    assert.equal(first.body.messages[0].content, '[[mock:reasoning]] hi');
    assert.equal(first.scenario, 'reasoning');
    assert.equal(second.scenario, 'hostile');
    assert.equal(first.clientClosed, false);
  });

  it('records clientClosed when the client hangs up mid-stream', async () => {
    const res = await rawPost(server, chat('Explain closures', { stream: true }), {
      scenario: 'pace tps=50',
      until: (got) => got.includes('"content": "'),
    });
    assert.equal(res.complete, false);
    await eventually(() => server.requests[0]?.clientClosed === true, 'clientClosed');
  });

  it('GET /healthz, GET /__mock/requests and POST /__mock/reset', async () => {
    assert.deepEqual(await (await fetch(`${base()}/healthz`)).json(), { status: 'ok' });
    await rawPost(server, chat('hi'), { scenario: 'flaky times=1 key=k' });
    const listed = (await (await fetch(`${base()}/__mock/requests`)).json()) as Array<{ scenario: string; body: unknown }>;
    assert.equal(listed.length, 1);
    assert.equal(listed[0].scenario, 'flaky');
    assert.deepEqual(listed[0].body, chat('hi'));
    assert.equal((await fetch(`${base()}/__mock/reset`, { method: 'POST' })).status, 200);
    assert.equal(server.requests.length, 0);
    // the flaky count started over: the next request fails again
    assert.equal((await rawPost(server, chat('hi'), { scenario: 'flaky times=1 key=k' })).status, 500);
  });

  it('POST /__mock/scenario sets a sticky scenario for requests that name none', async () => {
    await fetch(`${base()}/__mock/scenario`, { method: 'POST', body: JSON.stringify({ scenario: 'error code=1113' }) });
    assert.equal((await rawPost(server, chat('hi'))).status, 429);
    assert.equal((await rawPost(server, chat('hi'), { scenario: 'default' })).status, 200);
    await fetch(`${base()}/__mock/scenario`, { method: 'POST', body: '' });
    assert.equal((await rawPost(server, chat('hi'))).status, 200);
  });

  it('close() ends in-flight streams', async () => {
    const pending = rawPost(server, chat('hi', { stream: true }), { scenario: 'stall after=1 ms=60000' });
    await eventually(() => server.requests.length === 1, 'request arrived');
    await server.close();
    const res = await pending;
    assert.equal(res.complete, false);
  });
});
