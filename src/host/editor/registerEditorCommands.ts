// Editor commands: explain, refactor, generate at the cursor, fix a problem, write tests, add doc comments
// (their arguments and results: editorFeature.ts). Activation registers them and the "Fix with GLM" quick
// fix; their code (dist/features/editor.js) loads when one first runs.
import * as vscode from 'vscode';
import type { FeatureLoader } from '../featureLoader';
import type { HostServices } from '../services';
import type { createEditorCommands, EditorCommands } from './editorFeature';
import { FIX_COMMAND, FixWithGlmProvider } from './fixCodeActions';

const EDITOR_COMMANDS = ['glm.explainSelection', 'glm.refactorSelection', 'glm.writeTests', 'glm.addDocComments', FIX_COMMAND, 'glm.generateCode', 'glm.cancelGeneration'] as const;
export type EditorCommand = (typeof EDITOR_COMMANDS)[number];

export function registerEditorCommands(context: vscode.ExtensionContext, services: HostServices, features: FeatureLoader): void {
  let loaded: EditorCommands | undefined;
  const commands = (): EditorCommands => {
    if (loaded) return loaded;
    loaded = features.load<{ createEditorCommands: typeof createEditorCommands }>('editor').createEditorCommands(services);
    context.subscriptions.push(loaded);
    return loaded;
  };
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider([{ scheme: 'file' }, { scheme: 'untitled' }], new FixWithGlmProvider(), {
      providedCodeActionKinds: FixWithGlmProvider.kinds,
    }),
    ...EDITOR_COMMANDS.map((id) => vscode.commands.registerCommand(id, (raw?: unknown) => commands().run(id, raw))),
  );
}
