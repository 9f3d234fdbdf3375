// The chat's code (dist/features/chat.js), loaded when the view or a chat command is first used; the core
// registered them (registerChat.ts) and hands over the services it built.
import * as vscode from 'vscode';
import { AgentService } from '../agent/agentService';
import type { HostServices } from '../services';
import { ChatController } from './chatController';
import { ChatTestHook } from './chatTestHook';
import { ChatViewProvider } from './chatViewProvider';

export interface Chat {
  provider: ChatViewProvider;
  /** Built on first use, with the history store: showing the page does not wait for it. */
  controller(): ChatController;
  /** The last history writes, if the chat was used. */
  flush(): Promise<void>;
  /** Outside production only. */
  testHook: ChatTestHook | undefined;
}

export function createChat(context: vscode.ExtensionContext, services: HostServices): Chat {
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
    testHook?.attach(built);
    return built;
  };
  const provider = new ChatViewProvider(context.extensionUri, controller, services.log);
  const testHook = context.extensionMode !== vscode.ExtensionMode.Production ? new ChatTestHook(controller) : undefined;
  context.subscriptions.push(provider, ...(testHook ? [testHook] : []));
  return { provider, controller, flush: () => built?.session.flush() ?? Promise.resolve(), testHook };
}
