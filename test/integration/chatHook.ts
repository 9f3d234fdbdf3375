// The chat's hidden test hook (glm.chat.debug) as functions, shared by the chat suites: messages go through
// the same validation and controller as the webview's.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ChatTestOp, ChatTestState } from '../../src/host/chat/chatTestHook';
import type { FromWebview } from '../../src/shared/protocol';
import { activateExtension, resetState } from './helpers';

export const hook = <T>(op: ChatTestOp) => vscode.commands.executeCommand<T>('glm.chat.debug', op) as Promise<T>;
export const state = () => hook<ChatTestState>({ op: 'state' });
export const waitIdle = () => hook<boolean>({ op: 'waitIdle' });

export async function post(message: FromWebview): Promise<void> {
  assert.equal(await hook<boolean>({ op: 'post', message }), true, `${message.type} was rejected`);
}

export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
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
