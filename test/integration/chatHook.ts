// The chat's hidden test hook (glm.chat.debug) as functions, shared by the chat suites: messages go through
// the same validation and controller as the webview's.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ChatTestOp, ChatTestState } from '../../src/host/chat/chatTestHook';
import type { FromWebview } from '../../src/shared/protocol';
import { activateExtension, resetState, until } from './helpers';

export { until };

export const hook = <T>(op: ChatTestOp) => vscode.commands.executeCommand<T>('glm.chat.debug', op) as Promise<T>;
export const state = () => hook<ChatTestState>({ op: 'state' });
export const waitIdle = () => hook<boolean>({ op: 'waitIdle' });

export async function post(message: FromWebview): Promise<void> {
  assert.equal(await hook<boolean>({ op: 'post', message }), true, `${message.type} was rejected`);
}


/** Hooks of a chat suite: the extension active, and every test starting from clean settings in a new chat. */
export function useChatSuite(): void {
  suiteSetup(async () => {
    await activateExtension();
  });
  setup(async () => {
    await resetState();
    await post({ type: 'chat/new' });
  });
  suiteTeardown(resetState);
}
