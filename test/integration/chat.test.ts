// The sidebar chat in a real extension host against the mock: messages go through the same validation and
// controller as the webview's (via the hidden test hook), answers stream from the mock over HTTP.
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { ChatTestOp, ChatTestState } from '../../src/host/chat/chatTestHook';
import type { FromWebview } from '../../src/shared/protocol';
import { activateExtension, mock, resetState } from './helpers';

const hook = <T>(op: ChatTestOp) => vscode.commands.executeCommand<T>('glm.chat.debug', op) as Promise<T>;
const state = () => hook<ChatTestState>({ op: 'state' });
const waitIdle = () => hook<boolean>({ op: 'waitIdle' });

async function post(message: FromWebview): Promise<void> {
  assert.equal(await hook<boolean>({ op: 'post', message }), true, `${message.type} was rejected`);
}

async function send(text: string): Promise<string> {
  const requestId = randomUUID();
  const { activeChatId } = await state();
  await post({ type: 'chat/send', requestId, chatId: activeChatId, text, chipIds: [], model: 'glm-4.7', thinking: 'auto' });
  return requestId;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const lastAnswer = (s: ChatTestState) => [...s.turns].reverse().find((t) => t.kind === 'answer');

suite('chat', () => {
  suiteSetup(async () => {
    await activateExtension();
  });
  setup(async () => {
    await resetState();
    await post({ type: 'chat/new' });
  });
  suiteTeardown(resetState);

  test('sends a prompt and streams the answer as deltas, saved with the model that answered', async () => {
    const requestId = await send('Explain closures in JavaScript');
    await waitIdle();
    const s = await state();
    assert.deepEqual(s.turns.map((t) => t.kind), ['user', 'answer']);
    const answer = lastAnswer(s)!;
    assert.equal(answer.status, 'done');
    assert.ok(answer.text.length > 20, answer.text);
    assert.equal(answer.model, 'glm-4.7');
    assert.ok(s.storedChatIds.includes(s.activeChatId));
    const mine = s.posted.filter((m) => 'requestId' in m && m.requestId === requestId).map((m) => m.type);
    assert.equal(mine[0], 'stream/start');
    assert.equal(mine.at(-1), 'stream/end');
    assert.ok(mine.filter((t) => t === 'stream/delta').length >= 1);
    const deltas = s.posted.flatMap((m) => (m.type === 'stream/delta' && m.requestId === requestId && m.kind === 'content' ? [m.text] : []));
    assert.equal(deltas.join(''), answer.text, 'the deltas add up to the saved answer');
    const [request] = await mock.completions();
    assert.equal(request.body.messages[0].role, 'system');
    assert.equal(request.body.messages.at(-1).content, 'Explain closures in JavaScript');
  });

  test('stop cancels the request at once and keeps the partial answer', async () => {
    const requestId = await send('[[mock:long-answer bytes=51200 tps=40]] Write a long essay');
    await until('some streamed text', async () => ((await state()).turns.at(-1)?.text.length ?? 0) > 0 || undefined);
    await post({ type: 'chat/stop', requestId });
    await waitIdle();
    const answer = lastAnswer(await state())!;
    assert.equal(answer.status, 'stopped');
    assert.ok(answer.text.length > 0 && answer.text.length < 51200, `partial length ${answer.text.length}`);
    await until('the mock to see the client close', async () => (await mock.completions())[0]?.clientClosed || undefined);
    await hook({ op: 'reload' });
    assert.equal(lastAnswer(await state())!.text, answer.text, 'the partial answer survives a reload');
  });

  test('regenerate replaces the answer in view and keeps the old one in history', async () => {
    await send('Name a sorting algorithm');
    await waitIdle();
    const first = lastAnswer(await state())!;
    await post({ type: 'chat/regenerate', requestId: randomUUID(), chatId: (await state()).activeChatId, turnId: first.id, model: 'glm-4.7', thinking: 'auto' });
    await waitIdle();
    const s = await state();
    assert.equal(s.turns.length, 2);
    assert.notEqual(lastAnswer(s)!.id, first.id);
    assert.equal(lastAnswer(s)!.status, 'done');
    assert.equal(s.turnCount, 3);
    assert.equal((await mock.completions()).length, 2);
  });

  test('edit and resend starts a new branch; the old branch stays reachable', async () => {
    await send('First question');
    await waitIdle();
    await send('Second question');
    await waitIdle();
    const before = await state();
    const firstUser = before.turns[0];
    await post({ type: 'chat/edit', requestId: randomUUID(), chatId: before.activeChatId, turnId: firstUser.id, text: 'First question, edited', model: 'glm-4.7', thinking: 'auto' });
    await waitIdle();
    const edited = await state();
    assert.equal(edited.turns[0].text, 'First question, edited');
    assert.equal(edited.turns.length, 2);
    assert.equal(edited.turnCount, 6);
    // The request after the edit carries only the new branch.
    const last = (await mock.completions()).at(-1)!;
    assert.deepEqual(last.body.messages.filter((m: { role: string }) => m.role === 'user').map((m: { content: string }) => m.content), ['First question, edited']);
    await post({ type: 'chat/switchBranch', chatId: edited.activeChatId, turnId: edited.turns[0].id, index: 0 });
    const back = await state();
    assert.deepEqual(back.turns.map((t) => t.id), before.turns.map((t) => t.id));
  });

  test('history survives a reload of the store; search finds a word from an old answer', async () => {
    await send('[[mock:code transform=same]] Echo this:\n```js\nconst zebraQuartz = 42;\n```');
    await waitIdle();
    const s = await state();
    const answer = lastAnswer(s)!;
    assert.match(answer.text, /zebraQuartz/);
    await post({ type: 'chat/new' });
    await hook({ op: 'reload' });
    await post({ type: 'chat/switch', chatId: s.activeChatId });
    assert.deepEqual((await state()).turns.map((t) => t.text), s.turns.map((t) => t.text));

    await post({ type: 'chat/search', query: 'zebraquartz' });
    const results = (await state()).posted.filter((m) => m.type === 'chat/searchResults').at(-1);
    assert.ok(results?.type === 'chat/searchResults');
    assert.ok(results.hits.some((h) => h.chatId === s.activeChatId && h.turnId === answer.id), JSON.stringify(results.hits));
  });

  test('inserts only code that came from an answer', async () => {
    await send('[[mock:code transform=same]] Echo:\n```ts\nexport const answer = 42;\n```');
    await waitIdle();
    const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content: '' });
    await vscode.window.showTextDocument(document);
    await post({ type: 'code/insert', code: 'rm -rf ~', lang: 'sh' });
    assert.equal(document.getText(), '');
    await post({ type: 'code/insert', code: 'export const answer = 42;\n', lang: 'ts' });
    assert.equal(document.getText(), 'export const answer = 42;\n');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('a 401 shows inline on the turn with the Set API Token action', async () => {
    await vscode.commands.executeCommand('glm.setApiToken', 'wrong-token-1234');
    const requestId = await send('Hello?');
    await waitIdle();
    const s = await state();
    assert.equal(lastAnswer(s)!.status, 'error');
    const error = s.posted.find((m) => m.type === 'stream/error' && m.requestId === requestId);
    assert.ok(error?.type === 'stream/error');
    assert.deepEqual(error.error.actions, ['setToken']);
    assert.equal(error.error.kind, 'auth');
  });

  test('rejects malformed or foreign messages', async () => {
    assert.equal(await hook<boolean>({ op: 'post', message: { type: 'chat/send', requestId: 'x', chatId: '../x', text: '', chipIds: [], model: 'glm-4.7', thinking: 'auto' } }), false);
    assert.equal(await hook<boolean>({ op: 'post', message: { type: 'shell/run', command: 'ls' } }), false);
  });
});
