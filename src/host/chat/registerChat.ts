import * as vscode from 'vscode';
import type { HostServices } from '../services';
import { AgentService } from '../agent/agentService';
import { BEFORE_SCHEME } from '../agent/agentReview';
import { ChatController } from './chatController';
import { ChatViewProvider } from './chatViewProvider';
import { PROPOSAL_SCHEME, ProposalDocuments } from './codeActions';
import { registerChatTestHook } from './chatTestHook';

/** The sidebar chat: its view, its commands, and (outside production) the test hook. Reads no files here. */
export function registerChat(context: vscode.ExtensionContext, services: HostServices): void {
  const proposals = new ProposalDocuments();
  const agent = new AgentService(services.client, vscode.Uri.joinPath(context.globalStorageUri, 'agent-checkpoints').fsPath);
  const controller = new ChatController({
    agent,
    services,
    storageDir: vscode.Uri.joinPath(context.globalStorageUri, 'history').fsPath,
    memento: context.globalState,
    proposals,
  });
  const provider = new ChatViewProvider(context.extensionUri, controller, services.log);
  controller.setPoster((msg) => provider.post(msg));

  context.subscriptions.push(
    agent,
    controller,
    provider,
    vscode.window.registerWebviewViewProvider(ChatViewProvider.viewId, provider),
    vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, proposals),
    ...(controller.agentReview ? [vscode.workspace.registerTextDocumentContentProvider(BEFORE_SCHEME, controller.agentReview)] : []),
    vscode.commands.registerCommand('glm.newChat', async () => {
      await controller.newChat();
      await provider.reveal();
    }),
    vscode.commands.registerCommand('glm.focusChat', () => provider.reveal()),
    // Editor commands (Explain) hand their question to the chat through this command.
    vscode.commands.registerCommand('glm.chat.ask', async (args?: { prompt?: unknown }) => {
      if (typeof args?.prompt !== 'string' || args.prompt.trim() === '') return false;
      await provider.reveal();
      return controller.ask(args.prompt);
    }),
  );
  if (context.extensionMode !== vscode.ExtensionMode.Production) registerChatTestHook(context, controller);
}
