import * as path from 'node:path';
import * as vscode from 'vscode';
import { registerChat } from './chat/registerChat';
import { registerCompletions } from './completions/registerCompletions';
import { registerDebugCommands } from './commands/debugCommands';
import { registerEditorCommands } from './editor/registerEditorCommands';
import { registerModelCommands } from './commands/modelCommands';
import { registerGlmChatProvider } from './lm/registerGlmChatProvider';
import { registerTokenCommands } from './commands/tokenCommands';
import { featureLoader } from './featureLoader';
import type { EditProposals } from './proposals/editProposals';
import { createServices } from './services';
import { registerRequestStatus } from './status/requestStatusMenu';
import { registerUsage } from './usage/registerUsage';

/** What activate() returns outside production (integration tests drive the proposal API through it). */
export interface GlmTestApi {
  proposals: EditProposals;
  /** What deactivate() runs: the last history writes. */
  shutdown(): Promise<void>;
  /** Where the chat history lives on disk. */
  historyDir: string;
  /** The features (dist/features/*.js) loaded when activate() returned, and the ones loaded so far. */
  featuresAtActivation: string[];
  features(): string[];
}

let shutdown: (() => Promise<void>) | undefined;

/**
 * Composition root (dist/main.js, loaded by src/extension.ts through V8's code cache): builds the shared
 * services and registers every feature; the features' code loads when first used (featureLoader.ts). No
 * network, no file reads.
 */
export function activate(context: vscode.ExtensionContext): GlmTestApi | undefined {
  // This bundle runs with the entry's `require` and from dist/ (codeCache.ts), where the features are.
  const features = featureLoader(__dirname, path.join(context.globalStorageUri.fsPath, 'code-cache'), require);
  const services = createServices(context, features);
  shutdown = () => services.shutdown.run();
  registerTokenCommands(context, services);
  registerModelCommands(context, services);
  registerDebugCommands(context, services);
  registerChat(context, services, features);
  registerEditorCommands(context, services, features);
  registerUsage(context, services, features);
  registerRequestStatus(context, services);
  registerCompletions(context, services, features);
  registerGlmChatProvider(context, services, features);
  if (context.extensionMode === vscode.ExtensionMode.Production) return undefined;
  const historyDir = vscode.Uri.joinPath(context.globalStorageUri, 'history').fsPath;
  return { proposals: services.proposals, shutdown: () => services.shutdown.run(), historyDir, featuresAtActivation: features.loaded(), features: () => features.loaded() };
}

/** VS Code waits for the returned promise (briefly) before the host exits: pending history writes land. */
export function deactivate(): Promise<void> | undefined {
  return shutdown?.();
}
