import * as vscode from 'vscode';
import { registerChat } from './host/chat/registerChat';
import { registerCompletions } from './host/completions/registerCompletions';
import { registerDebugCommands } from './host/commands/debugCommands';
import { registerEditorCommands } from './host/editor/registerEditorCommands';
import { registerModelCommands } from './host/commands/modelCommands';
import { registerGlmChatProvider } from './host/lm/glmChatProvider';
import { registerTokenCommands } from './host/commands/tokenCommands';
import type { EditProposals } from './host/proposals/editProposals';
import { createServices } from './host/services';
import { registerRequestStatus } from './host/status/requestStatusMenu';
import { registerUsage } from './host/usage/registerUsage';

/** What activate() returns outside production (integration tests drive the proposal API through it). */
export interface GlmTestApi {
  proposals: EditProposals;
  /** What deactivate() runs: the last history writes. */
  shutdown(): Promise<void>;
  /** Where the chat history lives on disk. */
  historyDir: string;
}

let shutdown: (() => Promise<void>) | undefined;

/** Composition root: builds the shared services and registers every feature. No network, no file reads. */
export function activate(context: vscode.ExtensionContext): GlmTestApi | undefined {
  const services = createServices(context);
  shutdown = () => services.shutdown.run();
  registerTokenCommands(context, services);
  registerModelCommands(context, services);
  registerDebugCommands(context, services);
  registerChat(context, services);
  registerEditorCommands(context, services);
  registerUsage(context, services);
  registerRequestStatus(context, services);
  registerCompletions(context, services);
  registerGlmChatProvider(context, services);
  if (context.extensionMode === vscode.ExtensionMode.Production) return undefined;
  const historyDir = vscode.Uri.joinPath(context.globalStorageUri, 'history').fsPath;
  return { proposals: services.proposals, shutdown: () => services.shutdown.run(), historyDir };
}

/** VS Code waits for the returned promise (briefly) before the host exits: pending history writes land. */
export function deactivate(): Promise<void> | undefined {
  return shutdown?.();
}
