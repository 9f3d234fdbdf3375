import assert from 'node:assert/strict';
import { TokenEstimator } from '../../../../src/chat/contextBudget';
import { CompletionEngine, type CompletionInput, type EngineEvent } from '../../../../src/editor/completions/completionEngine';
import { DebouncePolicy } from '../../../../src/editor/completions/debouncePolicy';
import { GlmClient } from '../../../../src/glm/glmClient';
import { startMockServer, type MockServer } from '../../../../src/mock/server';
import { sleep } from '../../../../src/mock/streamWriter';

/** The engine against the mock over real HTTP, steered by the `x-mock-scenario` header. */
function engineFor(server: MockServer, scenario: string, events: EngineEvent[] = []): CompletionEngine {
  const client = new GlmClient({
    baseUrl: server.url, presetId: 'local', getToken: () => server.token, maxRetries: 0,
    extraHeaders: { 'x-mock-scenario': scenario },
  });
  return new CompletionEngine({
    estimator: new TokenEstimator(),
    async *stream(request, signal) {
      for await (const ev of client.stream(request, signal)) if (ev.type === 'content') yield ev.text;
    },
    now: () => Date.now(),
    sleep,
    onEvent: (e) => events.push(e),
    debounce: new DebouncePolicy({ minMs: 0, maxMs: 0, initialMs: 0 }),
  });
}

function input(prefix: string, suffix = '\n'): CompletionInput {
  return {
    uri: 'file:///w/app.ts', offset: prefix.length, model: 'glm-4.5-air', indent: { useTabs: false, size: 2 },
    doc: { path: 'app.ts', languageId: 'typescript', prefix, suffix },
    otherDocuments: () => [],
  };
}

const never = new AbortController().signal;

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await sleep(10);
  assert.ok(check(), what);
}

describe('completion engine against the mock', () => {
  let server: MockServer;
  beforeEach(async () => {
    server = await startMockServer({ port: 0 });
  });
  afterEach(() => server.close());

  it('returns the cleaned ghost text; the request has thinking disabled, few tokens and the cursor marked', async () => {
    const engine = engineFor(server, 'completion variant=prose text="items.length;"');
    const result = await engine.complete(input('const total = '), never);
    assert.deepEqual(result, { text: 'items.length;', source: 'model' });
    const body = server.requests[0].body;
    assert.deepEqual(body.thinking, { type: 'disabled' });
    assert.equal(body.model, 'glm-4.5-air');
    assert.ok(body.max_tokens <= 64);
    assert.equal(body.stream, true);
    assert.ok(body.messages.at(-1).content.includes('const total = <|CURSOR|>'));
  });

  it('a new keystroke aborts the request in flight and the connection closes', async () => {
    const events: EngineEvent[] = [];
    const engine = engineFor(server, 'completion latency=3000 text="x"', events);
    const first = new AbortController();
    const pending = engine.complete(input('const a = '), first.signal);
    await until(() => server.requests.length === 1, 'the first request reached the mock');
    first.abort();
    const second = engine.complete(input('const a = 1'), never);
    assert.equal(await pending, undefined);
    await until(() => server.requests[0].clientClosed, 'the mock saw the connection close');
    assert.ok(events.some((e) => e.type === 'aborted'));
    void second;
  });

  it('reads a line completion only to its end, then closes the connection', async () => {
    const engine = engineFor(server, 'completion tps=20 text="first();\\nsecond();\\nthird();\\nfourth();\\nfifth();"');
    const result = await engine.complete(input('call'), never);
    assert.equal(result?.text, 'first();');
    await until(() => server.requests[0].clientClosed, 'closed before the answer was complete');
  });

  it('the cache answers a repeat and typing through without a request', async () => {
    const events: EngineEvent[] = [];
    const engine = engineFor(server, 'completion text="items.length;"', events);
    await engine.complete(input('const total = '), never);
    assert.deepEqual(await engine.complete(input('const total = '), never), { text: 'items.length;', source: 'cache' });
    assert.deepEqual(await engine.complete(input('const total = item'), never), { text: 's.length;', source: 'typing' });
    assert.equal(server.requests.length, 1);
    assert.deepEqual(events.map((e) => e.type), ['request', 'answer', 'hit', 'hit']);
  });

  it('an error gives no suggestion and an event, never a throw', async () => {
    const events: EngineEvent[] = [];
    const engine = engineFor(server, 'error status=401 code=invalid_token', events);
    assert.equal(await engine.complete(input('x = '), never), undefined);
    const error = events.find((e) => e.type === 'error');
    assert.ok(error && error.type === 'error');
  });

  it('an answer that only repeats what follows the cursor shows nothing and is cached as nothing', async () => {
    const engine = engineFor(server, 'completion text=");"');
    assert.equal(await engine.complete(input('foo(', ');\n'), never), undefined);
    assert.equal(await engine.complete(input('foo(', ');\n'), never), undefined);
    assert.equal(server.requests.length, 1);
  });
});
