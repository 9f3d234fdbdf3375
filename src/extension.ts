import * as vscode from 'vscode';
import { registerChat } from './host/chat/registerChat';
import { registerDebugCommands } from './host/commands/debugCommands';
import { registerEditorCommands } from './host/editor/registerEditorCommands';
import { registerModelCommands } from './host/commands/modelCommands';
import { registerGlmChatProvider } from './host/lm/glmChatProvider';
import { registerTokenCommands } from './host/commands/tokenCommands';
import { createServices } from './host/services';

/** Composition root: builds the shared services and registers every feature. No network, no file reads. */
export function activate(context: vscode.ExtensionContext): void {
  const services = createServices(context);
  registerTokenCommands(context, services);
  registerModelCommands(context, services);
  registerDebugCommands(context, services);
  registerChat(context, services);
  registerEditorCommands(context, services);
  registerGlmChatProvider(context, services);
}

export function deactivate(): void {}
