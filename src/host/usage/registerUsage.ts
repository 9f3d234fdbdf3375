import * as vscode from 'vscode';
import type { HostServices } from '../services';
import { UsagePanel } from './usagePanel';

/** "GLM: Show Usage". */
export function registerUsage(context: vscode.ExtensionContext, services: HostServices): void {
  const panel = new UsagePanel(context.extensionUri, services.usage);
  context.subscriptions.push(panel, vscode.commands.registerCommand('glm.showUsage', () => panel.show()));
}
