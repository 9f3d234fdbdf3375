import * as vscode from 'vscode';
import type { FeatureLoader } from '../featureLoader';
import type { HostServices } from '../services';
import type { AskOrigin } from '../../chat/answerStarter';
import type { Chat, createChat } from './chatFeature';
import { BEFORE_SCHEME, CHAT_TEST_COMMAND, CHAT_VIEW_ID } from './chatIds';
import type { ChatTestOp } from './chatTestHook';

/**
 * The sidebar chat: its view, its commands, and (outside production) the test hook. Activation only
 * registers: the chat's code (dist/features/chat.js) loads when the view opens or a command first needs it,
 * and its controller (and with it the history store) when the page or a command first talks to it.
 */
export function registerChat(context: vscode.ExtensionContext, services: HostServices, features: FeatureLoader): void {
  let loaded: Chat | undefined;
  const chat = (): Chat => (loaded ??= features.load<{ createChat: typeof createChat }>('chat').createChat(context, services));
  context.subscriptions.push(
    services.shutdown.add(() => loaded?.flush() ?? Promise.resolve()),
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, { resolveWebviewView: (view) => chat().provider.resolveWebviewView(view) }),
    // Diffs of agent changes read the checkpoint through the controller, built on first use.
    vscode.workspace.registerTextDocumentContentProvider(BEFORE_SCHEME, { provideTextDocumentContent: (uri) => chat().controller().agentReview?.provideTextDocumentContent(uri) ?? '' }),
    vscode.commands.registerCommand('glm.newChat', async () => {
      await chat().controller().newChat();
      await chat().provider.reveal();
    }),
    vscode.commands.registerCommand('glm.focusChat', () => chat().provider.reveal()),
    // Editor commands (Explain) hand their question to the chat through this command.
    vscode.commands.registerCommand('glm.chat.ask', async (args?: { prompt?: unknown; contextLabel?: unknown; file?: unknown }) => {
      if (typeof args?.prompt !== 'string' || args.prompt.trim() === '') return false;
      await chat().provider.reveal();
      return chat().controller().ask(args.prompt, askOrigin(args));
    }),
  );
  if (context.extensionMode !== vscode.ExtensionMode.Production) {
    context.subscriptions.push(vscode.commands.registerCommand(CHAT_TEST_COMMAND, (arg: ChatTestOp) => chat().testHook?.run(arg)));
  }
}

/** Only short single-line strings from the command's caller reach the history. */
function askOrigin(args: { contextLabel?: unknown; file?: unknown }): AskOrigin {
  const clean = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.replace(/\s+/g, ' ').trim().slice(0, 200) : undefined);
  const label = clean(args.contextLabel);
  const file = clean(args.file);
  return { ...(label ? { label } : {}), ...(file ? { file } : {}) };
}
