// Inline completions through VS Code's own inline-suggest machinery in a real extension host: typing and
// explicit triggers call the provider, `editor.action.inlineSuggest.commit` (what Tab runs) inserts the ghost
// text, and the mock records every request and whether the client closed it early. The test page has no
// keyboard focus, so VS Code's automatic trigger (on typing into a focused editor) is replaced by explicit
// triggers after each keystroke; the e2e suite covers typing with real focus.
import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, mock, resetState, setSetting, until } from './helpers';

let docCount = 0;

async function openDoc(content: string, line: number, character: number): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.file(path.join(os.tmpdir(), `glm-completions-it-${process.pid}-${++docCount}.js`));
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  editor.selection = new vscode.Selection(line, character, line, character);
  return editor;
}


/** Accepts the ghost text as Tab does, as soon as it is shown; the line of the document afterwards. */
async function acceptGhostText(editor: vscode.TextEditor, line: number, expected: string): Promise<string> {
  return until(`ghost text "${expected}" to be accepted`, async () => {
    await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
    const text = editor.document.lineAt(line).text;
    return text.includes(expected) ? text : undefined;
  });
}

const completionRequests = async () => (await mock.requests()).filter((r) => r.scenario === 'completion');

suite('Inline completions', () => {
  suiteSetup(async () => {
    await activateExtension();
    await setSetting('glm.completions.enabled', 'on');
  });
  setup(resetState);
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
  suiteTeardown(async () => {
    await setSetting('glm.completions.enabled', 'off');
    await resetState();
  });

  test('the provider returns ghost text for a document; accepting inserts the cleaned text', async () => {
    await setSetting('glm.debug.mockScenario', 'completion variant=prose text="items.length;"');
    const editor = await openDoc('function count(items) {\n  return \n}\n', 1, 9);
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    assert.equal(await acceptGhostText(editor, 1, 'items.length;'), '  return items.length;');
    const [req] = await completionRequests();
    assert.deepEqual(req.body.thinking, { type: 'disabled' });
    assert.equal(req.body.model, 'glm-4.5-air');
    assert.ok(req.body.messages.at(-1).content.includes('  return <|CURSOR|>\n}'), 'the file with the cursor marked');
  });

  test('a keystroke aborts the request in flight: the mock sees the connection closed', async () => {
    await setSetting('glm.debug.mockScenario', 'completion latency=5000 text="never shown"');
    const editor = await openDoc('const value = \n', 0, 14);
    // The trigger command resolves only when the provider has answered: not awaited here.
    void vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await until('the first request', async () => (await completionRequests()).length === 1);
    await vscode.commands.executeCommand('type', { text: '4' });
    void vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    const [first] = await until('the first request to be closed by the client', async () => {
      const reqs = await completionRequests();
      return reqs[0]?.clientClosed ? reqs : undefined;
    });
    assert.equal(first.clientClosed, true);
    assert.equal(editor.document.lineAt(0).text, 'const value = 4');
  });

  test('the cache answers a repeat of the same context without a request', async () => {
    await setSetting('glm.debug.mockScenario', 'completion text="compute();"');
    const editor = await openDoc('const result = \n', 0, 15);
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    await until('the first answer', async () => (await completionRequests()).length === 1);
    await vscode.commands.executeCommand('type', { text: 'z' });
    // Triggered again while waiting: on a busy host the first trigger can land before the keystroke is seen.
    await until('a request for the new context', async () => {
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      return (await completionRequests()).length === 2;
    });
    await vscode.commands.executeCommand('deleteLeft');
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    assert.equal(await acceptGhostText(editor, 0, 'compute();'), 'const result = compute();');
    assert.equal((await completionRequests()).length, 2, 'the repeat came from the cache');
  });

  test('no request while completions are disabled for the language', async () => {
    await setSetting('glm.debug.mockScenario', 'completion text="nope"');
    await setSetting('glm.completions.disabledLanguages', ['javascript']);
    try {
      const editor = await openDoc('let a = \n', 0, 8);
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      await vscode.commands.executeCommand('type', { text: '1' });
      await new Promise((r) => setTimeout(r, 1000));
      assert.equal((await completionRequests()).length, 0);
      assert.equal(editor.document.lineAt(0).text, 'let a = 1');
    } finally {
      await setSetting('glm.completions.disabledLanguages', undefined);
    }
  });
});
