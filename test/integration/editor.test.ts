// Editor commands in a real extension host against the mock: the prompt that reaches the server, the
// document afterwards, one-step undo, cancellation, edits made while an answer streams, mapped errors.
// The mock's `code transform=upper` answers with the first fenced block of the prompt upper-cased.
import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { GenerateResult } from '../../src/host/editor/inlineGeneration';
import type { ProposalResult } from '../../src/host/editor/proposalSession';
import { activateExtension, mock, resetState, setSetting, until, type RecordedRequest } from './helpers';

const UPPER = '[[mock:code transform=upper]]';
const SLOW_UPPER = '[[mock:code transform=upper tps=5]]';

let docCount = 0;

/**
 * A fresh file per test, not an untitled document: the workbench reuses `Untitled-N` names, and a document
 * closed by the previous test can still answer to the name for a moment.
 */
async function openDoc(content: string): Promise<vscode.TextEditor> {
  const uri = vscode.Uri.file(path.join(os.tmpdir(), `glm-editor-it-${process.pid}-${++docCount}.js`));
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc);
}

/** Selects in the document's current editor (a proposal's diff replaces the editor it was opened from). */
async function select(editor: vscode.TextEditor, sl: number, sc: number, el: number, ec: number): Promise<void> {
  const current = await vscode.window.showTextDocument(editor.document);
  current.selection = new vscode.Selection(sl, sc, el, ec);
}

async function closeAll(): Promise<void> {
  for (let i = 0; i < 20 && vscode.window.tabGroups.all.some((g) => g.tabs.length > 0); i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    if (!vscode.window.activeTextEditor) await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  }
}


function lastUser(req: RecordedRequest): string {
  return [...req.body.messages].reverse().find((m: { role: string }) => m.role === 'user').content;
}

/** An edit as the user would make it; the test's TextEditor may be hidden behind the diff by now. */
/** A keystroke: a workspace edit can lose a race with an editor edit in flight, where a real keystroke never does. */
async function userEdit(doc: vscode.TextDocument, at: vscode.Position, text: string): Promise<void> {
  // Up to two seconds: on a loaded machine each of the generator's edits takes longer, and five tries lost.
  for (let attempt = 0; attempt < 100; attempt++) {
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, at, text);
    if (await vscode.workspace.applyEdit(edit)) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.fail('the edit was never applied');
}

async function undoOnce(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand('undo');
}

const run = <T>(command: string, args: object) => vscode.commands.executeCommand<T>(command, args) as Promise<T>;

const SOURCE = 'function add(a, b) {\n  return a + b;\n}\n\nconst answer = add(40, 2);\n';

suite('editor commands', () => {
  suiteSetup(async () => {
    await activateExtension();
  });
  setup(async () => {
    await resetState();
  });
  teardown(async () => {
    await closeAll();
  });
  suiteTeardown(resetState);

  test('refactor streams a proposal, applies it as one edit and one undo restores the original', async () => {
    const editor = await openDoc(SOURCE);
    await select(editor, 0, 0, 3, 0);
    const result = await run<ProposalResult>('glm.refactorSelection', { instruction: `${UPPER} shout it`, autoAccept: true });
    assert.equal(result.status, 'applied', result.message);
    assert.equal(editor.document.getText(), 'FUNCTION ADD(A, B) {\n  RETURN A + B;\n}\n\nconst answer = add(40, 2);\n');
    const [req] = await mock.completions();
    const prompt = lastUser(req);
    assert.ok(prompt.includes('```javascript\nfunction add(a, b) {\n  return a + b;\n}\n```'), prompt);
    assert.match(prompt, /shout it/);
    assert.match(req.body.messages[0].content, /exactly one fenced code block/);
    assert.ok(!vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputTextDiff)), 'the diff is closed');
    await undoOnce(editor);
    assert.equal(editor.document.getText(), SOURCE);
  });

  test('per-change accept applies only the chosen hunk; reject leaves the document alone', async () => {
    const text = 'A = 1;\nB = 2;\nc = 3;\nD = 4;\nE = 5;\nf = 6;\n';
    const editor = await openDoc(text);
    await select(editor, 0, 0, 6, 0);
    const partial = await run<ProposalResult>('glm.refactorSelection', { instruction: UPPER, accept: [1] });
    assert.deepEqual([partial.status, partial.changes, partial.accepted], ['partial', 2, 1]);
    assert.equal(editor.document.getText(), 'A = 1;\nB = 2;\nc = 3;\nD = 4;\nE = 5;\nF = 6;\n');
    await select(editor, 0, 0, 6, 0);
    const rejected = await run<ProposalResult>('glm.refactorSelection', { instruction: UPPER, accept: 'none' });
    assert.equal(rejected.status, 'rejected');
    assert.equal(editor.document.getText(), 'A = 1;\nB = 2;\nc = 3;\nD = 4;\nE = 5;\nF = 6;\n');
  });

  test('without a preset decision the proposal waits for the diff editor\'s Accept / Reject buttons', async () => {
    const editor = await openDoc(SOURCE);
    await select(editor, 0, 0, 3, 0);
    const accepted = run<ProposalResult>('glm.refactorSelection', { instruction: UPPER });
    await until('a proposal waiting for Accept', async () => (await vscode.commands.executeCommand<boolean>('glm.acceptProposal')) === true);
    assert.equal((await accepted).status, 'applied');
    assert.ok(editor.document.getText().startsWith('FUNCTION ADD(A, B)'));
    await select(editor, 4, 0, 4, 26);
    const rejected = run<ProposalResult>('glm.refactorSelection', { instruction: UPPER });
    await until('a proposal waiting for Reject', async () => (await vscode.commands.executeCommand<boolean>('glm.rejectProposal')) === true);
    assert.equal((await rejected).status, 'rejected');
    assert.ok(editor.document.getText().endsWith('const answer = add(40, 2);\n'));
  });

  test('the diff view shows the proposal growing while it streams', async () => {
    const editor = await openDoc(SOURCE);
    await select(editor, 0, 0, 3, 0);
    // Proposal documents of earlier tests may still be open in the extension host: take the new one.
    const earlier = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    const pending = run<ProposalResult>('glm.refactorSelection', { instruction: SLOW_UPPER, accept: 'none' });
    const proposal = await until('the proposal document', () =>
      vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'glm-proposal' && d.uri.path.includes('/proposal/') && !earlier.has(d.uri.toString())),
    );
    await until('partial upper-cased code in the proposal', () => /FUNCTION/.test(proposal.getText()) && !/RETURN A \+ B;\n\}/.test(proposal.getText()));
    assert.equal((await pending).status, 'rejected');
  });

  test('an edit inside the range while the answer streams is never overwritten', async () => {
    const editor = await openDoc(SOURCE);
    await select(editor, 0, 0, 3, 0);
    const pending = run<ProposalResult>('glm.refactorSelection', { instruction: SLOW_UPPER, autoAccept: true });
    await until('the request', async () => (await mock.completions()).length === 1);
    await userEdit(editor.document, new vscode.Position(1, 2), '// mine\n  ');
    const result = await pending;
    assert.equal(result.status, 'conflict');
    assert.match(result.message ?? '', /changed while GLM was answering/);
    assert.equal(editor.document.getText(), SOURCE.replace('  return', '  // mine\n  return'));
  });

  test('an edit above the range moves it, and the proposal still lands on the right lines', async () => {
    const editor = await openDoc(SOURCE);
    await select(editor, 4, 0, 4, 26);
    const pending = run<ProposalResult>('glm.refactorSelection', { instruction: SLOW_UPPER, autoAccept: true });
    await until('the request', async () => (await mock.completions()).length === 1);
    await userEdit(editor.document, new vscode.Position(0, 0), '// header\n');
    assert.equal((await pending).status, 'applied');
    assert.equal(editor.document.getText(), '// header\n' + SOURCE.replace('const answer = add(40, 2);', 'CONST ANSWER = ADD(40, 2);'));
  });

  test('closing the diff while it streams cancels the request and changes nothing', async () => {
    const editor = await openDoc(SOURCE);
    await select(editor, 0, 0, 3, 0);
    // One token a second: the answer outlasts finding the tab and closing it however loaded the machine is.
    const pending = run<ProposalResult>('glm.refactorSelection', { instruction: '[[mock:code transform=upper tps=1]]', autoAccept: true });
    const tab = await until('the diff tab', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputTextDiff),
    );
    await until('the request', async () => (await mock.completions()).length === 1);
    await vscode.window.tabGroups.close(tab);
    assert.equal((await pending).status, 'cancelled');
    assert.equal(editor.document.getText(), SOURCE);
    await until('the mock to see the client close', async () => (await mock.completions())[0]?.clientClosed);
  });

  test('two editors refactor at once without mixing their streams', async () => {
    const one = await openDoc('let first = 1;\n');
    await select(one, 0, 0, 0, 14);
    const a = run<ProposalResult>('glm.refactorSelection', { instruction: SLOW_UPPER, autoAccept: true });
    await until('the first diff', () => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputTextDiff)));
    const two = await openDoc('let second = 2;\n');
    await select(two, 0, 0, 0, 15);
    const b = run<ProposalResult>('glm.refactorSelection', { instruction: SLOW_UPPER, autoAccept: true });
    assert.deepEqual([(await a).status, (await b).status], ['applied', 'applied']);
    assert.equal(one.document.getText(), 'LET FIRST = 1;\n');
    assert.equal(two.document.getText(), 'LET SECOND = 2;\n');
  });

  test('generate replaces the selection as the code arrives, in one undo step', async () => {
    const editor = await openDoc('const xs = [3, 1, 2];\nxs.sort();\n');
    await select(editor, 1, 0, 1, 10);
    const result = await run<GenerateResult>('glm.generateCode', { instruction: `${UPPER} sort numerically` });
    assert.equal(result.status, 'done', result.message);
    assert.equal(editor.document.getText(), 'const xs = [3, 1, 2];\nXS.SORT();\n');
    const prompt = lastUser((await mock.completions())[0]);
    assert.match(prompt, /Instruction: .*sort numerically/);
    assert.ok(prompt.includes('```javascript\nxs.sort();\n```'), prompt);
    assert.ok(prompt.includes('const xs = [3, 1, 2];'), 'the code before goes along');
    await undoOnce(editor);
    assert.equal(editor.document.getText(), 'const xs = [3, 1, 2];\nxs.sort();\n');
  });

  test('generate at an empty cursor line sends the code before and after it and fits the indentation', async () => {
    const editor = await openDoc('function f() {\n    \n}\n');
    await select(editor, 1, 4, 1, 4);
    const result = await run<GenerateResult>('glm.generateCode', { instruction: UPPER });
    assert.equal(result.status, 'done', result.message);
    // The mock echoes the first block (the code before the cursor), upper-cased: re-based onto the line's indentation.
    assert.equal(editor.document.getText(), 'function f() {\n    FUNCTION F() {\n}\n');
    const prompt = lastUser((await mock.completions())[0]);
    assert.match(prompt, /Code after the cursor:\n```javascript\n\n?\}/);
    await undoOnce(editor);
    assert.equal(editor.document.getText(), 'function f() {\n    \n}\n');
  });

  test('cancelling a generation stops the request; remove restores the selection, keep leaves one undo step', async () => {
    const long = Array.from({ length: 12 }, (_, i) => `const value${i} = ${i};`).join('\n') + '\n';
    const editor = await openDoc(long);
    await select(editor, 0, 0, 12, 0);
    const removed = run<GenerateResult>('glm.generateCode', { instruction: SLOW_UPPER, onCancel: 'remove' });
    await until('some code to arrive', () => editor.document.getText().includes('CONST'));
    assert.equal(await vscode.commands.executeCommand('glm.cancelGeneration'), true);
    assert.equal((await removed).status, 'removed');
    assert.equal(editor.document.getText(), long);
    await until('the mock to see the client close', async () => (await mock.completions())[0]?.clientClosed);

    await select(editor, 0, 0, 12, 0);
    const kept = run<GenerateResult>('glm.generateCode', { instruction: SLOW_UPPER, onCancel: 'keep' });
    await until('some code to arrive', () => editor.document.getText().includes('CONST VALUE1'));
    await vscode.commands.executeCommand('glm.cancelGeneration');
    const result = await kept;
    assert.equal(result.status, 'kept');
    assert.ok(editor.document.getText().startsWith('CONST VALUE0'), editor.document.getText());
    assert.ok(!editor.document.getText().includes('CONST VALUE11'), 'it stopped before the end');
    await undoOnce(editor);
    assert.equal(editor.document.getText(), long);
  });

  test('typing inside the code being generated stops the generation and keeps both', async () => {
    const long = Array.from({ length: 12 }, (_, i) => `const value${i} = ${i};`).join('\n') + '\n';
    const editor = await openDoc(long);
    await select(editor, 0, 0, 12, 0);
    const pending = run<GenerateResult>('glm.generateCode', { instruction: SLOW_UPPER, onCancel: 'remove' });
    await until('some code to arrive', () => editor.document.getText().includes('CONST VALUE0 ='));
    await userEdit(editor.document, new vscode.Position(0, 5), 'X');
    const result = await pending;
    assert.equal(result.status, 'conflict');
    assert.ok(editor.document.getText().startsWith('CONSTX VALUE0'), editor.document.getText());
  });

  test('fix, write tests and doc comments run through the same diff machinery', async () => {
    const editor = await openDoc('const a = 1;\nconsole.log(b);\n');
    const fix = await run<ProposalResult>('glm.fixProblem', {
      uri: editor.document.uri.toString(),
      message: `${UPPER} Cannot find name 'b'.`,
      range: [1, 12, 1, 13],
      source: 'ts',
      code: '2304',
      autoAccept: true,
    });
    assert.equal(fix.status, 'applied', fix.message);
    assert.equal(editor.document.getText(), 'CONST A = 1;\nCONSOLE.LOG(B);\n');
    assert.match(lastUser((await mock.completions())[0]), /Problem \(error, ts 2304\) at line 2: .*Cannot find name 'b'\./);

    await select(editor, 0, 0, 1, 0);
    const tests = await run<ProposalResult>('glm.writeTests', { instruction: UPPER, autoAccept: true });
    assert.equal(tests.status, 'applied', tests.message);
    assert.equal(editor.document.getText(), 'CONST A = 1;\n\nCONST A = 1;\nCONSOLE.LOG(B);\n');
    assert.match(lastUser((await mock.completions())[1]), /Write unit tests/);

    await select(editor, 0, 0, 1, 0);
    const docs = await run<ProposalResult>('glm.addDocComments', { instruction: '[[mock:code transform=comment]]', autoAccept: true });
    assert.equal(docs.status, 'applied', docs.message);
    assert.equal(editor.document.getText(), '// CONST A = 1;\n\nCONST A = 1;\nCONSOLE.LOG(B);\n');
    assert.match(lastUser((await mock.completions())[2]), /documentation comments/);
  });

  test('"Fix with GLM" is offered as a quick fix on a diagnostic', async () => {
    const editor = await openDoc('const a = 1;\nconsole.log(b);\n');
    const diagnostics = vscode.languages.createDiagnosticCollection('glm-test');
    try {
      const range = new vscode.Range(1, 12, 1, 13);
      diagnostics.set(editor.document.uri, [new vscode.Diagnostic(range, "Cannot find name 'b'.", vscode.DiagnosticSeverity.Error)]);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, range);
      const fix = actions.find((a) => a.title.startsWith('Fix with GLM'));
      assert.ok(fix, actions.map((a) => a.title).join(', '));
      assert.equal(fix.command?.command, 'glm.fixProblem');
      assert.equal(fix.command?.arguments?.[0].message, "Cannot find name 'b'.");
    } finally {
      diagnostics.dispose();
    }
  });

  test('errors show the mapped message and leave the document alone', async () => {
    await setSetting('glm.maxRetries', 0);
    const editor = await openDoc(SOURCE);
    await select(editor, 0, 0, 3, 0);
    const auth = await run<ProposalResult>('glm.refactorSelection', { instruction: '[[mock:error status=401 code=invalid_token]]', autoAccept: true });
    assert.equal(auth.status, 'error');
    assert.match(auth.message ?? '', /rejected the API token/);
    const limited = await run<GenerateResult>('glm.generateCode', { instruction: '[[mock:error status=429 code=too_many_requests]]' });
    assert.equal(limited.status, 'error');
    assert.match(limited.message ?? '', /rate limiting/);
    await setSetting('glm.fallbackModels', []);
    const down = await run<ProposalResult>('glm.refactorSelection', { instruction: '[[mock:error status=500 code=api_error]]', autoAccept: true });
    assert.equal(down.status, 'error');
    assert.match(down.message ?? '', /temporarily unavailable/);
    assert.equal(editor.document.getText(), SOURCE);
  });

  test('a 500 from the chosen model falls back to the next one', async () => {
    await setSetting('glm.maxRetries', 0);
    await setSetting('glm.model', 'glm-4.7');
    await setSetting('glm.fallbackModels', ['glm-4.5-air']);
    const editor = await openDoc(SOURCE);
    await select(editor, 0, 0, 3, 0);
    const result = await run<ProposalResult>('glm.refactorSelection', { instruction: '[[mock:unavailable models=glm-4.7]]', autoAccept: true });
    assert.notEqual(result.status, 'error', result.message);
    assert.deepEqual((await mock.completions()).map((r) => r.body.model), ['glm-4.7', 'glm-4.5-air']);
  });

  test('explain sends the selection with its file context to the chat', async () => {
    const editor = await openDoc(SOURCE);
    await select(editor, 0, 0, 3, 0);
    const sent = await run<{ prompt: string; contextLabel: string }>('glm.explainSelection', {});
    assert.match(sent.prompt, /^Explain the selected code from \S*glm-editor-it-\d+-\d+\.js \(from line 1\)/);
    assert.ok(sent.prompt.includes('```javascript\nfunction add(a, b) {\n  return a + b;\n}\n```'), sent.prompt);
    assert.ok(sent.prompt.includes('const answer = add(40, 2);'), 'the code after it goes along');
    assert.match(sent.contextLabel, /glm-editor-it-\d+-\d+\.js:1-3$/);
    const req = await until('the chat request', async () => (await mock.completions())[0]);
    assert.ok(lastUser(req).includes('function add(a, b)'), lastUser(req));
  });
});
