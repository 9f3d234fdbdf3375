import * as vscode from 'vscode';
import { flushChatHistory, registerChat } from './host/chat/registerChat';
import { registerCompletions } from './host/completions/registerCompletions';
import { registerDebugCommands } from './host/commands/debugCommands';
import { registerEditorCommands } from './host/editor/registerEditorCommands';
import { registerModelCommands } from './host/commands/modelCommands';
import { registerGlmChatProvider } from './host/lm/glmChatProvider';
import { registerTokenCommands } from './host/commands/tokenCommands';
import type { EditProposals } from './host/proposals/editProposals';
import { createServices } from './host/services';

/** What activate() returns outside production (integration tests drive the proposal API through it). */
export interface GlmTestApi {
  proposals: EditProposals;
}

/** Composition root: builds the shared services and registers every feature. No network, no file reads. */
export function activate(context: vscode.ExtensionContext): GlmTestApi | undefined {
  const services = createServices(context);
  registerTokenCommands(context, services);
  registerModelCommands(context, services);
  registerDebugCommands(context, services);
  registerChat(context, services);
  registerEditorCommands(context, services);
  registerCompletions(context, services);
  registerGlmChatProvider(context, services);
  return context.extensionMode === vscode.ExtensionMode.Production ? undefined : { proposals: services.proposals };
}

/** Waits for the chat history's last writes, so a window closed mid-answer keeps what streamed so far. */
export function deactivate(): Promise<void> {
  return flushChatHistory();
}
