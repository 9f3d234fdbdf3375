// The chat panel apart from VS Code: messages from the webview become answers streamed from the mock into a
// history on disk, refusals keep the text, and what only the editor can do is asked of it, only for code
// that came from an answer. Strings reach the webview through the localizer.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { ContextChip } from '../../../src/chat/contextChip';
import type { FromWebview } from '../../../src/shared/protocol';
import { useMockServer } from '../glm/helpers';
import { pngDataUrl } from '../../support/images';
import { answersDone, ofType, openPanel, type PanelFixture } from './chatFixture';

describe('ChatPanel', () => {
  const fixture = useMockServer();
  let p: PanelFixture;
  afterEach(() => p.close());

  const send = (text: string, extra: Partial<Extract<FromWebview, { type: 'chat/send' }>> = {}): Extract<FromWebview, { type: 'chat/send' }> => ({
    type: 'chat/send', requestId: randomUUID(), chatId: p.panel.session.activeChatId, text, chipIds: [], model: 'glm-4.7', thinking: 'auto', ...extra,
  });

  async function answered(text: string): Promise<string> {
    await p.panel.handle(send(text));
    await answersDone(p.panel);
    const chat = await p.panel.session.activeChat();
    const answer = [...chat.turns.values()].find((t) => t.kind === 'answer');
    assert.ok(answer?.kind === 'answer' && answer.status === 'done', 'the answer finished');
    return answer.text;
  }

  it('a first message creates the chat from the draft, streams the answer into the history and lists the chat', async () => {
    p = openPanel(fixture.mock.url);
    const draftId = p.panel.session.activeChatId;
    const text = await answered('How do I read a file in Python?');
    const store = await p.panel.session.store();
    assert.ok(store.has(draftId), 'the draft became a saved chat');
    const chat = await store.load(draftId);
    assert.equal(chat.title, 'How do I read a file in Python?');
    const start = ofType(p.posted, 'stream/start')[0];
    assert.equal(start.userTurn?.text, 'How do I read a file in Python?');
    assert.equal(ofType(p.posted, 'stream/delta').map((d) => d.text).join(''), text);
    assert.ok(ofType(p.posted, 'chat/list').some((m) => m.chats.some((c) => c.id === draftId)));
    assert.equal(fixture.mock.requests.length, 1);
  });

  it('a prompt too long for the model is refused with the text kept, models to switch to, and no request', async () => {
    p = openPanel(fixture.mock.url, { settings: { fallbackModels: ['glm-4.5-air'] } });
    const long = 'word '.repeat(400_000);
    await p.panel.handle(send(long));
    const [rejected] = ofType(p.posted, 'chat/sendRejected');
    assert.equal(rejected.text, long);
    assert.match(rejected.error.message, /^«This message is too long for glm-4\.7: about \d+ tokens, and at most \d+ fit\./);
    assert.equal(rejected.error.switchTo?.[0], 'glm-4.5-air');
    assert.equal(fixture.mock.requests.length, 0);
    assert.equal((await p.panel.session.store()).has(p.panel.session.activeChatId), false, 'no chat was created');
  });

  it('an image for a vision model setting that takes none is refused with the text, the image models to switch to, and no request', async () => {
    p = openPanel(fixture.mock.url, { settings: { visionModel: 'glm-4.7' } });
    const image = { name: 'shot.png', mime: 'image/png' as const, dataUrl: pngDataUrl(4, 4), width: 4, height: 4 };
    await p.panel.handle(send('What is this?', { images: [image] }));
    const [rejected] = ofType(p.posted, 'chat/sendRejected');
    assert.equal(rejected.text, 'What is this?');
    assert.equal(rejected.error.message, '«glm.visionModel is glm-4.7, which takes no images. Pick a model that does, or set glm.visionModel to one.»');
    assert.ok(rejected.error.switchTo?.includes('glm-4.6v'), `offered ${rejected.error.switchTo?.join(', ')}`);
    assert.equal(fixture.mock.requests.length, 0);
  });

  it('code actions reach the editor only for code that came from an answer in this chat', async () => {
    p = openPanel(fixture.mock.url);
    const text = await answered('Write a Python function that adds two numbers');
    const code = /```\w*\n([\s\S]*?)```/.exec(text)![1];
    await p.panel.handle({ type: 'code/apply', code: 'rm -rf / # not from any answer', lang: 'sh' });
    assert.deepEqual(p.asked, [], 'foreign code is ignored');
    await p.panel.handle({ type: 'code/apply', code, lang: 'python' });
    assert.deepEqual(p.asked, [['code', { type: 'code/apply', code, lang: 'python' }]]);
  });

  it('an attached chip is labelled through the localizer, goes out with the next prompt once, and is then gone', async () => {
    const chip: ContextChip = { kind: 'problems', id: 'chip-1', items: [{ path: 'a.ts', line: 3, severity: 'error', message: 'Missing semicolon' }] };
    p = openPanel(fixture.mock.url, { editor: { attachContext: async () => chip } });
    await p.panel.handle({ type: 'context/attach', kind: 'problems' });
    assert.equal(ofType(p.posted, 'context/chips').at(-1)?.chips[0].label, '«Problems (1)»');
    await p.panel.handle(send('Fix these', { chipIds: ['chip-1'] }));
    await answersDone(p.panel);
    assert.match(JSON.stringify(fixture.mock.requests[0].body), /Missing semicolon/);
    assert.deepEqual(ofType(p.posted, 'context/chips').at(-1)?.chips, [], 'the chip is used once');
  });

  it('export suggests a file name without path characters and localizes the Markdown labels', async () => {
    p = openPanel(fixture.mock.url);
    await answered('What is a/b: "ratio"?');
    await p.panel.handle({ type: 'chat/export', chatId: p.panel.session.activeChatId });
    const [[action, saved]] = p.asked as Array<[string, { name: string; markdown: string }]>;
    assert.equal(action, 'saveMarkdown');
    assert.equal(saved.name, 'What is a b ratio.md');
    assert.match(saved.markdown, /«You»/);
    assert.match(saved.markdown, /«GLM»/);
  });

  it('delete posts the deletion and opens a new draft; undo brings the chat back and shows it', async () => {
    p = openPanel(fixture.mock.url);
    await answered('Remember me');
    const chatId = p.panel.session.activeChatId;
    await p.panel.handle({ type: 'chat/delete', chatId });
    assert.deepEqual(ofType(p.posted, 'chat/deleted').at(-1), { type: 'chat/deleted', chatId, title: 'Remember me' });
    assert.notEqual(p.panel.session.activeChatId, chatId);
    assert.equal(ofType(p.posted, 'chat/loaded').at(-1)?.chat.turns.length, 0);
    await p.panel.handle({ type: 'chat/undoDelete', chatId });
    assert.equal(p.panel.session.activeChatId, chatId);
    assert.equal(p.state.get('glm.chat.activeChatId'), chatId, 'the shown chat is remembered across restarts');
    assert.equal(ofType(p.posted, 'chat/loaded').at(-1)?.chat.turns.length, 2);
  });

  it('a model picked in the settings becomes the open chat\'s model; a draft forgets its own pick', async () => {
    p = openPanel(fixture.mock.url);
    await answered('Hello');
    p.settings.model = 'glm-4.5-air';
    await p.panel.onSettingsChange();
    assert.equal((await p.panel.session.activeChat()).model, 'glm-4.5-air');
    assert.equal(ofType(p.posted, 'settings/update').at(-1)?.selectedModel, 'glm-4.5-air');
  });

  it('Switch model without a model, Set API Token and Open Settings are the editor\'s; Retry answers again', async () => {
    p = openPanel(fixture.mock.url);
    await answered('Hi');
    const chat = await p.panel.session.activeChat();
    const answerId = [...chat.turns.values()].find((t) => t.kind === 'answer')!.id;
    const base = { type: 'error/action' as const, requestId: randomUUID(), chatId: chat.id, turnId: answerId };
    await p.panel.handle({ ...base, action: 'switchModel' });
    await p.panel.handle({ ...base, action: 'setToken' });
    assert.deepEqual(p.asked, [['errorAction', 'switchModel'], ['errorAction', 'setToken']]);
    await p.panel.handle({ ...base, action: 'retry', requestId: randomUUID() });
    await answersDone(p.panel);
    const answers = [...(await p.panel.session.activeChat()).turns.values()].filter((t) => t.kind === 'answer');
    assert.equal(answers.length, 2, 'Retry added a sibling answer');
  });

  it('ask (an editor command) continues the chat about the same file and starts a new one for another file', async () => {
    p = openPanel(fixture.mock.url);
    assert.equal(await p.panel.ask('Explain this', { label: 'a.ts:1-3', file: 'a.ts' }), true);
    await answersDone(p.panel);
    const first = p.panel.session.activeChatId;
    await p.panel.ask('And this', { label: 'a.ts:4-6', file: 'a.ts' });
    await answersDone(p.panel);
    assert.equal(p.panel.session.activeChatId, first);
    await p.panel.ask('Explain that', { label: 'b.ts:1-2', file: 'b.ts' });
    await answersDone(p.panel);
    assert.notEqual(p.panel.session.activeChatId, first);
    assert.equal(ofType(p.posted, 'chat/loaded').at(-1)?.chat.turns[0].role, 'user');
  });

  it('the init state carries localized strings, and a token counts as present on the local mock', async () => {
    p = openPanel(fixture.mock.url);
    const state = await p.panel.session.initState();
    assert.ok(Object.values(state.strings).every((s) => s.startsWith('«')), 'every webview string went through the localizer');
    assert.equal(state.settings.hasToken, true);
    assert.equal(state.chat.title, '«New chat»');
  });
});
