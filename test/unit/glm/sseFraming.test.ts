// Byte-level SSE framing over real HTTP: a scripted server writes exact chunks, the client must assemble the
// same answer whatever the line ends, splits and extra fields are.

import assert from 'node:assert/strict';
import { ask, collect, finishOf, testClient } from './helpers';
import { chunk, chunkEvent, DONE, helloStream, JSON_HEADERS, startRawServer, USAGE_EVENT, type RawServer, type Script } from './rawServer';

let server: RawServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function run(script: Script) {
  server = await startRawServer(script);
  return collect(testClient(server.url, { maxRetries: 0 }).client.stream(ask('hi')));
}

function assertHello(result: Awaited<ReturnType<typeof run>>) {
  assert.equal(result.error, undefined, result.error?.message);
  assert.equal(result.text(), 'Hello, world');
  assert.equal(finishOf(result.events)?.finishReason, 'stop');
  assert.ok(result.events.some((e) => e.type === 'usage'), 'usage event');
}

const bytes = (s: string) => Buffer.from(s, 'utf8');

describe('glm SSE framing over HTTP', () => {
  it('reads plain \\n framing, one event per write', async () => {
    assertHello(await run({ chunks: helloStream() }));
  });

  it('reads \\r\\n line ends', async () => {
    assertHello(await run({ chunks: helloStream().map((e) => e.replace(/\n/g, '\r\n')) }));
  });

  it('reads bare \\r line ends', async () => {
    assertHello(await run({ chunks: helloStream().map((e) => e.replace(/\n/g, '\r')) }));
  });

  it('joins \\r at the end of one chunk with \\n at the start of the next', async () => {
    const text = helloStream().join('').replace(/\n/g, '\r\n');
    assertHello(await run({ chunks: text.split(/(?<=\r)/) }));
  });

  it('decodes multi-byte UTF-8 split across chunks', async () => {
    const answer = '你好, 🙂 wörld ✓';
    const all = bytes(chunkEvent({ content: answer }) + chunkEvent({}, { finish: 'stop' }) + DONE);
    // Every byte its own write: every character with more than one byte is split.
    const pieces = [...all.subarray(0, 200)].map((b) => Uint8Array.of(b));
    const result = await run({ chunks: [...pieces, all.subarray(200)], gapMs: 1 });
    assert.equal(result.error, undefined, result.error?.message);
    assert.equal(result.text(), answer);
    assert.ok(!result.text().includes('\uFFFD'));
  });

  it('survives a stream written one byte at a time', async () => {
    const all = bytes(helloStream().join(''));
    const result = await run({ chunks: [...all].map((b) => Uint8Array.of(b)), gapMs: 0 });
    assertHello(result);
  });

  it('ignores comments and keeps event/id/retry fields from confusing data', async () => {
    const [first, ...rest] = helloStream();
    const chunks = [': keep-alive\n\n', `id: 1\nretry: 3000\n${first}`, ':ping\n', ...rest.map((e) => `id: 2\n${e}`)];
    assertHello(await run({ chunks }));
  });

  it('takes data: with and without the space', async () => {
    assertHello(await run({ chunks: helloStream().map((e) => e.replace(/^data: /, 'data:')) }));
  });

  it('joins several data: lines of one event with \\n', async () => {
    const multiline = (c: object) => JSON.stringify(c, null, 2).split('\n').map((l) => `data: ${l}\n`).join('') + '\n';
    const chunks = [multiline(chunk({ content: 'Hello' })), multiline(chunk({ content: ', world' })), multiline(chunk({}, { finish: 'stop' })), USAGE_EVENT, DONE];
    assertHello(await run({ chunks }));
  });

  it('delivers a last event that has no blank line after it', async () => {
    const result = await run({ chunks: [chunkEvent({ content: 'Hello, world' }), chunkEvent({}, { finish: 'stop' }).trimEnd()] });
    assert.equal(result.error, undefined, result.error?.message);
    assert.equal(result.text(), 'Hello, world');
    assert.equal(finishOf(result.events)?.finishReason, 'stop');
  });

  it('delivers a last event that ends in a lone \\r at the very end of the body', async () => {
    const result = await run({ chunks: [chunkEvent({ content: 'Hello, world' }), chunkEvent({}, { finish: 'stop' }).replace(/\n\n$/, '\r'), '\r'] });
    assert.equal(result.error, undefined, result.error?.message);
    assert.equal(finishOf(result.events)?.finishReason, 'stop');
  });

  it('stops at [DONE], ignores the bytes after it and closes the connection', async () => {
    const result = await run({ chunks: [...helloStream(), 'data: {"broken', '\n\ndata: {"choices":[{"index":0,"delta":{"content":"LEAK"}}]}\n\n'], then: 'hold' });
    assertHello(result);
    assert.ok(!result.text().includes('LEAK'));
    assert.equal(await server!.requests[0].closedEarly, true, 'connection closed by the client');
  });

  it('reads a 1 MB event (long tool arguments) written in many pieces', async () => {
    const big = 'x'.repeat(1024 * 1024);
    const text = chunkEvent({ content: big }) + chunkEvent({}, { finish: 'stop' }) + DONE;
    const pieces: string[] = [];
    for (let i = 0; i < text.length; i += 64 * 1024) pieces.push(text.slice(i, i + 64 * 1024));
    const result = await run({ chunks: pieces, gapMs: 1 });
    assert.equal(result.error, undefined, result.error?.message);
    assert.equal(result.text().length, big.length);
  });

  it('turns a JSON answer to a streamed request into the same events', async () => {
    const completion = {
      id: 'c1', object: 'chat.completion', created: 1, model: 'glm-4.6',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello, world' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 },
    };
    const result = await run({ headers: JSON_HEADERS, chunks: [JSON.stringify(completion)] });
    assertHello(result);
    assert.equal(finishOf(result.events)?.model, 'glm-4.6');
  });

  it('rejects a 200 body that is not an event stream (an HTML page) before parsing it', async () => {
    const result = await run({ headers: { 'content-type': 'text/html' }, chunks: ['<html>login</html>'] });
    assert.equal(result.error?.kind, 'badRequest');
    assert.match(result.error!.message, /text\/html/);
    assert.equal(server!.requests.length, 1, 'not retried');
  });
});
