// The chat host's answers to a first-day user's complaints (issue 14: fallback note, Explain Selection's
// target and label, Select Model in the open chat), in a real extension host against the mock.
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AssistantTurn, ChatView, UserTurn } from '../../src/shared/protocol';
import { hook, post, state, until, useChatSuite, waitIdle } from './chatHook';
import { setSetting } from './helpers';

async function send(text: string, model = 'glm-4.7'): Promise<void> {
  const { activeChatId } = await state();
  await post({ type: 'chat/send', requestId: randomUUID(), chatId: activeChatId, text, chipIds: [], model, thinking: 'auto' });
  await waitIdle();
}

/** The chat as a reopened panel shows it: history read back from disk, then the snapshot the webview gets. */
async function reopenedView(): Promise<ChatView> {
  const { activeChatId } = await state();
  await hook({ op: 'reload' });
  await post({ type: 'chat/switch', chatId: activeChatId });
  const loaded = (await state()).posted.filter((m) => m.type === 'chat/loaded').at(-1);
  assert.ok(loaded?.type === 'chat/loaded');
  return loaded.chat;
}

const answers = (view: ChatView) => view.turns.filter((t): t is AssistantTurn => t.role === 'assistant');

suite('chat host', () => {
  useChatSuite();

  test('a versioned model id reads "answered by" only; a real fallback is recorded and survives reopening', async () => {
    await send('[[mock:default answer-model=glm-4.7-20250801]] Hello', 'glm-4.7');
    const [versioned] = answers(await reopenedView());
    assert.equal(versioned.model, 'glm-4.7-20250801');
    assert.equal(versioned.requestedModel, undefined, 'no "was unavailable" note without a fallback');

    await setSetting('glm.fallbackModels', ['glm-4.5-air']);
    await send('[[mock:unavailable models=glm-4.7]] Hello again', 'glm-4.7');
    const [, fellBack] = answers(await reopenedView());
    assert.deepEqual([fellBack.requestedModel, fellBack.model], ['glm-4.7', 'glm-4.5-air']);
  });

  test('Explain Selection asks in a new chat with a chip label, and continues that chat for the same file', async () => {
    await send('An unrelated question');
    const unrelated = (await state()).activeChatId;
    const uri = vscode.Uri.file(path.join(os.tmpdir(), `glm-chat-host-it-${process.pid}.ts`));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('export function greet(name: string) {\n  return `hi ${name}`;\n}\nexport const x = 1;\n'));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    editor.selection = new vscode.Selection(0, 0, 2, 1);
    await vscode.commands.executeCommand('glm.explainSelection');
    await waitIdle();
    const first = await state();
    assert.notEqual(first.activeChatId, unrelated, 'not appended to the unrelated chat');
    assert.deepEqual(first.turns.map((t) => t.kind), ['user', 'answer']);
    const loaded = first.posted.filter((m) => m.type === 'chat/loaded').at(-1);
    const question = loaded?.type === 'chat/loaded' ? (loaded.chat.turns[0] as UserTurn) : undefined;
    assert.match(question?.label ?? '', /^glm-chat-host-it-\d+\.ts:1-3$/);
    assert.match(question?.text ?? '', /^Explain the selected code/, 'the full prompt is still what was sent');

    editor.selection = new vscode.Selection(3, 0, 3, 10);
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('glm.explainSelection');
    await waitIdle();
    const second = await state();
    assert.equal(second.activeChatId, first.activeChatId, 'the chat explaining this file goes on');
    assert.equal(second.turns.length, 4);
  });

  test('GLM: Select Model sets the model of the open chat, and the picker shows it', async () => {
    await send('Hello', 'glm-4.7');
    const { activeChatId } = await state();
    await vscode.commands.executeCommand('glm.selectModel', 'glm-4.5-air');
    await until('the picker update', async () =>
      (await state()).posted.some((m) => m.type === 'settings/update' && m.selectedModel === 'glm-4.5-air') || undefined);
    assert.equal((await state()).activeChatId, activeChatId);
    await send('And now?', 'glm-4.5-air');
    const view = await reopenedView();
    assert.equal(view.model, 'glm-4.5-air', 'the chat keeps the picked model');
  });
});
