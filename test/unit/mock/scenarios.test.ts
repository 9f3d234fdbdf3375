// Content scenarios: length, content-filter, hostile, echo, code, long-answer, huge-event, unavailable, flaky, pace.
import * as assert from 'node:assert/strict';
import { startMockServer, type MockServer } from '../../../src/mock/server';
import { chat, chunksOf, contentOf, parseSse, rawPost } from './rawHttp';

describe('mock content scenarios', () => {
  let server: MockServer;
  before(async () => {
    server = await startMockServer();
  });
  after(() => server.close());

  const complete = async (content: string, scenario?: string, extra: Record<string, unknown> = {}) => {
    const res = await rawPost(server, chat(content, extra), scenario ? { scenario } : {});
    return { status: res.status, headers: res.headers, body: JSON.parse(res.body.toString('utf8')) };
  };
  const streamed = async (content: string, scenario?: string, extra: Record<string, unknown> = {}) => {
    const res = await rawPost(server, chat(content, { stream: true, ...extra }), scenario ? { scenario } : {});
    return { res, ...chunksOf(parseSse(res.body.toString('utf8'))) };
  };

  it('takes the directive from the last user message and never echoes it', async () => {
    const { body } = await complete('[[mock:length]] Explain Rust ownership');
    assert.equal(body.choices[0].finish_reason, 'length');
    assert.match(body.choices[0].message.content, /^## Explain Rust ownership/);
    assert.doesNotMatch(body.choices[0].message.content, /mock/);
    assert.equal(server.requests.at(-1)?.scenario, 'length');
  });

  it('cuts at max_tokens with finish_reason length', async () => {
    const { body } = await complete('Explain Rust ownership', undefined, { max_tokens: 20 });
    assert.equal(body.choices[0].finish_reason, 'length');
    assert.ok(body.usage.completion_tokens <= 20);
    const full = await complete('Explain Rust ownership');
    assert.ok(full.body.usage.completion_tokens > 100);
  });

  it('content-filter: a partial answer with the requested finish reason', async () => {
    for (const reason of ['content_filter', 'sensitive']) {
      const { chunks, done } = await streamed('Tell me something', `content-filter reason=${reason} after=3`);
      assert.ok(done);
      assert.equal(chunks.filter((c) => c.choices[0]?.delta?.content).length, 3);
      assert.equal(chunks.find((c) => c.choices[0]?.finish_reason)?.choices[0].finish_reason, reason);
    }
  });

  it('hostile: raw HTML, script, img onerror and javascript: links', async () => {
    const { chunks } = await streamed('anything', 'hostile');
    const text = contentOf(chunks);
    for (const bad of ['<script>', 'onerror=', '](javascript:', 'href="javascript:']) assert.ok(text.includes(bad), bad);
  });

  it('echo: the question without its directive, verbatim, as the answer', async () => {
    const question = 'See [x](command:foo) and `a`\n\n<script>1</script>';
    const { chunks } = await streamed(`[[mock:echo]] ${question}`);
    assert.equal(contentOf(chunks), question);
  });

  describe('code', () => {
    const question = 'Refactor this:\n```python\ndef add(a, b):\n    return a + b\n```';
    it('same: exactly one fenced block holding the question\'s block', async () => {
      const { body } = await complete(question, 'code transform=same');
      assert.equal(body.choices[0].message.content, '```python\ndef add(a, b):\n    return a + b\n```');
    });
    it('upper and comment transform the block', async () => {
      assert.equal((await complete(question, 'code transform=upper')).body.choices[0].message.content,
        '```python\nDEF ADD(A, B):\n    RETURN A + B\n```');
      assert.equal((await complete(question, 'code transform=comment')).body.choices[0].message.content,
        '```python\n# def add(a, b):\n#     return a + b\n```');
    });
  });

  it('long-answer: at least `bytes` of markdown in ordinary small deltas', async () => {
    const { chunks, done } = await streamed('Explain sorting', 'long-answer bytes=51200');
    assert.ok(done);
    const text = contentOf(chunks);
    assert.ok(Buffer.byteLength(text) >= 51200);
    assert.ok(chunks.length > 5000, `${chunks.length} chunks`);
  });

  it('pathological: the asked shape at the asked size, streamed to the end', async () => {
    const quote = await streamed('q', 'pathological kind=quote n=5000');
    assert.ok(quote.done);
    assert.ok(contentOf(quote.chunks).includes(`${'>'.repeat(5000)} quoted`));
    const table = contentOf((await streamed('q', 'pathological kind=table n=300')).chunks);
    assert.equal(table.split('| 1 | two | three |').length - 1, 300);
    const all = contentOf((await streamed('q', 'pathological n=50')).chunks);
    for (const part of ['- - - deep', '<div>', '```js', '`'.repeat(50)]) assert.ok(all.includes(part), part);
  });

  it('huge-event: one event of more than 1 MB', async () => {
    const { res, done, chunks } = await streamed('dump', 'huge-event');
    assert.ok(done);
    const events = parseSse(res.body.toString('utf8'));
    assert.ok(Math.max(...events.map((e) => e.data.length)) > 1048576);
    assert.ok(contentOf(chunks).includes('000001 lorem ipsum'));
  });

  it('huge-event kind=tool: one tool-call delta with huge arguments', async () => {
    const { chunks } = await streamed('dump', 'huge-event kind=tool bytes=200000');
    const calls = chunks.flatMap((c) => c.choices[0]?.delta?.tool_calls ?? []);
    assert.equal(calls.length, 1);
    assert.ok(JSON.parse(calls[0].function.arguments).content.length === 200000);
  });

  it('unavailable: 500 api_error for the listed models only', async () => {
    const down = await rawPost(server, { ...chat('hi'), model: 'glm-5.1' }, { scenario: 'unavailable models=glm-5.1,glm-4.7' });
    assert.equal(down.status, 500);
    const err = JSON.parse(down.body.toString());
    assert.equal(err.error.code, 'api_error');
    assert.equal(err.error.message, 'Service is temporarily unavailable, please retry later.');
    assert.match(err.trace_id, /^[0-9a-f-]{36}$/);
    const up = await rawPost(server, { ...chat('hi'), model: 'glm-4.5-air' }, { scenario: 'unavailable models=glm-5.1,glm-4.7' });
    assert.equal(up.status, 200);
    assert.equal(JSON.parse(up.body.toString()).model, 'glm-4.5-air');
  });

  it('flaky: N failures then a success, counted per key, starting over after the success', async () => {
    const statuses = async (key: string, count: number) => {
      const out: number[] = [];
      for (let i = 0; i < count; i++) out.push((await rawPost(server, chat('hi'), { scenario: `flaky times=2 key=${key}` })).status);
      return out;
    };
    assert.deepEqual(await statuses('a', 3), [500, 500, 200]);
    assert.deepEqual(await statuses('b', 1), [500]);
    assert.deepEqual(await statuses('a', 3), [500, 500, 200]);
  });

  describe('error shapes', () => {
    it('gateway: trace_id and error.code', async () => {
      const { status, body } = await complete('hi', 'error code=api_not_implemented');
      assert.equal(status, 400);
      assert.deepEqual(Object.keys(body), ['trace_id', 'error']);
      assert.equal(body.error.code, 'api_not_implemented');
    });
    it('zhipu: string code in error, top-level request_id; 1308 names the reset time', async () => {
      const { status, body } = await complete('hi', 'error code=1308');
      assert.equal(status, 429);
      assert.equal(body.error.code, '1308');
      assert.equal(typeof body.request_id, 'string');
      assert.match(body.error.message, /reset at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
    });
    it('flat: numeric top-level code', async () => {
      const { status, body } = await complete('hi', 'error code=1261 shape=flat');
      assert.equal(status, 400);
      assert.deepEqual(body, { code: 1261, message: 'Prompt exceeds max length.' });
    });
    it('status and message override, Zhipu codes 1113, 1301, 1312', async () => {
      const { status, body } = await complete('hi', 'error status=503 message="Try later please"');
      assert.equal(status, 503);
      assert.equal(body.error.message, 'Try later please');
      for (const [code, expected] of [['1113', 429], ['1301', 400], ['1312', 429]] as const) {
        assert.equal((await complete('hi', `error code=${code}`)).status, expected, code);
      }
    });
  });

  it('tps paces the deltas (a lower bound only)', async () => {
    const started = Date.now();
    const { done } = await streamed('hi', 'pace tps=20');
    assert.ok(done);
    assert.ok(Date.now() - started >= 250, 'six deltas at 20/s take at least 250 ms');
  });

  it('thinks aloud (reasoning_content) in the default scenario only when thinking is enabled', async () => {
    const on = await complete('Explain Rust ownership', undefined, { thinking: { type: 'enabled' } });
    assert.match(on.body.choices[0].message.reasoning_content, /Rust/);
    assert.ok(on.body.usage.completion_tokens_details.reasoning_tokens > 0);
    const off = await complete('Explain Rust ownership', 'reasoning', { thinking: { type: 'disabled' } });
    assert.equal(off.body.choices[0].message.reasoning_content, undefined);
    assert.equal((await complete('Explain Rust ownership')).body.choices[0].message.reasoning_content, undefined);
  });

  it('answers in Chinese with multi-byte text when asked in Chinese', async () => {
    const { body } = await complete('用 Python 写一个统计单词的函数');
    assert.match(body.choices[0].message.content, /```python\n/);
    assert.match(body.choices[0].message.content, /步骤/);
  });
});
