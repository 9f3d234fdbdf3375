// The editor commands' code (dist/features/editor.js), loaded when one of them first runs; registerEditorCommands.ts
// registers them (and the "Fix with GLM" quick fix) at activation.
//
// Editor commands: explain, refactor, generate at the cursor, fix a problem, write tests, add doc comments.
//
// Every command also takes an optional argument object, so tests and other extensions can run it without UI:
//   glm.explainSelection                                   -> returns { prompt, contextLabel } sent to `glm.chat.ask`
//   glm.refactorSelection  { instruction?, preset?, accept?: 'all'|'none'|number[], autoAccept?: boolean }
//   glm.writeTests         { instruction?, accept?, autoAccept? }
//   glm.addDocComments     { instruction?, accept?, autoAccept? }
//   glm.fixProblem         { uri, message, range: [sl, sc, el, ec], source?, code?, accept?, autoAccept? }
//   glm.generateCode       { instruction, onCancel?: 'keep'|'remove' }
//   glm.cancelGeneration   stops the generation in the active editor (Escape while `glm.generating`)
// They work on the active editor's selection (else the enclosing function, else the file) and resolve to a
// result object ({ status, ... }) when the run is over: ProposalResult or GenerateResult.
import * as vscode from 'vscode';
import type { CodeTask, RefactorPreset } from '../../editor/prompts';
import type { HostServices } from '../services';
import { indentStyle, resolveTarget, type EditorTarget } from './editorTarget';
import { explainSelection } from './explainSelection';
import { diagnosticArgs, FIX_COMMAND, fixRange, type FixArgs } from './fixCodeActions';
import { InlineGenerations, type GenerateResult } from './inlineGeneration';
import { ProposalSessions, type Decision, type ProposalResult } from './proposalSession';
import { pickRefactoring } from './refactorPicker';
import type { EditorCommand } from './registerEditorCommands';

interface ProposalArgs {
  instruction?: string;
  preset?: RefactorPreset;
  accept?: Decision;
  autoAccept?: boolean;
}

type RunProposal = (command: string, args: ProposalArgs, target: EditorTarget, task: CodeTask, title: string, mode?: 'replace' | 'insertAfter') => Promise<ProposalResult>;

export interface EditorCommands extends vscode.Disposable {
  run(command: EditorCommand, raw?: unknown): unknown;
}

export function createEditorCommands(services: HostServices): EditorCommands {
  const sessions = new ProposalSessions(services, services.proposals);
  const generations = new InlineGenerations(services);
  const proposal: RunProposal = (command, args, target, task, title, mode = 'replace') => sessions.run({
    task, target, mode, title,
    indent: indentStyle(vscode.window.visibleTextEditors.find((e) => e.document === target.document)),
    accept: args.accept ?? (args.autoAccept ? 'all' : undefined),
    rerun: () => vscode.commands.executeCommand(command, { ...args, accept: undefined, autoAccept: undefined }),
  });
  /** Tests and doc comments: the selection (or enclosing code) and an optional instruction. */
  const selectionCommand = (id: string, kind: 'tests' | 'docComments', title: string, mode?: 'insertAfter') => async (raw: unknown) => {
    const editor = activeEditor();
    const target = editor && (await targetOrSay(editor));
    const args = argsOf<ProposalArgs>(raw);
    return target && proposal(id, args, target, { kind, instruction: args.instruction }, title, mode);
  };
  const handlers: Record<EditorCommand, (raw?: unknown) => unknown> = {
    'glm.explainSelection': async () => {
      const editor = activeEditor();
      return editor && explainSelection(editor);
    },
    'glm.refactorSelection': (raw) => refactor(raw, proposal),
    'glm.writeTests': selectionCommand('glm.writeTests', 'tests', vscode.l10n.t('GLM: Writing tests…'), 'insertAfter'),
    'glm.addDocComments': selectionCommand('glm.addDocComments', 'docComments', vscode.l10n.t('GLM: Adding documentation comments…')),
    [FIX_COMMAND]: (raw) => fixProblem(raw, proposal),
    'glm.generateCode': (raw) => generate(raw, generations),
    'glm.cancelGeneration': () => generations.cancel(),
  };
  return { run: (command, raw) => handlers[command](raw), dispose: () => generations.dispose() };
}

async function refactor(raw: unknown, proposal: RunProposal): Promise<ProposalResult | undefined> {
  const editor = activeEditor();
  const target = editor && (await targetOrSay(editor));
  if (!target) return undefined;
  let args = argsOf<ProposalArgs>(raw);
  if (!args.instruction && !args.preset) {
    const choice = await pickRefactoring();
    if (!choice) return undefined;
    args = { ...args, ...choice };
  }
  const task: CodeTask = { kind: 'refactor', preset: args.preset, instruction: args.instruction };
  return proposal('glm.refactorSelection', args, target, task, vscode.l10n.t('GLM: Refactoring…'));
}

/** The problem given by the arguments (the quick fix), else the first one on the cursor's line. */
async function fixProblem(raw: unknown, proposal: RunProposal): Promise<ProposalResult | undefined> {
  let args = argsOf<FixArgs & ProposalArgs>(raw);
  let document: vscode.TextDocument | undefined;
  if (args.uri) document = await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri));
  else {
    const editor = activeEditor();
    if (!editor) return undefined;
    document = editor.document;
    const line = editor.selection.active.line;
    const d = vscode.languages.getDiagnostics(document.uri).find((x) => x.range.start.line <= line && x.range.end.line >= line);
    if (!d) {
      void vscode.window.showInformationMessage(vscode.l10n.t('There is no problem on this line to fix.'));
      return undefined;
    }
    args = { ...diagnosticArgs(document, d), ...args };
  }
  const [sl, sc, el, ec] = args.range ?? [0, 0, 0, 0];
  const problem = document.validateRange(new vscode.Range(sl, sc, el, ec));
  const task: CodeTask = {
    kind: 'fix',
    diagnostic: { message: args.message ?? '', source: args.source, code: args.code, line: problem.start.line + 1, severity: args.severity },
  };
  const target: EditorTarget = { document, range: fixRange(document, problem), kind: 'selection' };
  return proposal(FIX_COMMAND, args, target, task, vscode.l10n.t('GLM: Fixing the problem…'));
}

async function generate(raw: unknown, generations: InlineGenerations): Promise<GenerateResult | undefined> {
  const editor = activeEditor();
  if (!editor) return undefined;
  const args = argsOf<{ instruction?: string; onCancel?: 'keep' | 'remove' }>(raw);
  const instruction =
    args.instruction ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('Generate Code with GLM'),
      prompt: editor.selection.isEmpty ? vscode.l10n.t('What should GLM write at the cursor?') : vscode.l10n.t('How should GLM rewrite the selection?'),
      placeHolder: vscode.l10n.t('e.g. a function that parses ISO dates'),
      ignoreFocusOut: true,
    }));
  if (!instruction?.trim()) return undefined;
  return generations.generate(editor, {
    instruction,
    onCancel: args.onCancel,
    rerun: () => vscode.commands.executeCommand('glm.generateCode', { instruction }),
  });
}

function activeEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) void vscode.window.showInformationMessage(vscode.l10n.t('Open a file in the editor first.'));
  return editor;
}

async function targetOrSay(editor: vscode.TextEditor): Promise<EditorTarget | undefined> {
  const target = await resolveTarget(editor);
  if (!target) void vscode.window.showInformationMessage(vscode.l10n.t('Select some code first: the file is too large to send whole.'));
  return target;
}

/** Menu invocations pass the resource URI; only plain objects are arguments. */
function argsOf<T extends object>(raw: unknown): Partial<T> {
  return raw && typeof raw === 'object' && !(raw instanceof vscode.Uri) ? (raw as Partial<T>) : {};
}
