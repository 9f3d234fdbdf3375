// Responses that break part-way, on the raw bytes: stream-error, network-error, truncate, drop, stall,
// malformed, slow-headers; streamed and not.
import * as assert from 'node:assert/strict';
import { request } from 'node:http';
import { startMockServer, type MockServer } from '../../../src/mock/server';
import { chat, chunksOf, contentOf, eventually, parseSse, rawPost, sleepMs } from './rawHttp';

const deltaCount = (chunks: any[]): number => chunks.filter((c) => c.choices?.[0]?.delta?.content).length;
const finishReasons = (chunks: any[]): string[] => chunks.flatMap((c) => c.choices ?? []).map((c: any) => c.finish_reason).filter(Boolean);

describe('mock faults (raw HTTP)', () => {
  let server: MockServer;
  beforeEach(async () => {
    server = await startMockServer();
  });
  afterEach(() => server.close());

  const stream = (scenario: string, question = 'Explain closures in JavaScript') =>
    rawPost(server, chat(question, { stream: true }), { scenario });

  it('stream-error form=event: `event: error` after N deltas, then the end without [DONE]', async () => {
    const res = await stream('stream-error form=event after=3');
    const events = parseSse(res.body.toString('utf8'));
    const last = events[events.length - 1];
    assert.equal(last.event, 'error');
    assert.equal(JSON.parse(last.data).error.code, 'api_error');
    const { chunks, done } = chunksOf(events.slice(0, -1));
    assert.equal(done, false);
    assert.equal(deltaCount(chunks), 3);
    assert.ok(res.complete, 'the HTTP response itself ends cleanly');
  });

  it('stream-error form=data with a Zhipu code: a data event carrying `error`', async () => {
    const res = await stream('stream-error form=data after=1 code=1234');
    const events = parseSse(res.body.toString('utf8'));
    const last = events[events.length - 1];
    assert.equal(last.event, undefined);
    assert.deepEqual(Object.keys(JSON.parse(last.data)), ['error', 'request_id']);
    assert.equal(JSON.parse(last.data).error.code, '1234');
  });

  it('network-error: finish_reason network_error after N deltas, then usage and [DONE]', async () => {
    const res = await stream('network-error after=4');
    const { chunks, done } = chunksOf(parseSse(res.body.toString('utf8')));
    assert.ok(done);
    assert.equal(deltaCount(chunks), 4);
    assert.deepEqual(finishReasons(chunks), ['network_error']);
    assert.ok(chunks[chunks.length - 1].usage);
  });

  it('truncate: a clean HTTP end with neither finish_reason nor [DONE]', async () => {
    const res = await stream('truncate after=6');
    assert.ok(res.complete);
    const { chunks, done } = chunksOf(parseSse(res.body.toString('utf8')));
    assert.equal(done, false);
    assert.equal(deltaCount(chunks), 6);
    assert.deepEqual(finishReasons(chunks), []);
  });

  it('drop: the socket dies after N deltas (no terminating chunk) and it is not a client close', async () => {
    const res = await stream('drop after=5');
    assert.equal(res.complete, false);
    const { chunks, done } = chunksOf(parseSse(res.body.toString('utf8')));
    assert.equal(done, false);
    assert.equal(deltaCount(chunks), 5);
    await eventually(() => server.requests.length === 1, 'recorded');
    await sleepMs(20);
    assert.equal(server.requests[0].clientClosed, false);
  });

  it('stall with a short pause delivers the whole answer', async () => {
    const res = await stream('stall after=2 ms=50');
    const { chunks, done } = chunksOf(parseSse(res.body.toString('utf8')));
    assert.ok(done);
    assert.deepEqual(finishReasons(chunks), ['stop']);
    assert.match(contentOf(chunks), /```javascript/);
  });

  it('malformed: an event whose data is not JSON, then the stream goes on to [DONE]', async () => {
    const res = await stream('malformed after=2');
    const events = parseSse(res.body.toString('utf8'));
    const bad = events.findIndex((e) => { try { JSON.parse(e.data); return false; } catch { return e.data !== '[DONE]'; } });
    assert.ok(bad > 0);
    const before = events.slice(0, bad).map((e) => JSON.parse(e.data));
    assert.equal(deltaCount(before), 2);
    assert.equal(events[events.length - 1].data, '[DONE]');
  });

  describe('non-streamed', () => {
    const once = (scenario: string) => rawPost(server, chat('Explain closures in JavaScript'), { scenario });

    it('network-error: a completion with finish_reason network_error and partial content', async () => {
      const res = await once('network-error after=3');
      const body = JSON.parse(res.body.toString('utf8'));
      assert.equal(body.choices[0].finish_reason, 'network_error');
      assert.ok(body.choices[0].message.content.length > 0 && body.choices[0].message.content.length < 40);
    });

    it('truncate and malformed: a 200 JSON body that does not parse', async () => {
      for (const scenario of ['truncate', 'malformed']) {
        const res = await once(scenario);
        assert.equal(res.status, 200);
        assert.match(res.headers['content-type'], /application\/json/);
        assert.ok(res.complete);
        assert.throws(() => JSON.parse(res.body.toString('utf8')), scenario);
      }
    });

    it('drop: the connection closes without a response', async () => {
      const res = await once('drop');
      assert.equal(res.status, 0);
    });

    it('stream-error: a 500 api_error', async () => {
      const res = await once('stream-error');
      assert.equal(res.status, 500);
      assert.equal(JSON.parse(res.body.toString()).error.code, 'api_error');
    });
  });

  describe('waiting', () => {
    /** Starts a request and reports what arrived: response headers, body bytes. */
    function open(body: unknown, scenario: string) {
      const url = new URL(server.url);
      const seen = { headers: false, bytes: '' };
      const req = request({ host: url.hostname, port: url.port, path: `${url.pathname}/chat/completions`, method: 'POST',
        headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json', 'x-mock-scenario': scenario } }, (res) => {
        seen.headers = true;
        res.on('data', (d) => (seen.bytes += d.toString('utf8')));
        res.on('error', () => undefined);
      });
      req.on('error', () => undefined);
      req.end(JSON.stringify(body));
      return { seen, req };
    }

    it('stall: after N deltas nothing arrives; a client that gives up is recorded as clientClosed', async () => {
      const { seen, req } = open(chat('Explain closures in JavaScript', { stream: true }), 'stall after=2 ms=60000');
      await eventually(() => deltaCount(chunksOf(parseSse(seen.bytes)).chunks) === 2, 'two deltas');
      const before = seen.bytes;
      await sleepMs(300);
      assert.equal(seen.bytes, before, 'nothing more during the stall');
      assert.equal(server.requests[0].clientClosed, false);
      req.destroy();
      await eventually(() => server.requests[0].clientClosed, 'clientClosed recorded');
    });

    it('slow-headers: no response headers for `ms`', async () => {
      const { seen, req } = open(chat('hi', { stream: true }), 'slow-headers ms=60000');
      await eventually(() => server.requests.length === 1, 'request recorded');
      await sleepMs(300);
      assert.equal(seen.headers, false);
      req.destroy();
      await eventually(() => server.requests[0].clientClosed, 'clientClosed recorded');
    });

    it('slow-headers with a short delay answers normally', async () => {
      const res = await rawPost(server, chat('hi'), { scenario: 'slow-headers ms=30' });
      assert.equal(JSON.parse(res.body.toString()).choices[0].finish_reason, 'stop');
    });
  });
});
