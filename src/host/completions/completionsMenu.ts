import * as vscode from 'vscode';
import { enabledForPreset, isLanguageDisabled, toggleLanguage } from '../../editor/completions/completionsGate';
import { MODEL_IDS } from '../../glm/modelCatalog';
import { actionLabel } from '../errorMessages';
import { runErrorAction, type HostServices } from '../services';
import type { StatusMenuItem, StatusMenuProvider } from '../status/glmStatusBar';
import type { CompletionsController } from './completionsController';

export const TOGGLE_COMMAND = 'glm.toggleCompletions';

/** The completions section of the `GLM` status bar menu. */
export class CompletionsMenu implements StatusMenuProvider {
  readonly section = vscode.l10n.t('Inline completions');

  constructor(private readonly controller: CompletionsController, private readonly services: HostServices) {}

  items(): StatusMenuItem[] {
    const c = this.controller;
    const settings = c.settings();
    const on = enabledForPreset(settings.enabled, this.services.config.get().preset);
    const gate = c.gate(vscode.window.activeTextEditor?.document);
    const items: StatusMenuItem[] = [
      on
        ? { label: `$(circle-slash) ${vscode.l10n.t('Disable inline completions')}`, run: () => c.update('enabled', 'off') }
        : { label: `$(sparkle) ${vscode.l10n.t('Enable inline completions')}`, run: () => c.update('enabled', 'on') },
    ];
    if (gate.kind === 'snoozed') {
      items.push({ label: `$(play) ${vscode.l10n.t('Resume now')}`, run: () => c.snooze(undefined) });
    } else if (on) {
      for (const minutes of [5, 30, 60]) {
        items.push({ label: `$(clock) ${vscode.l10n.t('Snooze for {0} minutes', minutes)}`, run: () => c.snooze(minutes) });
      }
    }
    const language = vscode.window.activeTextEditor?.document.languageId;
    if (language) {
      const disabled = isLanguageDisabled(settings, language);
      items.push({
        label: disabled ? `$(check) ${vscode.l10n.t('Enable for {0}', language)}` : `$(circle-slash) ${vscode.l10n.t('Disable for {0}', language)}`,
        run: () => c.update('disabledLanguages', toggleLanguage(settings.disabledLanguages, language)),
      });
    }
    items.push({ label: `$(symbol-misc) ${vscode.l10n.t('Completions model…')}`, description: settings.model, run: () => this.pickModel(settings.model) });
    return [...items, ...this.errorItems()];
  }

  /** When the last request failed: what it said, the fix it suggests, and the log. */
  private errorItems(): StatusMenuItem[] {
    const activity = this.controller.lastActivity;
    if (activity.kind !== 'error') return [];
    const described = this.services.describeError(activity.err);
    return [
      ...described.actions
        .filter((a) => a !== 'retry')
        .map((a) => ({ label: `$(warning) ${actionLabel(a)}`, detail: described.message, run: () => runErrorAction(a) })),
      { label: `$(output) ${vscode.l10n.t('Show log')}`, run: () => this.services.log.channel.show(true) },
    ];
  }

  private async pickModel(current: string): Promise<void> {
    const other = vscode.l10n.t('Other model id…');
    const picked = await vscode.window.showQuickPick(
      [...MODEL_IDS.map((id) => ({ label: id, description: id === current ? vscode.l10n.t('current') : undefined })), { label: other }],
      { title: vscode.l10n.t('GLM: Completions Model'), placeHolder: current },
    );
    if (!picked) return;
    const model = picked.label === other
      ? (await vscode.window.showInputBox({ title: vscode.l10n.t('Model id'), value: current }))?.trim()
      : picked.label;
    if (model) await this.controller.update('model', model);
  }
}
