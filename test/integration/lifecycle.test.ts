// Lifecycle in a real extension host: deactivate() returns the promise of the last history writes, so a window
// closed mid-answer keeps every delta that was streamed before it (read back from disk by a fresh store).
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { HistoryStore } from '../../src/chat/historyStore';
import type { GlmTestApi } from '../../src/extension';
import type { ChatTestOp, ChatTestState } from '../../src/host/chat/chatTestHook';
import type { FromWebview } from '../../src/shared/protocol';
import { activateExtension, resetState } from './helpers';

const hook = <T>(op: ChatTestOp) => vscode.commands.executeCommand<T>('glm.chat.debug', op) as Promise<T>;
const state = () => hook<ChatTestState>({ op: 'state' });
const post = (message: FromWebview) => hook<boolean>({ op: 'post', message });

/** The answer text streamed to the view so far for one request. */
function streamed(s: ChatTestState, requestId: string): string {
  return s.posted.flatMap((m) => (m.type === 'stream/delta' && m.requestId === requestId && m.kind === 'content' ? [m.text] : [])).join('');
}

suite('lifecycle', function () {
  this.timeout(90_000);
  let api: GlmTestApi;
  suiteSetup(async () => {
    api = (await activateExtension()).exports as GlmTestApi;
  });
  setup(resetState);

  test('deactivate flushes a streaming answer: the history on disk holds every delta sent before it', async () => {
    assert.ok(await post({ type: 'chat/new' }));
    const { activeChatId } = await state();
    const requestId = randomUUID();
    const ask = '[[mock:long-answer bytes=40000 tps=60]] A long story, please.';
    assert.ok(await post({ type: 'chat/send', requestId, chatId: activeChatId, text: ask, chipIds: [], model: 'glm-4.7', thinking: 'auto' }));
    const deadline = Date.now() + 30_000;
    let before = '';
    while (before.length < 400 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      before = streamed(await state(), requestId);
    }
    assert.ok(before.length >= 400, `the answer streams (${before.length} chars so far)`);

    await api.shutdown(); // what deactivate() returns when the window closes
    const disk = await HistoryStore.open(api.historyDir);
    const chat = await disk.load(activeChatId);
    const answer = [...chat.turns.values()].find((t) => t.kind === 'answer');
    assert.ok(answer, 'the answer turn is on disk');
    assert.ok(answer.text.startsWith(before), `on disk: ${answer.text.length} chars, streamed before the flush: ${before.length}`);

    assert.ok(await post({ type: 'chat/stop', requestId }));
    await hook({ op: 'waitIdle' });
  });
});
