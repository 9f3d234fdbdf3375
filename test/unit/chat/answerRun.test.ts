// One answer streamed from the mock into a history store on disk and a webview sink: what arrives is saved and
// posted, Stop keeps the partial answer as "stopped", a failure keeps it with its error; reopening the store
// reads the same turn back.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { AnswerRun } from '../../../src/chat/answerRun';
import { TokenEstimator } from '../../../src/chat/contextBudget';
import type { AnswerTurn, Chat } from '../../../src/chat/conversation';
import { HistoryStore } from '../../../src/chat/historyStore';
import type { ToWebview } from '../../../src/shared/protocol';
import { testClient, useMockServer } from '../glm/helpers';

describe('AnswerRun', () => {
  const fixture = useMockServer();
  let dir: string;
  let store: HistoryStore;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'glm-answer-run-'));
    store = await HistoryStore.open(dir);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function answer(question: string, onPost: (msg: ToWebview, run: AnswerRun) => void = () => undefined): Promise<{ posted: ToWebview[]; chat: Chat; turnId: string }> {
    const chat = await store.create({ title: 'test' });
    const prompt = { kind: 'user' as const, id: store.newTurnId(), parentId: null, text: question, chips: [], createdAt: Date.now() };
    await store.addTurn(chat.id, prompt);
    const turnId = store.newTurnId();
    await store.addTurn(chat.id, { kind: 'answer', id: turnId, parentId: prompt.id, text: '', thinking: '', status: 'streaming', requestedModel: 'glm-4.7', createdAt: Date.now() });
    const posted: ToWebview[] = [];
    const { client } = testClient(fixture.mock.url, { maxRetries: 0 });
    const run: AnswerRun = new AnswerRun(
      { store, client, estimator: new TokenEstimator(), post: (m) => { posted.push(m); onPost(m, run); }, describe: (e) => ({ message: String(e) }), logError: () => undefined },
      'req-1', chat, turnId, { model: 'glm-4.7', messages: [{ role: 'user', content: question }] }, 10,
    );
    run.start();
    await run.done;
    return { posted, chat, turnId };
  }

  const streamed = (posted: ToWebview[]): string => posted.flatMap((m) => (m.type === 'stream/delta' && m.kind === 'content' ? [m.text] : [])).join('');
  const reread = async (chatId: string, turnId: string): Promise<AnswerTurn> => {
    await store.close();
    store = await HistoryStore.open(dir);
    return (await store.load(chatId)).turns.get(turnId) as AnswerTurn;
  };

  it('saves and posts the whole answer, its usage and its end', async () => {
    const { posted, chat, turnId } = await answer('[[mock:long-answer bytes=4000]] explain');
    const saved = await reread(chat.id, turnId);
    assert.equal(saved.status, 'done');
    assert.ok(saved.text.length >= 4000);
    assert.equal(streamed(posted), saved.text, 'the deltas posted add up to the saved answer');
    assert.ok(posted.filter((m) => m.type === 'stream/delta').length < 100, 'deltas are batched, not one post per event');
    assert.ok(posted.some((m) => m.type === 'stream/usage'));
    assert.deepEqual(posted.at(-1), { type: 'stream/end', requestId: 'req-1', turnId, finishReason: 'stop', model: 'glm-4.7', stopped: false });
    assert.ok(saved.usage && saved.usage.completion_tokens > 0);
  });

  it('Stop keeps the partial answer as stopped, on disk and in the posts', async () => {
    let stopped = false;
    const { posted, chat, turnId } = await answer('[[mock:pace tps=50]] explain slowly', (m, run) => {
      if (!stopped && m.type === 'stream/delta') {
        stopped = true;
        run.stop();
      }
    });
    const saved = await reread(chat.id, turnId);
    assert.equal(saved.status, 'stopped');
    assert.ok(saved.text.length > 0, 'the part that arrived is kept');
    assert.equal(streamed(posted), saved.text);
    const end = posted.at(-1);
    assert.ok(end?.type === 'stream/end' && end.stopped);
  });

  it('a failure keeps the answer with its error and posts the error', async () => {
    const { posted, chat, turnId } = await answer('[[mock:error code=1308 reset-in=60]] hi');
    const saved = await reread(chat.id, turnId);
    assert.equal(saved.status, 'error');
    assert.match(saved.error?.message ?? '', /1308|usage/i);
    assert.equal(posted.at(-1)?.type, 'stream/error');
  });
});
