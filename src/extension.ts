import * as vscode from 'vscode';
import { registerChat } from './host/chat/registerChat';
import { registerDebugCommands } from './host/commands/debugCommands';
import { registerEditorCommands } from './host/editor/registerEditorCommands';
import { registerModelCommands } from './host/commands/modelCommands';
import { registerTokenCommands } from './host/commands/tokenCommands';
import { createServices } from './host/services';
import { registerRequestStatus } from './host/status/requestStatusMenu';
import { registerUsage } from './host/usage/registerUsage';

/** Composition root: builds the shared services and registers every feature. No network, no file reads. */
export function activate(context: vscode.ExtensionContext): void {
  const services = createServices(context);
  registerTokenCommands(context, services);
  registerModelCommands(context, services);
  registerDebugCommands(context, services);
  registerChat(context, services);
  registerEditorCommands(context, services);
  registerUsage(context, services);
  registerRequestStatus(context, services);
}

export function deactivate(): void {}
