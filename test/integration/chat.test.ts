// The sidebar chat in a real extension host against the mock: messages go through the same validation and
// controller as the webview's (via the hidden test hook), answers stream from the mock over HTTP.
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { ChatTestState } from '../../src/host/chat/chatTestHook';
import { hook, post, state, until, useChatSuite, waitIdle } from './chatHook';
import { mock, setSetting } from './helpers';

async function send(text: string): Promise<string> {
  const requestId = randomUUID();
  const { activeChatId } = await state();
  await post({ type: 'chat/send', requestId, chatId: activeChatId, text, chipIds: [], model: 'glm-4.7', thinking: 'auto' });
  return requestId;
}

const lastAnswer = (s: ChatTestState) => [...s.turns].reverse().find((t) => t.kind === 'answer');

suite('chat', () => {
  useChatSuite();

  test('sends a prompt and streams the answer as deltas, saved with the model that answered', async () => {
    const requestId = await send('Explain closures in JavaScript');
    await waitIdle();
    const s = await state();
    assert.deepEqual(s.turns.map((t) => t.kind), ['user', 'answer']);
    const answer = lastAnswer(s)!;
    assert.equal(answer.status, 'done');
    assert.ok(answer.text.length > 20, answer.text);
    assert.equal(answer.model, 'glm-4.7');
    assert.deepEqual(s.chats.find((c) => c.id === s.activeChatId)?.title, 'Explain closures in JavaScript');
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

  test('thinking streams apart from the answer and is not sent back', async () => {
    await send('[[mock:reasoning]] Why is the sky blue?');
    await waitIdle();
    const answer = lastAnswer(await state())!;
    assert.ok(answer.thinking && answer.thinking.length > 0, 'reasoning kept');
    assert.ok(!answer.text.includes(answer.thinking), 'reasoning not in the answer');
    await send('And at sunset?');
    await waitIdle();
    const last = (await mock.completions()).at(-1)!;
    assert.ok(!JSON.stringify(last.body.messages).includes(answer.thinking), 'reasoning is not sent back');
  });

  test('a failing upstream is retried, then falls back, and the answer names the model that answered', async () => {
    await setSetting('glm.fallbackModels', ['glm-4.5-air']);
    await setSetting('glm.maxRetries', 1);
    const requestId = await send('[[mock:unavailable models=glm-4.7]] Hello');
    await waitIdle();
    const s = await state();
    assert.equal(lastAnswer(s)!.status, 'done');
    assert.equal(lastAnswer(s)!.model, 'glm-4.5-air');
    const mine = s.posted.filter((m) => 'requestId' in m && m.requestId === requestId);
    assert.ok(mine.some((m) => m.type === 'stream/retry'), 'the retry is shown');
    assert.ok(mine.some((m) => m.type === 'stream/fallback' && m.fromModel === 'glm-4.7' && m.toModel === 'glm-4.5-air'));
  });

  test('attached selection goes into the prompt, and the chip is used once', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'alpha\nfunction pelicanBrief() {}\nomega\n' });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(1, 0, 1, 26);
    await post({ type: 'context/attach', kind: 'selection' });
    const chips = (await state()).posted.filter((m) => m.type === 'context/chips').at(-1);
    assert.ok(chips?.type === 'context/chips' && chips.chips.length === 1, JSON.stringify(chips));
    const { activeChatId } = await state();
    await post({ type: 'chat/send', requestId: randomUUID(), chatId: activeChatId, text: 'What does it do?', chipIds: [chips.chips[0].id, 'made-up-chip'], model: 'glm-4.7', thinking: 'auto' });
    await waitIdle();
    const sent = (await mock.completions()).at(-1)!.body.messages.at(-1).content as string;
    assert.match(sent, /function pelicanBrief\(\) \{\}[\s\S]*What does it do\?$/);
    const after = (await state()).posted.filter((m) => m.type === 'context/chips').at(-1);
    assert.ok(after?.type === 'context/chips' && after.chips.length === 0);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('refuses a prompt that cannot fit the context window, keeping the text and calling nothing', async () => {
    await setSetting('glm.maxTokens', 98_304);
    try {
      const text = 'word '.repeat(30_000);
      const requestId = randomUUID();
      const { activeChatId } = await state();
      await post({ type: 'chat/send', requestId, chatId: activeChatId, text, chipIds: [], model: 'glm-4.5-air', thinking: 'auto' });
      const s = await state();
      const rejected = s.posted.find((m) => m.type === 'chat/sendRejected' && m.requestId === requestId);
      assert.ok(rejected?.type === 'chat/sendRejected');
      assert.equal(rejected.text, text);
      assert.equal(rejected.error.kind, 'contextOverflow');
      assert.deepEqual(s.turns, []);
      assert.deepEqual(await mock.completions(), []);
    } finally {
      await setSetting('glm.maxTokens', undefined);
    }
  });

  test('rename, delete with undo', async () => {
    await send('Chat to delete');
    await waitIdle();
    const { activeChatId } = await state();
    await post({ type: 'chat/rename', chatId: activeChatId, title: '  Renamed   chat ' });
    assert.equal((await state()).chats.find((c) => c.id === activeChatId)?.title, 'Renamed chat');
    await post({ type: 'chat/delete', chatId: activeChatId });
    let s = await state();
    assert.ok(!s.chats.some((c) => c.id === activeChatId));
    assert.notEqual(s.activeChatId, activeChatId);
    assert.ok(s.posted.some((m) => m.type === 'chat/deleted' && m.chatId === activeChatId));
    await post({ type: 'chat/undoDelete', chatId: activeChatId });
    s = await state();
    assert.equal(s.activeChatId, activeChatId);
    assert.equal(s.turns[0].text, 'Chat to delete');
  });

  test('rejects malformed or foreign messages', async () => {
    assert.equal(await hook<boolean>({ op: 'post', message: { type: 'chat/send', requestId: 'x', chatId: '../x', text: '', chipIds: [], model: 'glm-4.7', thinking: 'auto' } }), false);
    assert.equal(await hook<boolean>({ op: 'post', message: { type: 'shell/run', command: 'ls' } }), false);
  });
});
