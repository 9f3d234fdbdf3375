// One request manager for every GLM call, in a real extension host: the mock answers 1302 above one request at
// once, and the chat, an editor command and a ghost-text completion started together all finish with no 1302
// reaching the user; a 1308 makes the chat, the editor command and Test Connection name the local reset time,
// and nothing more is sent until the user sends anyway.
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChatTestOp, ChatTestState } from '../../src/host/chat/chatTestHook';
import type { ProposalResult } from '../../src/host/editor/proposalSession';
import type { FromWebview } from '../../src/shared/protocol';
import { activateExtension, mock, resetState, setSetting, testConnection, until } from './helpers';

const hook = <T>(op: ChatTestOp) => vscode.commands.executeCommand<T>('glm.chat.debug', op) as Promise<T>;

async function sendChat(text: string): Promise<string> {
  const requestId = randomUUID();
  const { activeChatId } = await hook<ChatTestState>({ op: 'state' });
  const message: FromWebview = { type: 'chat/send', requestId, chatId: activeChatId, text, chipIds: [], model: 'glm-4.7', thinking: 'auto' };
  assert.equal(await hook<boolean>({ op: 'post', message }), true);
  return requestId;
}

async function mockConcurrency(max: number): Promise<void> {
  const res = await fetch(new URL('/__mock/concurrency', mock.url), { method: 'POST', body: JSON.stringify({ max }) });
  assert.equal(res.status, 200);
}


async function openDoc(content: string, line: number, character: number, viewColumn = vscode.ViewColumn.Active): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.file(path.join(os.tmpdir(), `glm-requests-it-${process.pid}-${randomUUID()}.js`));
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { viewColumn });
  editor.selection = new vscode.Selection(line, character, line, character);
  return editor;
}

/** Local hh:mm of a time `seconds` from now, as the surfaces show it. */
function localHhMm(seconds: number): string {
  const at = new Date(Date.now() + seconds * 1000);
  return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
}

suite('requests', function () {
  // Three features at once against a mock that serves one request at a time: slower than one answer.
  this.timeout(120_000);
  suiteSetup(activateExtension);
  setup(async () => {
    await resetState();
    await hook({ op: 'post', message: { type: 'chat/new' } });
  });
  teardown(async () => {
    await mockConcurrency(0);
    await vscode.commands.executeCommand('glm.resumeRequests');
    await setSetting('glm.completions.enabled', undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  suiteTeardown(resetState);

  test('a chat turn, an editor command and a completion at once all finish; no 1302 reaches the user', async () => {
    await mockConcurrency(1);
    await setSetting('glm.completions.enabled', 'on');
    await setSetting('glm.debug.mockScenario', 'completion variant=prose text="items.length;"');
    const source = await openDoc('function add(a, b) {\n  return a + b;\n}\n', 0, 0);
    source.selection = new vscode.Selection(0, 0, 3, 0);
    const chatId = await sendChat('[[mock:default tps=200]] Explain closures');
    const refactor = vscode.commands.executeCommand<ProposalResult>('glm.refactorSelection', { instruction: '[[mock:code transform=upper tps=200]] shout', autoAccept: true });
    // The ghost text goes to an editor beside the one being refactored, so both stay open.
    const ghost = await openDoc('function count(items) {\n  return \n}\n', 1, 9, vscode.ViewColumn.Beside);
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');

    const result = await refactor;
    assert.equal(result.status, 'applied', result.message);
    await hook({ op: 'waitIdle' });
    const chat = await hook<ChatTestState>({ op: 'state' });
    const answer = chat.turns.find((t) => t.kind === 'answer');
    assert.equal(answer?.status, 'done', answer?.error);
    assert.ok(!chat.posted.some((m) => m.type === 'stream/error' && m.requestId === chatId));
    const accepted = await until('the ghost text to be accepted', async () => {
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
      return ghost.document.lineAt(1).text.includes('items.length;') && ghost.document.lineAt(1).text;
    }, 30_000);
    assert.equal(accepted, '  return items.length;');
    const sent = await mock.completions();
    assert.ok(sent.some((r) => r.scenario === 'completion') && sent.length >= 3, `${sent.length} requests`);
  });

  test('a 1308 makes every surface name the local reset time and sends nothing more until the user sends anyway', async () => {
    const resetIn = 2 * 3600;
    await sendChat(`[[mock:error code=1308 reset-in=${resetIn}]] hi`);
    await hook({ op: 'waitIdle' });
    const hhmm = localHhMm(resetIn);
    const chat = await hook<ChatTestState>({ op: 'state' });
    const failed = chat.turns.find((t) => t.kind === 'answer');
    assert.equal(failed?.status, 'error');
    assert.ok(chat.posted.some((m) => m.type === 'stream/error' && (m.error.resetAt ?? '').endsWith(hhmm)), `chat shows ${hhmm}`);

    const editor = await openDoc('const a = 1;\n', 0, 0);
    editor.selection = new vscode.Selection(0, 0, 1, 0);
    const refactor = await vscode.commands.executeCommand<ProposalResult>('glm.refactorSelection', { instruction: '[[mock:code transform=upper]] x', autoAccept: true });
    assert.notEqual(refactor.status, 'applied');
    assert.ok((refactor.message ?? '').includes(hhmm), refactor.message);
    const connection = await testConnection();
    assert.equal(connection.ok, false);
    assert.ok(connection.message.includes(hhmm), connection.message);
    assert.ok((connection.health ?? '').includes(hhmm), connection.health);
    assert.equal((await mock.completions()).length, 1, 'nothing was sent after the 1308');

    await vscode.commands.executeCommand('glm.resumeRequests');
    assert.equal((await testConnection()).ok, true);
    assert.equal((await mock.completions()).length, 2);
  });
});
