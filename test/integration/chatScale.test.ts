// Chat paging in a real extension host: a chat longer than a page reaches the webview as its newest page
// plus a count of older turns, and `chat/loadOlder` answers with the page before (down to a search hit).
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { ChatTestOp, ChatTestState } from '../../src/host/chat/chatTestHook';
import type { FromWebview, ToWebview } from '../../src/shared/protocol';
import { activateExtension, resetState } from './helpers';

const hook = <T>(op: ChatTestOp) => vscode.commands.executeCommand<T>('glm.chat.debug', op) as Promise<T>;
const state = () => hook<ChatTestState>({ op: 'state' });

async function post(message: FromWebview): Promise<void> {
  assert.equal(await hook<boolean>({ op: 'post', message }), true, `${message.type} was rejected`);
}

const lastOf = <T extends ToWebview['type']>(s: ChatTestState, type: T) =>
  [...s.posted].reverse().find((m): m is Extract<ToWebview, { type: T }> => m.type === type);

suite('chat paging', () => {
  suiteSetup(activateExtension);
  suiteTeardown(resetState);

  test('a 44-turn chat opens with its newest 40 turns; older pages follow on request', async function () {
    this.timeout(180_000);
    await resetState();
    await post({ type: 'chat/new' });
    for (let i = 0; i < 22; i++) {
      const { activeChatId } = await state();
      await post({ type: 'chat/send', requestId: randomUUID(), chatId: activeChatId, text: `[[mock:code]] question ${i}`, chipIds: [], model: 'glm-4.7', thinking: 'auto' });
      assert.equal(await hook<boolean>({ op: 'waitIdle' }), true);
    }
    const { activeChatId: chatId, turns } = await state();
    assert.equal(turns.length, 44);
    await post({ type: 'chat/new' });
    await post({ type: 'chat/switch', chatId });
    const loaded = lastOf(await state(), 'chat/loaded')!;
    assert.equal(loaded.chat.id, chatId);
    assert.equal(loaded.chat.turns.length, 40);
    assert.equal(loaded.chat.olderCount, 4);
    assert.equal(loaded.chat.turns[0].id, turns[4].id);

    await post({ type: 'chat/loadOlder', chatId, before: 4 });
    const page = lastOf(await state(), 'chat/page')!;
    assert.deepEqual({ chatId: page.chatId, start: page.start }, { chatId, start: 0 });
    assert.deepEqual(page.turns.map((t) => t.id), turns.slice(0, 4).map((t) => t.id));
  });
});
