import * as vscode from 'vscode';
import type { HostServices } from '../services';
import { ChatController } from './chatController';
import { ChatViewProvider } from './chatViewProvider';
import { registerChatTestHook } from './chatTestHook';

/** The sidebar chat: its view, its commands, and (outside production) the test hook. Reads no files here. */
export function registerChat(context: vscode.ExtensionContext, services: HostServices): void {
  const controller = new ChatController({
    services,
    storageDir: vscode.Uri.joinPath(context.globalStorageUri, 'history').fsPath,
    memento: context.globalState,
  });
  const provider = new ChatViewProvider(context.extensionUri, controller, services.log);
  controller.setPoster((msg) => provider.post(msg));

  context.subscriptions.push(
    controller,
    provider,
    services.shutdown.add(() => controller.session.flush()),
    vscode.window.registerWebviewViewProvider(ChatViewProvider.viewId, provider),
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
