import * as vscode from 'vscode';
import type { HostServices } from '../services';
import { AgentService } from '../agent/agentService';
import { BEFORE_SCHEME } from '../agent/agentReview';
import { ChatController } from './chatController';
import { ChatViewProvider } from './chatViewProvider';
import { registerChatTestHook } from './chatTestHook';

/**
 * The sidebar chat: its view, its commands, and (outside production) the test hook. Activation only
 * registers: the controller (and with it the history store) is built when the view or a command first needs it.
 */
export function registerChat(context: vscode.ExtensionContext, services: HostServices): void {
  let built: ChatController | undefined;
  const controller = (): ChatController => {
    if (built) return built;
    built = new ChatController({
      agent: new AgentService(services.client, vscode.Uri.joinPath(context.globalStorageUri, 'agent-checkpoints').fsPath),
      services,
      storageDir: vscode.Uri.joinPath(context.globalStorageUri, 'history').fsPath,
      memento: context.globalState,
    });
    built.setPoster((msg) => provider.post(msg));
    context.subscriptions.push(built);
    testHook?.(built);
    return built;
  };
  const provider = new ChatViewProvider(context.extensionUri, controller, services.log);
  pendingHistory = () => built?.session.flush() ?? Promise.resolve();

  context.subscriptions.push(
    provider,
    vscode.window.registerWebviewViewProvider(ChatViewProvider.viewId, provider),
    // Diffs of agent changes read the checkpoint through the controller, built on first use.
    vscode.workspace.registerTextDocumentContentProvider(BEFORE_SCHEME, { provideTextDocumentContent: (uri) => controller().agentReview?.provideTextDocumentContent(uri) ?? '' }),
    vscode.commands.registerCommand('glm.newChat', async () => {
      await controller().newChat();
      await provider.reveal();
    }),
    vscode.commands.registerCommand('glm.focusChat', () => provider.reveal()),
    // Editor commands (Explain) hand their question to the chat through this command.
    vscode.commands.registerCommand('glm.chat.ask', async (args?: { prompt?: unknown }) => {
      if (typeof args?.prompt !== 'string' || args.prompt.trim() === '') return false;
      await provider.reveal();
      return controller().ask(args.prompt);
    }),
  );
  const testHook = context.extensionMode !== vscode.ExtensionMode.Production ? registerChatTestHook(context, controller) : undefined;
}

let pendingHistory: () => Promise<void> = () => Promise.resolve();

/** Writes the chat history's buffered deltas: what `deactivate()` waits for, so a closed window keeps them. */
export function flushChatHistory(): Promise<void> {
  return pendingHistory();
}
