import * as vscode from 'vscode';
import type { HostServices } from '../services';

/** Hidden commands that let integration tests observe the host (never shown in the palette). */
export function registerDebugCommands(context: vscode.ExtensionContext, services: HostServices): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('glm.debug.recentLog', () => [...services.log.recent()]),
  );
}
