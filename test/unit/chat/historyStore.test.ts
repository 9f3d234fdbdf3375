import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { HistoryStore } from '../../../src/chat/historyStore';
import { isChatId } from '../../../src/chat/historyIndex';
import { activeBranch, newestLeafUnder, siblingsOf, type AnswerTurn, type UserTurn } from '../../../src/chat/conversation';

function userTurn(id: string, parentId: string | null, text: string): UserTurn {
  return { kind: 'user', id, parentId, text, chips: [], createdAt: 1 };
}
function answerTurn(id: string, parentId: string): AnswerTurn {
  return { kind: 'answer', id, parentId, text: '', thinking: '', status: 'streaming', requestedModel: 'glm-4.7', createdAt: 2 };
}

describe('HistoryStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'glm-history-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function chatWithAnswer(store: HistoryStore, answer = 'Hello world') {
    const chat = await store.create({ title: 'First' });
    await store.addTurn(chat.id, userTurn('u1', null, 'Say hello'));
    await store.addTurn(chat.id, answerTurn('a1', 'u1'));
    store.appendDelta(chat, 'a1', { thinking: 'pondering' });
    store.appendDelta(chat, 'a1', { text: answer });
    await store.finishAnswer(chat.id, 'a1', { status: 'done', model: 'glm-4.7', usage: { prompt_tokens: 10, completion_tokens: 3, total_tokens: 13 } });
    return chat;
  }

  it('persists turns, deltas, usage and thinking, and reloads them', async () => {
    const store = await HistoryStore.open(dir);
    const chat = await chatWithAnswer(store);
    await store.close();

    const reopened = await HistoryStore.open(dir);
    assert.deepEqual(reopened.list().map((s) => [s.id, s.title, s.messageCount]), [[chat.id, 'First', 2]]);
    const loaded = await reopened.load(chat.id);
    const [u, a] = activeBranch(loaded);
    assert.equal(u.text, 'Say hello');
    assert.equal(a.kind, 'answer');
    if (a.kind !== 'answer') return;
    assert.equal(a.text, 'Hello world');
    assert.equal(a.thinking, 'pondering');
    assert.equal(a.status, 'done');
    assert.equal(a.usage?.total_tokens, 13);
  });

  it('batches deltas on disk and writes them once enough characters are pending', async () => {
    const store = await HistoryStore.open(dir, { flushBytes: 10, flushMs: 60_000 });
    const chat = await store.create({ title: 't' });
    await store.addTurn(chat.id, userTurn('u1', null, 'q'));
    await store.addTurn(chat.id, answerTurn('a1', 'u1'));
    const file = path.join(dir, 'chats', `${chat.id}.jsonl`);
    store.appendDelta(chat, 'a1', { text: 'xyz' });
    // Creating another chat waits for every queued write without flushing this chat's buffer.
    await store.create({ title: 'other' });
    assert.doesNotMatch(await fs.readFile(file, 'utf8'), /"text":"xyz/);
    assert.equal(chat.turns.get('a1')?.text, 'xyz');
    store.appendDelta(chat, 'a1', { text: 'defghijk' });
    await store.create({ title: 'other 2' });
    assert.match(await fs.readFile(file, 'utf8'), /"e":"delta","id":"a1","text":"xyzdefghijk"/);
    await store.close();
  });

  it('writes a streamed answer on a time budget, not once per kilobyte, and all of it when the answer ends', async () => {
    const store = await HistoryStore.open(dir);
    const chat = await store.create({ title: 't' });
    await store.addTurn(chat.id, userTurn('u1', null, 'q'));
    await store.addTurn(chat.id, answerTurn('a1', 'u1'));
    const file = path.join(dir, 'chats', `${chat.id}.jsonl`);
    const piece = 'word '.repeat(4);
    for (let i = 0; i < 1000; i++) store.appendDelta(chat, 'a1', { text: piece });
    await store.create({ title: 'other' }); // waits for every queued write
    const before = await fs.readFile(file, 'utf8');
    assert.doesNotMatch(before, /"e":"delta"/, '20 KB of deltas within the budget must not reach the disk piece by piece');
    await store.finishAnswer(chat.id, 'a1', { status: 'stopped' });
    const lines = (await fs.readFile(file, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as { e: string; text?: string });
    const deltas = lines.filter((l) => l.e === 'delta');
    assert.equal(deltas.length, 1);
    assert.equal(deltas[0].text, piece.repeat(1000));
    assert.equal(lines.at(-1)?.e, 'end');
    await store.close();
  });

  it('flush() writes pending deltas of a streaming answer (what deactivate waits for)', async () => {
    const store = await HistoryStore.open(dir);
    const chat = await store.create({ title: 't' });
    await store.addTurn(chat.id, userTurn('u1', null, 'q'));
    await store.addTurn(chat.id, answerTurn('a1', 'u1'));
    store.appendDelta(chat, 'a1', { text: 'kept after a closed window' });
    await store.flush();
    const reopened = await HistoryStore.open(dir);
    const answer = (await reopened.load(chat.id)).turns.get('a1');
    assert.equal(answer?.text, 'kept after a closed window');
    await reopened.close();
    await store.close();
  });

  it('survives a torn last line after a crash, keeping the partial answer', async () => {
    const store = await HistoryStore.open(dir);
    const chat = await store.create({ title: 'crash' });
    await store.addTurn(chat.id, userTurn('u1', null, 'Tell me'));
    await store.addTurn(chat.id, answerTurn('a1', 'u1'));
    store.appendDelta(chat, 'a1', { text: 'partial answer ' });
    await store.flush();
    const file = path.join(dir, 'chats', `${chat.id}.jsonl`);
    // Simulate the process dying mid-write: half a line, cut inside a multi-byte character.
    const torn = Buffer.from('{"e":"delta","id":"a1","text":"lost 字', 'utf8');
    await fs.appendFile(file, torn.subarray(0, torn.length - 1));

    const reopened = await HistoryStore.open(dir);
    const loaded = await reopened.load(chat.id);
    const answer = loaded.turns.get('a1');
    assert.equal(answer?.text, 'partial answer ');
    assert.equal(answer?.kind === 'answer' && answer.status, 'interrupted');
    // The fragment is cut off, so later appends produce clean lines.
    await reopened.finishAnswer(chat.id, 'a1', { status: 'stopped' });
    await reopened.close();
    const lines = (await fs.readFile(file, 'utf8')).trimEnd().split('\n');
    for (const line of lines) JSON.parse(line);
    const again = await (await HistoryStore.open(dir)).load(chat.id);
    assert.equal(again.turns.get('a1')?.kind === 'answer' && (again.turns.get('a1') as AnswerTurn).status, 'stopped');
  });

  it('skips a damaged line in the middle instead of failing', async () => {
    const store = await HistoryStore.open(dir);
    const chat = await chatWithAnswer(store);
    await store.close();
    const file = path.join(dir, 'chats', `${chat.id}.jsonl`);
    const lines = (await fs.readFile(file, 'utf8')).split('\n');
    lines.splice(2, 0, '{not json');
    await fs.writeFile(file, lines.join('\n'));
    const loaded = await (await HistoryStore.open(dir)).load(chat.id);
    assert.equal(loaded.turns.get('a1')?.text, 'Hello world');
  });

  it('keeps the old branch when a user message is edited, and can switch back to it', async () => {
    const store = await HistoryStore.open(dir);
    const chat = await chatWithAnswer(store);
    await store.addTurn(chat.id, userTurn('u2', 'a1', 'Second question'));
    await store.addTurn(chat.id, answerTurn('a2', 'u2'));
    await store.finishAnswer(chat.id, 'a2', { status: 'done' });
    // Edit u1: the new user turn is a sibling of u1.
    await store.addTurn(chat.id, userTurn('u1b', null, 'Say hello politely'));
    await store.addTurn(chat.id, answerTurn('a1b', 'u1b'));
    await store.finishAnswer(chat.id, 'a1b', { status: 'done' });
    assert.deepEqual(activeBranch(chat).map((t) => t.id), ['u1b', 'a1b']);
    assert.deepEqual(siblingsOf(chat, 'u1b'), ['u1', 'u1b']);
    await store.close();

    const reopened = await HistoryStore.open(dir);
    const loaded = await reopened.load(chat.id);
    assert.deepEqual(activeBranch(loaded).map((t) => t.id), ['u1b', 'a1b']);
    await reopened.setActiveLeaf(chat.id, newestLeafUnder(loaded, 'u1'));
    await reopened.close();
    const third = await (await HistoryStore.open(dir)).load(chat.id);
    assert.deepEqual(activeBranch(third).map((t) => t.id), ['u1', 'a1', 'u2', 'a2']);
  });

  it('deletes into the trash, restores on undo, and purges for good', async () => {
    let now = 1_000;
    const store = await HistoryStore.open(dir, { now: () => now });
    const chat = await chatWithAnswer(store);
    await store.delete(chat.id);
    assert.equal(store.list().length, 0);
    await assert.rejects(store.load(chat.id));
    await store.restore(chat.id);
    assert.equal((await store.load(chat.id)).turns.get('a1')?.text, 'Hello world');

    await store.delete(chat.id);
    await store.close();
    const reopened = await HistoryStore.open(dir, { now: () => now });
    assert.equal(reopened.list().length, 0);
    assert.equal(reopened.listDeleted().length, 1);
    now += 10_000;
    assert.equal(await reopened.purgeDeleted(60_000), 0);
    assert.equal(await reopened.purgeDeleted(5_000), 1);
    assert.deepEqual(await fs.readdir(path.join(dir, 'trash')), []);
    await reopened.close();
    assert.equal((await HistoryStore.open(dir)).listDeleted().length, 0);
  });

  it('writes the index atomically and rebuilds it from the logs when it is lost or stale', async () => {
    const store = await HistoryStore.open(dir);
    const a = await chatWithAnswer(store);
    const b = await store.create({ title: 'Second chat' });
    await store.close();
    const names = await fs.readdir(dir);
    assert.deepEqual(names.filter((n) => n.endsWith('.tmp')), []);
    const index = JSON.parse(await fs.readFile(path.join(dir, 'index.json'), 'utf8'));
    assert.equal(index.chats.length, 2);

    // A crash during an index write leaves at most a stray temp file and the old index: here, a damaged one.
    await fs.writeFile(path.join(dir, '.index.json.abc.tmp'), '{"half');
    await fs.writeFile(path.join(dir, 'index.json'), '{"v":1,"chats":[{"id":"' + a.id + '"');
    const reopened = await HistoryStore.open(dir);
    assert.deepEqual(reopened.list().map((s) => s.title).sort(), ['First', 'Second chat']);
    assert.ok(!(await fs.readdir(dir)).some((n) => n.endsWith('.tmp')));
    assert.ok(reopened.has(b.id));
  });

  it('catches up an index that a crash left behind the logs', async () => {
    const store = await HistoryStore.open(dir);
    const chat = await chatWithAnswer(store);
    await store.close();
    const staleIndex = await fs.readFile(path.join(dir, 'index.json'));
    const again = await HistoryStore.open(dir);
    await again.rename(chat.id, 'Renamed just before the crash');
    await again.addTurn(chat.id, userTurn('u2', 'a1', 'more'));
    await again.close();
    // The process died before the delayed index write: the logs have the events, the index does not.
    await fs.writeFile(path.join(dir, 'index.json'), staleIndex);
    const reopened = await HistoryStore.open(dir);
    assert.deepEqual(reopened.list().map((s) => [s.title, s.messageCount]), [['Renamed just before the crash', 3]]);
  });

  it('refuses ids that could escape the storage folder', async () => {
    const store = await HistoryStore.open(dir);
    assert.equal(isChatId('../../etc/passwd'), false);
    await assert.rejects(store.load('../index'));
    await assert.rejects(store.create({ id: '../x', title: 'x' }));
  });
});
