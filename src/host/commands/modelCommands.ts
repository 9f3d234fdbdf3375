import * as vscode from 'vscode';
import { getModelInfo, MODEL_IDS } from '../../glm/presets';
import type { HostServices } from '../services';

/** "GLM: Select Model": the seed models plus a free model id; also the target of every "Switch Model" action. */
export function registerModelCommands(context: vscode.ExtensionContext, services: HostServices): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('glm.selectModel', (model?: unknown) => selectModel(services, model)),
  );
}

async function selectModel(services: HostServices, given: unknown): Promise<string | undefined> {
  const current = services.config.get().model;
  let model = typeof given === 'string' && given.trim() ? given.trim() : undefined;
  if (!model) {
    const custom = vscode.l10n.t('Other model id…');
    const items: vscode.QuickPickItem[] = [
      ...MODEL_IDS.map((id) => ({
        label: id,
        description: id === current ? vscode.l10n.t('current') : undefined,
        detail: vscode.l10n.t('{0}K context', Math.round((getModelInfo(id)?.contextWindow ?? 0) / 1024)),
      })),
      { label: custom, alwaysShow: true },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('GLM: Select Model'), placeHolder: current });
    if (!picked) return undefined;
    model =
      picked.label === custom
        ? (await vscode.window.showInputBox({ title: vscode.l10n.t('Model id'), value: current }))?.trim()
        : picked.label;
    if (!model) return undefined;
  }
  const known = getModelInfo(model) !== undefined;
  await services.config.update('model', known ? model : current);
  await services.config.update('customModel', known ? '' : model);
  services.log.info(`Model set to ${model}.`);
  return model;
}
