import * as vscode from 'vscode';
import type { RefactorPreset } from '../../editor/prompts';

export interface RefactorChoice {
  preset?: RefactorPreset;
  instruction?: string;
}

/** A quick pick of the refactoring presets; typing turns the text into a free instruction at the top. */
export function pickRefactoring(): Promise<RefactorChoice | undefined> {
  type Item = vscode.QuickPickItem & { choice: RefactorChoice };
  const presets: Item[] = [
    { label: vscode.l10n.t('Simplify'), detail: vscode.l10n.t('Remove needless complexity, keep the behaviour'), choice: { preset: 'simplify' } },
    { label: vscode.l10n.t('Add types'), detail: vscode.l10n.t('Add type annotations or hints'), choice: { preset: 'addTypes' } },
    { label: vscode.l10n.t('Extract function'), detail: vscode.l10n.t('Move the core logic into a well-named function'), choice: { preset: 'extractFunction' } },
    { label: vscode.l10n.t('Improve names'), detail: vscode.l10n.t('Rename variables and functions for clarity'), choice: { preset: 'improveNames' } },
  ];
  const qp = vscode.window.createQuickPick<Item>();
  qp.title = vscode.l10n.t('Refactor with GLM');
  qp.placeholder = vscode.l10n.t('Pick a refactoring or describe your own');
  qp.items = presets;
  return new Promise((resolve) => {
    let done = false;
    const finish = (choice: RefactorChoice | undefined): void => {
      if (done) return;
      done = true;
      resolve(choice);
      qp.dispose();
    };
    qp.onDidChangeValue((value) => {
      const text = value.trim();
      qp.items = text
        ? [{ label: text, description: vscode.l10n.t('your instruction'), alwaysShow: true, choice: { instruction: text } }, ...presets]
        : presets;
    });
    qp.onDidAccept(() => finish(qp.selectedItems[0]?.choice));
    qp.onDidHide(() => finish(undefined));
    qp.show();
  });
}
