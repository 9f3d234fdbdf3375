import assert from 'node:assert/strict';
import type { ChatView, ToWebview, TurnView } from '../../../src/shared/protocol';
import { initialChatState, reduce, shownTurns, type ChatAction, type ChatState } from '../../../src/webview/chatState';

const usage = { promptTokens: 0, completionTokens: 0, totalTokens: 0, contextTokens: 0 };
const user = (id: string): TurnView => ({ role: 'user', id, text: id, chips: [], createdAt: 1 });
const answer = (id: string, text = id): TurnView => ({ role: 'assistant', id, text, status: 'done', createdAt: 1 });
const chat = (turns: TurnView[], extra: Partial<ChatView> = {}): ChatView => ({ id: 'c1', title: 'T', turns, usage, model: 'glm-4.7', thinking: 'auto', ...extra });
const run = (state: ChatState, ...msgs: ChatAction[]): ChatState => msgs.reduce(reduce, state);
const loaded = (c: ChatView): ChatState => reduce(initialChatState, { type: 'chat/loaded', chat: c });

describe('chat state reducer', () => {
  it('a request streams into a live turn that joins the turns when it ends', () => {
    const s = run(loaded(chat([user('u1'), answer('a1')])),
      { type: 'local/requestStarted', requestId: 'r1' },
      { type: 'stream/start', requestId: 'r1', chatId: 'c1', turnId: 'a2', model: 'glm-4.7', userTurn: user('u2') as never },
      { type: 'stream/delta', requestId: 'r1', turnId: 'a2', kind: 'content', index: 0, text: 'Hel' },
      { type: 'stream/delta', requestId: 'r1', turnId: 'a2', kind: 'reasoning', index: 0, text: 'hmm' },
      { type: 'stream/delta', requestId: 'r1', turnId: 'a2', kind: 'content', index: 0, text: 'lo' });
    assert.deepEqual(s.active, { requestId: 'r1', turnId: 'a2' });
    assert.equal(s.live?.text, 'Hello');
    assert.equal(s.live?.reasoning, 'hmm');
    assert.deepEqual(shownTurns(s).map((t) => t.id), ['u1', 'a1', 'u2', 'a2']);
    const done = reduce(s, { type: 'stream/end', requestId: 'r1', turnId: 'a2', finishReason: 'stop', model: 'glm-4.6', stopped: false });
    assert.equal(done.active, undefined);
    assert.equal(done.live, undefined);
    assert.deepEqual(done.turns.at(-1), { ...s.live, status: 'done', model: 'glm-4.6', finishReason: 'stop' });
  });

  it('messages of another request change nothing', () => {
    const s = run(loaded(chat([])), { type: 'local/requestStarted', requestId: 'r1' },
      { type: 'stream/start', requestId: 'r1', chatId: 'c1', turnId: 'a1', model: 'm' });
    for (const msg of [
      { type: 'stream/delta', requestId: 'old', turnId: 'a1', kind: 'content', index: 0, text: 'x' },
      { type: 'stream/end', requestId: 'old', turnId: 'a1', finishReason: 'stop', model: 'm', stopped: false },
      { type: 'stream/delta', requestId: 'r1', turnId: 'a1', kind: 'content', index: 1, text: 'second choice' },
    ] satisfies ToWebview[]) assert.equal(reduce(s, msg), s);
  });

  it('an error ends the request and keeps the partial answer', () => {
    const s = run(loaded(chat([])), { type: 'local/requestStarted', requestId: 'r1' },
      { type: 'stream/start', requestId: 'r1', chatId: 'c1', turnId: 'a1', model: 'm' },
      { type: 'stream/delta', requestId: 'r1', turnId: 'a1', kind: 'content', index: 0, text: 'part' },
      { type: 'stream/error', requestId: 'r1', turnId: 'a1', error: { kind: 'network', message: 'down', actions: [] } as never });
    assert.equal(s.active, undefined);
    assert.equal(s.turns[0].text, 'part');
    assert.equal((s.turns[0] as { status: string }).status, 'error');
  });

  it('a Stop before the answer started, or a rejected send, frees the composer', () => {
    const started = reduce(loaded(chat([])), { type: 'local/requestStarted', requestId: 'r1' });
    assert.equal(reduce(started, { type: 'local/requestDropped' }).active, undefined);
    assert.equal(reduce(started, { type: 'chat/sendRejected', requestId: 'r1', text: 'x', error: {} as never }).active, undefined);
    assert.equal(reduce(started, { type: 'chat/sendRejected', requestId: 'other', text: 'x', error: {} as never }).active?.requestId, 'r1');
  });

  it('edit and regenerate replace the turns from the edited one', () => {
    const s = run(loaded(chat([user('u1'), answer('a1'), user('u2'), answer('a2')])), { type: 'local/requestStarted', requestId: 'r' },
      { type: 'stream/start', requestId: 'r', chatId: 'c1', turnId: 'a3', model: 'm', replaceFrom: 'u2', userTurn: user('u3') as never });
    assert.deepEqual(shownTurns(s).map((t) => t.id), ['u1', 'a1', 'u3', 'a3']);
  });

  it('a chat reopened mid-answer takes the deltas into its last turn', () => {
    const live: TurnView = { role: 'assistant', id: 'a1', text: 'so far', status: 'streaming', createdAt: 1 };
    const s = run(loaded(chat([user('u1'), live], { activeRequestId: 'r9' })),
      { type: 'stream/delta', requestId: 'r9', turnId: 'a1', kind: 'content', index: 0, text: ' more' });
    assert.equal(s.live?.text, 'so far more');
    assert.deepEqual(s.turns.map((t) => t.id), ['u1']);
  });

  it('older pages go in front only when they end where the loaded turns begin', () => {
    const s = loaded(chat([user('u4'), answer('a4')], { olderCount: 4 }));
    assert.equal(s.olderCount, 4);
    const page = reduce(s, { type: 'chat/page', chatId: 'c1', start: 2, turns: [user('u3'), answer('a3')] });
    assert.deepEqual(page.turns.map((t) => t.id), ['u3', 'a3', 'u4', 'a4']);
    assert.equal(page.olderCount, 2);
    assert.equal(reduce(page, { type: 'chat/page', chatId: 'c1', start: 2, turns: [user('u3'), answer('a3')] }), page, 'a repeated page');
    assert.equal(reduce(page, { type: 'chat/page', chatId: 'other', start: 0, turns: [user('x'), answer('y')] }), page, 'another chat');
  });

  it('usage updates the chat totals and the turn', () => {
    const s = reduce(loaded(chat([user('u1'), answer('a1')])), { type: 'stream/usage', requestId: 'r', turnId: 'a1',
      usage: { promptTokens: 1, completionTokens: 2, totalTokens: 3 }, chatUsage: { ...usage, totalTokens: 3 } });
    assert.equal(s.chat?.usage.totalTokens, 3);
    assert.equal((s.turns[1] as { usage?: { totalTokens: number } }).usage?.totalTokens, 3);
  });

  it('a delta costs the same in a chat of 5,000 turns: the turns array is not copied', () => {
    const turns = Array.from({ length: 5000 }, (_, i) => (i % 2 ? answer(`a${i}`) : user(`u${i}`)));
    const s = run(loaded(chat(turns)), { type: 'local/requestStarted', requestId: 'r' },
      { type: 'stream/start', requestId: 'r', chatId: 'c1', turnId: 'live', model: 'm' });
    const next = reduce(s, { type: 'stream/delta', requestId: 'r', turnId: 'live', kind: 'content', index: 0, text: 'x' });
    assert.equal(next.turns, s.turns);
  });
});
