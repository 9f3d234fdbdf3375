import * as vscode from 'vscode';
import { describeModel, getModelInfo } from '../../glm/modelCatalog';
import { modelsForPreset } from '../../glm/presets';
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
      ...modelsForPreset(services.config.get().preset).map((id) => ({
        label: id,
        description: id === current ? vscode.l10n.t('current') : undefined,
        detail: modelDetail(id),
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

/** "200K context · 128K output · images · tools · always thinks" for the picker. */
function modelDetail(id: string): string {
  const m = describeModel(id);
  const parts = [vscode.l10n.t('{0}K context', Math.round(m.contextWindow / 1024))];
  if (m.maxOutput) parts.push(vscode.l10n.t('{0}K output', Math.round(m.maxOutput / 1024)));
  if (m.imageInput) parts.push(vscode.l10n.t('images'));
  if (m.toolCalling) parts.push(vscode.l10n.t('tools'));
  if (m.thinkingDefault === 'always') parts.push(vscode.l10n.t('always thinks'));
  return parts.join(' · ');
}
