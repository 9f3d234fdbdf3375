import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HistoryStore } from '../../../src/chat/historyStore';
import { HistorySearch, SearchIndex } from '../../../src/chat/search';
import { emptyChat, applyEvent, type Chat } from '../../../src/chat/conversation';

function chatOf(id: string, title: string, messages: string[], at = 1): Chat {
  const chat = emptyChat(id, title, at);
  let parent: string | null = null;
  messages.forEach((text, i) => {
    const turnId = `${id}-${i}`;
    const turn = i % 2 === 0
      ? { kind: 'user' as const, id: turnId, parentId: parent, text, chips: [], createdAt: at + i }
      : { kind: 'answer' as const, id: turnId, parentId: parent!, text, thinking: '', status: 'done' as const, requestedModel: 'm', createdAt: at + i };
    applyEvent(chat, { e: 'turn', turn, at: at + i });
    parent = turnId;
  });
  return chat;
}

describe('search', () => {
  it('finds a word inside an old answer, not only titles, with a snippet and match ranges', () => {
    const index = new SearchIndex();
    const filler = 'lorem ipsum '.repeat(20);
    index.setChat(chatOf('c1', 'Sorting', ['How do I sort?', `${filler}Use a Quicksort with a median pivot. ${filler}`], 1));
    index.setChat(chatOf('c2', 'Other', ['Hello', 'Hi there'], 100));
    const hits = index.search('quicksort');
    assert.equal(hits.length, 1);
    const [hit] = hits;
    assert.deepEqual([hit.chatId, hit.turnId, hit.role, hit.chatTitle], ['c1', 'c1-1', 'answer', 'Sorting']);
    assert.ok(hit.snippet.startsWith('…') && hit.snippet.endsWith('…'), hit.snippet);
    assert.equal(hit.snippet.slice(hit.ranges[0][0], hit.ranges[0][1]), 'Quicksort');
  });

  it('requires every term, ignores case, matches CJK and code substrings, newest first', () => {
    const index = new SearchIndex();
    index.setChat(chatOf('a', 'A', ['问题：如何使用 Promise.all？', 'Call `Promise.all([p1, p2])` 并发执行'], 1));
    index.setChat(chatOf('b', 'B', ['promise chains', 'then() returns a new promise'], 50));
    assert.deepEqual(index.search('并发').map((h) => h.turnId), ['a-1']);
    assert.deepEqual(index.search('PROMISE.ALL([').map((h) => h.turnId), ['a-1']);
    assert.deepEqual(index.search('promise').map((h) => h.chatId), ['b', 'b', 'a', 'a']);
    assert.deepEqual(index.search('promise chains').map((h) => h.turnId), ['b-0']);
    assert.deepEqual(index.search('   '), []);
  });

  it('follows the store: new answers, deleted and restored chats', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'glm-search-'));
    try {
      const store = await HistoryStore.open(dir);
      const chat = await store.create({ title: 'x' });
      await store.addTurn(chat.id, { kind: 'user', id: 'u', parentId: null, text: 'q', chips: [], createdAt: 1 });
      const search = new HistorySearch(store);
      assert.equal((await search.search('zebra')).length, 0);
      await store.addTurn(chat.id, { kind: 'answer', id: 'a', parentId: 'u', text: '', thinking: '', status: 'streaming', requestedModel: 'm', createdAt: 2 });
      store.appendDelta(chat, 'a', { text: 'a zebra crossing' });
      await store.finishAnswer(chat.id, 'a', { status: 'done' });
      assert.equal((await search.search('zebra')).length, 1);
      await store.delete(chat.id);
      assert.equal((await search.search('zebra')).length, 0);
      await store.restore(chat.id);
      assert.equal((await search.search('zebra')).length, 1);
      await store.close();
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
