// The scheduler under GlmClient, with real HTTP against the mock forced to a Coding Plan's concurrency limit.
import { strict as assert } from 'node:assert';
import { RequestScheduler } from '../../../src/glm/scheduler';
import type { UsageRecord } from '../../../src/glm/schedulerRun';
import { startMockServer, type MockServer } from '../../../src/mock/server';
import { ask, collect, testClient } from './helpers';

describe('GlmClient through the request scheduler (mock with a concurrency limit)', () => {
  let mock: MockServer;
  beforeEach(async () => {
    mock = await startMockServer({ maxConcurrent: 1, tokensPerSecond: 400 });
  });
  afterEach(() => mock.close());

  it('a chat turn, an editor command and a completion at once all finish; no 1302 reaches the caller', async () => {
    const { client } = testClient(mock.url);
    const results = await Promise.all([
      collect(client.stream(ask('chat turn'))),
      client.complete(ask('editor command')).then(() => undefined, (e: Error) => e),
      collect(client.stream(ask('completion', { maxTokens: 20 }), undefined, { priority: 'completion' })),
    ]);
    assert.equal(results[0].error, undefined, results[0].error?.message);
    assert.equal(results[1], undefined);
    assert.equal(results[2].error, undefined, results[2].error?.message);
    assert.ok(!results[0].types().includes('retry'), 'a 1302 requeues without a retry countdown');
    const limit = client.scheduler.state(mock.url.replace(/\/$/, ''));
    assert.equal(limit.effectiveLimit, 1, 'the 1302s taught the scheduler the server limit');
  });

  it('at the configured limit nothing reaches the server over the limit, and waiting requests hear how many are ahead', async () => {
    const { client } = testClient(mock.url, { maxConcurrentRequests: 1 });
    const ahead: number[][] = [[], [], []];
    await Promise.all([0, 1, 2].map((i) => collect(client.stream(ask(`q${i}`), undefined, { onQueued: (n) => ahead[i].push(n) }))));
    assert.equal(mock.requests.filter((r) => r.rejected).length, 0);
    assert.ok(mock.requests.every((r) => r.concurrent === 1));
    assert.deepEqual(ahead, [[], [0], [1, 0]]);
  });

  it('cancelling a queued request means it is never sent', async () => {
    const { client } = testClient(mock.url, { maxConcurrentRequests: 1 });
    const abort = new AbortController();
    const first = collect(client.stream(ask('first')));
    const second = collect(client.stream(ask('second'), abort.signal, { onQueued: () => abort.abort() }));
    const [a, b] = await Promise.all([first, second]);
    assert.equal(a.error, undefined);
    assert.equal(b.error?.kind, 'cancelled');
    assert.equal(mock.requests.length, 1);
  });

  it('a 1308 limits the endpoint until the local reset time: nothing more is sent unless a request overrides it', async () => {
    const scheduler = new RequestScheduler();
    const { client } = testClient(mock.url, { scheduler });
    const capped = await collect(client.stream(ask('[[mock:error code=1308 reset-in=5400]] hi')));
    assert.equal(capped.error?.kind, 'quota');
    const expected = new Date(Date.now() + 5400_000);
    assert.equal(capped.error?.resetAt?.slice(-5), `${String(expected.getHours()).padStart(2, '0')}:${String(expected.getMinutes()).padStart(2, '0')}`);
    const until = scheduler.state(mock.url).limitedUntil ?? 0;
    assert.ok(Math.abs(until - expected.getTime()) < 5_000, `limited until ${new Date(until).toISOString()}`);
    const refused = await collect(client.stream(ask('later')));
    const completion = await client.complete(ask('ghost'), undefined, { priority: 'completion' }).catch((e: { kind: string }) => e.kind);
    assert.equal(refused.error?.kind, 'quota');
    assert.equal(completion, 'quota');
    assert.equal(mock.requests.length, 1, 'nothing was sent after the 1308');
    const forced = await collect(client.stream(ask('anyway'), undefined, { ignoreLimit: true }));
    assert.equal(forced.error, undefined);
    assert.equal(mock.requests.length, 2);
  });

  it('reports token usage with cached and reasoning tokens, never content, and latency of each request', async () => {
    const records: UsageRecord[] = [];
    const { client } = testClient(mock.url, { onUsage: (r) => records.push(r) });
    const messages = [
      { role: 'user' as const, content: 'first question' }, { role: 'assistant' as const, content: 'first answer' },
      { role: 'user' as const, content: '[[mock:reasoning]] second' },
    ];
    await collect(client.stream({ model: 'glm-4.7', messages }, undefined, { priority: 'agent' }));
    await client.complete(ask('hi'));
    assert.equal(records.length, 2);
    assert.equal(records[0].priority, 'agent');
    assert.equal(records[0].model, 'glm-4.7');
    assert.ok((records[0].usage.prompt_tokens_details?.cached_tokens ?? 0) > 0);
    assert.ok((records[0].usage.completion_tokens_details?.reasoning_tokens ?? 0) > 0);
    assert.equal(records[1].priority, 'interactive');
    assert.equal(client.scheduler.latency.summary(mock.url)?.count, 2);
  });
});
