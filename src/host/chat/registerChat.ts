import * as vscode from 'vscode';
import type { HostServices } from '../services';
import { AgentService } from '../agent/agentService';
import { BEFORE_SCHEME } from '../agent/agentReview';
import type { AskOrigin } from '../../chat/answerStarter';
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
      agent: new AgentService(services.client, vscode.Uri.joinPath(context.globalStorageUri, 'agent-checkpoints').fsPath, services.proposals),
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

  context.subscriptions.push(
    provider,
    services.shutdown.add(() => built?.session.flush() ?? Promise.resolve()),
    vscode.window.registerWebviewViewProvider(ChatViewProvider.viewId, provider),
    // Diffs of agent changes read the checkpoint through the controller, built on first use.
    vscode.workspace.registerTextDocumentContentProvider(BEFORE_SCHEME, { provideTextDocumentContent: (uri) => controller().agentReview?.provideTextDocumentContent(uri) ?? '' }),
    vscode.commands.registerCommand('glm.newChat', async () => {
      await controller().newChat();
      await provider.reveal();
    }),
    vscode.commands.registerCommand('glm.focusChat', () => provider.reveal()),
    // Editor commands (Explain) hand their question to the chat through this command.
    vscode.commands.registerCommand('glm.chat.ask', async (args?: { prompt?: unknown; contextLabel?: unknown; file?: unknown }) => {
      if (typeof args?.prompt !== 'string' || args.prompt.trim() === '') return false;
      await provider.reveal();
      return controller().ask(args.prompt, askOrigin(args));
    }),
  );
  const testHook = context.extensionMode !== vscode.ExtensionMode.Production ? registerChatTestHook(context, controller) : undefined;
}

/** Only short single-line strings from the command's caller reach the history. */
function askOrigin(args: { contextLabel?: unknown; file?: unknown }): AskOrigin {
  const clean = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.replace(/\s+/g, ' ').trim().slice(0, 200) : undefined);
  const label = clean(args.contextLabel);
  const file = clean(args.file);
  return { ...(label ? { label } : {}), ...(file ? { file } : {}) };
}
