// Thinking per turn, preserved thinking and web search sources, through the chat's real controller (the
// hidden test hook) against the mock over HTTP.
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { ChatTestOp, ChatTestState } from '../../src/host/chat/chatTestHook';
import type { FromWebview, ThinkingMode } from '../../src/shared/protocol';
import { activateExtension, mock, resetState, setSetting } from './helpers';

const hook = <T>(op: ChatTestOp) => vscode.commands.executeCommand<T>('glm.chat.debug', op) as Promise<T>;
const state = () => hook<ChatTestState>({ op: 'state' });

async function send(text: string, thinking: ThinkingMode, extra: { webSearch?: boolean } = {}): Promise<void> {
  const { activeChatId } = await state();
  const message: FromWebview = { type: 'chat/send', requestId: randomUUID(), chatId: activeChatId, text, chipIds: [], model: 'glm-4.7', thinking, ...extra };
  assert.equal(await hook<boolean>({ op: 'post', message }), true);
  await hook({ op: 'waitIdle' });
}

suite('thinking control and web search', () => {
  suiteSetup(async () => {
    await activateExtension();
  });
  setup(async () => {
    await resetState();
    assert.equal(await hook<boolean>({ op: 'post', message: { type: 'chat/new' } }), true);
    await mock.reset();
  });
  teardown(async () => {
    await setSetting('glm.preserveThinking', undefined);
  });

  test('thinking is chosen per turn, and preserved thinking sends earlier reasoning back unchanged', async () => {
    await setSetting('glm.preserveThinking', 'on');
    await send('How do I sort in Rust? [[mock:reasoning]]', 'enabled');
    await send('And descending? [[mock:reasoning]]', 'disabled');
    const [first, second] = await mock.completions();
    assert.deepEqual(first.body.thinking, { type: 'enabled', clear_thinking: false });
    assert.deepEqual(second.body.thinking, { type: 'disabled' }, 'the second turn turned thinking off');
    const saved = (await state()).turns.find((t) => t.kind === 'answer')?.thinking ?? '';
    assert.ok(saved.length > 10, 'the first answer thought');
    const sentBack = second.body.messages.find((m: { role: string }) => m.role === 'assistant');
    assert.equal(sentBack.reasoning_content, saved);
  });

  test('the Web toggle adds the web_search tool and the sources are saved with the answer', async () => {
    await send('How do I read a file in Go?', 'auto', { webSearch: true });
    const [request] = await mock.completions();
    assert.deepEqual(request.body.tools, [{ type: 'web_search', web_search: { enable: true, search_result: true } }]);
    const s = await state();
    const sourcesMsg = s.posted.find((m) => m.type === 'stream/sources');
    assert.ok(sourcesMsg && sourcesMsg.type === 'stream/sources' && sourcesMsg.sources.length === 2);
    await hook({ op: 'reload' });
    const answer = [...(await state()).turns].reverse().find((t) => t.kind === 'answer');
    assert.match(answer?.text ?? '', /\[ref_1\]/);
    assert.deepEqual(answer?.sources, ['https://example.com/guide', 'https://example.org/questions/42'], 'sources survive a reload');
  });

  test('a model the endpoint does not serve (1211) offers Switch Model with models the endpoint serves', async () => {
    await send('hi [[mock:error code=1211]]', 'auto');
    const failed = (await state()).posted.filter((m) => m.type === 'stream/error').at(-1);
    assert.ok(failed && failed.type === 'stream/error', 'the turn failed');
    assert.ok(failed.error.actions.includes('switchModel'), failed.error.actions.join());
    assert.ok((failed.error.switchTo ?? []).length > 0 && !(failed.error.switchTo ?? []).includes('glm-4.7'), String(failed.error.switchTo));
  });
});
