// Edit proposals (src/host/proposals) in a real extension host: the chat's Apply goes through the same module
// and title-bar commands as the editor commands and waits until decided; a multi-file review applies what was
// accepted (accept one, reject one, accept the rest at once) and nothing over code that changed meanwhile.
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChatTestOp, ChatTestState } from '../../src/host/chat/chatTestHook';
import type { GlmTestApi } from '../../src/extension';
import type { FileOutcome } from '../../src/host/proposals/editProposals';
import type { FromWebview } from '../../src/shared/protocol';
import { activateExtension, resetState, until } from './helpers';

const hook = <T>(op: ChatTestOp) => vscode.commands.executeCommand<T>('glm.chat.debug', op) as Promise<T>;
const state = () => hook<ChatTestState>({ op: 'state' });
const post = (message: FromWebview) => hook<boolean>({ op: 'post', message });

let fileCount = 0;
async function tempFile(content: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.file(path.join(os.tmpdir(), `glm-proposal-it-${process.pid}-${++fileCount}.js`));
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
  return uri;
}


const diffTabs = () =>
  vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'glm-proposal');
const activeDiff = () => {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputTextDiff && input.modified.scheme === 'glm-proposal' ? input : undefined;
};
/** Names the step that hangs instead of letting mocha's suite timeout speak. */
function within<T>(what: string, p: Thenable<T>, ms = 25_000): Promise<T> {
  return Promise.race([Promise.resolve(p), new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms))]);
}

const text = async (uri: vscode.Uri) => (await vscode.workspace.openTextDocument(uri)).getText();

/** Saves what a test left dirty (temp files), so closing never stops at a "Save changes?" dialog. */
async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.files.saveAll');
  for (let i = 0; i < 20 && vscode.window.tabGroups.all.some((g) => g.tabs.length > 0); i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    if (!vscode.window.activeTextEditor) await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  }
}

suite('edit proposals', function () {
  this.timeout(90_000);
  let api: GlmTestApi;
  suiteSetup(async () => {
    api = (await activateExtension()).exports as GlmTestApi;
  });
  setup(resetState);
  teardown(closeAll);

  test("the chat's Apply shows a proposal that waits for the title bar's Accept, then applies as one undo step", async () => {
    await within('chat/new', post({ type: 'chat/new' }));
    const original = 'function greet(name) {\n  return "hi " + name;\n}\n';
    const uri = await tempFile(original);
    const editor = await within('open the file', vscode.window.showTextDocument(uri));
    editor.selection = new vscode.Selection(0, 0, 3, 0);
    const { activeChatId } = await within('state', state());
    const ask = '[[mock:code transform=upper]] Shout this:\n```js\n' + original + '```';
    assert.ok(await within('chat/send', post({ type: 'chat/send', requestId: randomUUID(), chatId: activeChatId, text: ask, chipIds: [], model: 'glm-4.7', thinking: 'auto' })));
    await within('the answer', hook({ op: 'waitIdle' }));
    const answer = [...(await state()).turns].reverse().find((t) => t.kind === 'answer');
    const code = /```\w*\n([\s\S]*?)```/.exec(answer?.text ?? '')?.[1];
    assert.ok(code, `a code block in: ${answer?.text}`);

    await within('back to the file', vscode.window.showTextDocument(editor.document));
    const applying = post({ type: 'code/apply', code, lang: 'js' });
    const diff = await until('the proposal diff', activeDiff);
    assert.match(vscode.window.tabGroups.activeTabGroup.activeTab?.label ?? '', /GLM proposal/);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(diffTabs().length, 1, 'the proposal stays until decided');
    assert.equal(await text(uri), original, 'nothing applies before the decision');
    const accepted = await within('accept', vscode.commands.executeCommand('glm.acceptProposal', diff.modified)).catch(async (err: Error) => {
      throw new Error(`${err.message}; file now ${JSON.stringify(await text(uri))}, ${diffTabs().length} proposal tab(s)`);
    });
    assert.equal(accepted, true);
    assert.equal(await within('the apply message handled', applying), true);
    assert.equal(await text(uri), code);
    assert.equal(diffTabs().length, 0, 'the diff is closed');
    await vscode.window.showTextDocument(uri);
    await vscode.commands.executeCommand('undo');
    assert.equal(await text(uri), original, 'one undo restores the original');
  });

  test('a multi-file review: reject one, accept one, accept the rest at once; a changed file is not touched', async () => {
    const a = await tempFile('a1\na2\n');
    const b = await tempFile('b1\nb2\n');
    const c = await tempFile('c1\nc2\n');
    const d = await tempFile('d1\nd2\n');
    const fresh = vscode.Uri.file(path.join(os.tmpdir(), `glm-proposal-it-${process.pid}-new-${randomUUID()}.js`));
    const changes = [
      { uri: a, before: 'a1\na2\n', after: 'A1\na2\n' },
      { uri: b, before: 'b1\nb2\n', after: 'B1\nb2\n' },
      { uri: c, before: 'c1\nc2\n', after: 'C1\nc2\n' },
      { uri: d, before: 'd1\nd2\n', after: 'D1\nd2\n' },
      { uri: fresh, before: '', after: 'new file\n' },
    ];
    const reviewing = api.proposals.review(changes);
    const first = await until('the first diff', activeDiff);
    assert.match(first.modified.path, /\/proposal\//);
    assert.equal(await vscode.commands.executeCommand('glm.rejectProposal', first.modified), true);
    const second = await until('the next file', () => activeDiff()?.modified.toString() !== first.modified.toString() && activeDiff());
    assert.equal(await vscode.commands.executeCommand('glm.acceptProposal', second.modified), true);
    // d changes on disk meanwhile: its proposal must not apply.
    const dEdit = new vscode.WorkspaceEdit();
    dEdit.insert(d, new vscode.Position(0, 0), 'mine ');
    assert.ok(await vscode.workspace.applyEdit(dEdit));
    const third = await until('the third file', () => activeDiff()?.modified.toString() !== second.modified.toString() && activeDiff());
    assert.equal(await vscode.commands.executeCommand('glm.acceptAllProposals', third.modified), true);
    const outcomes: FileOutcome[] = await reviewing;
    assert.deepEqual(outcomes.map((o) => o.status), ['rejected', 'applied', 'applied', 'conflict', 'applied']);
    assert.equal(await text(a), 'a1\na2\n');
    assert.equal(await text(b), 'B1\nb2\n');
    assert.equal(await text(c), 'C1\nc2\n');
    assert.equal(await text(d), 'mine d1\nd2\n');
    assert.equal(await text(fresh), 'new file\n');
    assert.equal(diffTabs().length, 0);
  });

  test('whitespace-only changes are named in the diff title, and a preset decision applies them', async () => {
    const uri = await tempFile('if (x) {\nfoo();\nbar();\n}\n');
    const reviewing = api.proposals.review([{ uri, before: 'if (x) {\nfoo();\nbar();\n}\n', after: 'if (x) {\n  foo();\n  bar();\n}\n' }]);
    await until('the diff', activeDiff);
    assert.match(vscode.window.tabGroups.activeTabGroup.activeTab?.label ?? '', /2 lines re-indented/);
    await vscode.commands.executeCommand('glm.acceptProposal');
    assert.deepEqual((await reviewing).map((o) => [o.status, o.changes]), [['applied', 1]]);
    assert.equal(await text(uri), 'if (x) {\n  foo();\n  bar();\n}\n');
  });

  test('closing the diff rejects the proposal; aborting a review rejects what is undecided', async () => {
    const uri = await tempFile('one\n');
    const closed = api.proposals.review([{ uri, before: 'one\n', after: 'ONE\n' }]);
    await until('the diff', activeDiff);
    await vscode.window.tabGroups.close(diffTabs());
    assert.equal((await closed)[0].status, 'rejected');
    const controller = new AbortController();
    const aborted = api.proposals.review([{ uri, before: 'one\n', after: 'ONE\n' }], { signal: controller.signal });
    await until('the diff', activeDiff);
    controller.abort();
    assert.equal((await aborted)[0].status, 'rejected');
    assert.equal(await text(uri), 'one\n');
  });
});
