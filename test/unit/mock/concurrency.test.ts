// The mock's Coding Plan concurrency limit and cap reset times.
import * as assert from 'node:assert/strict';
import { startMockServer, type MockServer } from '../../../src/mock/server';
import { chat, rawPost } from './rawHttp';

describe('mock concurrency limit', () => {
  let server: MockServer;
  afterEach(() => server.close());

  it('answers 1302 to a request above N in progress, records how many were in progress, and admits again later', async () => {
    server = await startMockServer({ maxConcurrent: 1, tokensPerSecond: 200 });
    const [a, b] = await Promise.all([rawPost(server, chat('one', { stream: true })), rawPost(server, chat('two', { stream: true }))]);
    const statuses = [a.status, b.status].sort();
    assert.deepEqual(statuses, [200, 429]);
    const rejected = a.status === 429 ? a : b;
    assert.equal(JSON.parse(rejected.body.toString()).error.code, '1302');
    assert.deepEqual(server.requests.map((r) => r.concurrent).sort(), [1, 2]);
    assert.equal(server.requests.filter((r) => r.rejected === '1302').length, 1);
    const c = await rawPost(server, chat('three', { stream: true }));
    assert.equal(c.status, 200);
  });

  it('takes the limit per request from the scenario (max-concurrent=N)', async () => {
    server = await startMockServer({ tokensPerSecond: 200 });
    const results = await Promise.all([0, 1, 2].map((i) => rawPost(server, chat(`[[mock:default max-concurrent=2]] q${i}`, { stream: true }))));
    assert.deepEqual(results.map((r) => r.status).sort(), [200, 200, 429]);
  });

  it('names a cap reset time reset-in seconds ahead, in UTC+8 like Zhipu', async () => {
    server = await startMockServer();
    const res = await rawPost(server, chat('[[mock:error code=1308 reset-in=600]] hi'));
    const message: string = JSON.parse(res.body.toString()).error.message;
    const at = /reset at (\S+ \S+)/.exec(message)?.[1] ?? '';
    const ms = Date.parse(`${at.replace(' ', 'T')}+08:00`);
    assert.ok(Math.abs(ms - (Date.now() + 600_000)) < 5_000, message);
  });
});
