// Each `framing` mode, checked on the exact bytes and chunked-transfer frames the server wrote.
import * as assert from 'node:assert/strict';
import { startMockServer, type MockServer } from '../../../src/mock/server';
import { AFTER_DONE } from '../../../src/mock/framing';
import { BYTEWISE_ANSWER } from '../../../src/mock/scenarios/bulk';
import { chat, chunksOf, contentOf, parseSse, rawPost, type RawResponse } from './rawHttp';

const QUESTION = 'Show me a Go example of goroutines';

describe('mock framing modes (raw HTTP)', () => {
  let server: MockServer;
  let plainText: string;
  before(async () => {
    server = await startMockServer();
    const plain = await rawPost(server, chat(QUESTION, { stream: true }));
    plainText = contentOf(chunksOf(parseSse(plain.body.toString('utf8'))).chunks);
  });
  after(() => server.close());

  const framed = (mode: string, question = QUESTION): Promise<RawResponse> =>
    rawPost(server, chat(question, { stream: true }), { scenario: `framing mode=${mode}` });

  /** Content rebuilt by a spec-following SSE parser: the framing changed bytes, not meaning. */
  const contentIn = (res: RawResponse): { text: string; done: boolean } => {
    const { chunks, done } = chunksOf(parseSse(res.body.toString('utf8')));
    return { text: contentOf(chunks), done };
  };

  it('plain: one `data: {...}\\n\\n` event per frame, an SSE content type, chunked, [DONE] last', async () => {
    const res = await framed('plain');
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^text\/event-stream/);
    assert.equal(res.headers['transfer-encoding'], 'chunked');
    assert.ok(res.complete);
    for (const f of res.frames) assert.match(f.toString('utf8'), /^data: .+\n\n$/);
    assert.equal(res.frames[res.frames.length - 1].toString(), 'data: [DONE]\n\n');
    assert.match(plainText, /```go\n/);
  });

  it('crlf: every line ends in \\r\\n', async () => {
    const res = await framed('crlf');
    const body = res.body.toString('utf8');
    assert.ok(body.endsWith('data: [DONE]\r\n\r\n'));
    assert.equal(body.replace(/\r\n/g, '').includes('\n'), false, 'no bare \\n');
    assert.deepEqual(contentIn(res), { text: plainText, done: true });
  });

  it('cr: bare \\r line ends, no \\n at all', async () => {
    const res = await framed('cr');
    const body = res.body.toString('utf8');
    assert.equal(body.includes('\n'), false);
    assert.ok(body.endsWith('data: [DONE]\r\r'));
    assert.deepEqual(contentIn(res), { text: plainText, done: true });
  });

  it('cr-split: a frame ends with \\r and the next starts with \\n', async () => {
    const res = await framed('cr-split');
    const pairs = res.frames.slice(1).filter((f, i) => res.frames[i].at(-1) === 0x0d && f[0] === 0x0a);
    assert.ok(pairs.length >= res.frames.length / 3, `only ${pairs.length} split \\r\\n pairs`);
    assert.deepEqual(contentIn(res), { text: plainText, done: true });
  });

  it('split-utf8: frames end inside a multi-byte character', async () => {
    const res = await framed('split-utf8');
    const strict = new TextDecoder('utf-8', { fatal: true });
    const broken = res.frames.filter((f) => {
      try {
        strict.decode(f);
        return false;
      } catch {
        return true;
      }
    });
    assert.ok(broken.length >= 4, `only ${broken.length} frames split a character`);
    const { text, done } = contentIn(res);
    assert.ok(done);
    assert.match(text, /补充说明.*✅ 🚀/);
  });

  it('comments: keep-alive comment lines and comment-only events around the data', async () => {
    const res = await framed('comments');
    const body = res.body.toString('utf8');
    assert.match(body, /^: keep-alive\n\n/m);
    assert.match(body, /^: ping \d+\ndata: /m);
    assert.deepEqual(contentIn(res), { text: plainText, done: true });
  });

  it('fields: id, event and retry fields beside data', async () => {
    const res = await framed('fields');
    const body = res.body.toString('utf8');
    assert.ok(body.startsWith('retry: 3000\nid: 1\nevent: message\ndata: '));
    assert.match(body, /\nid: 5\nevent: message\ndata: /);
    assert.deepEqual(contentIn(res), { text: plainText, done: true });
  });

  it('multiline: one JSON chunk over several data: lines', async () => {
    const res = await framed('multiline');
    const first = res.frames[0].toString('utf8');
    assert.ok(first.split('\n').filter((l) => l.startsWith('data: ')).length > 5);
    assert.throws(() => JSON.parse(first.split('\n')[0].slice(6)), 'a single line is not the whole JSON');
    assert.deepEqual(contentIn(res), { text: plainText, done: true });
  });

  it('no-final-blank: the body ends right after `data: [DONE]`', async () => {
    const res = await framed('no-final-blank');
    const body = res.body.toString('utf8');
    assert.ok(body.endsWith('\n\ndata: [DONE]'));
    assert.deepEqual(contentIn(res), { text: plainText, done: true });
  });

  it('after-done: bytes follow [DONE]', async () => {
    const res = await framed('after-done');
    const body = res.body.toString('utf8');
    assert.ok(body.endsWith(`data: [DONE]\n\n${AFTER_DONE}`));
    assert.deepEqual(contentIn(res), { text: plainText, done: true });
  });

  it('nospace: `data:` without the space', async () => {
    const res = await framed('nospace');
    const lines = res.body.toString('utf8').split('\n').filter(Boolean);
    assert.ok(lines.every((l) => l.startsWith('data:{') || l === 'data:[DONE]'));
    assert.deepEqual(contentIn(res), { text: plainText, done: true });
  });

  it('bytewise: one byte per frame, a short answer with multi-byte characters', async () => {
    const res = await framed('bytewise');
    assert.ok(res.frames.length > 500);
    assert.ok(res.frames.every((f) => f.length === 1));
    assert.deepEqual(contentIn(res), { text: BYTEWISE_ANSWER, done: true });
  });

  it('rejects an unknown mode with 400', async () => {
    const res = await framed('zigzag');
    assert.equal(res.status, 400);
    assert.equal(JSON.parse(res.body.toString()).error.code, 'bad_request');
  });
});
