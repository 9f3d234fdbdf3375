// First paint in the display language, the welcome state of an empty chat, and Copy's feedback (DOM, jsdom).
import assert from 'node:assert/strict';
import { UI_STRINGS_ELEMENT_ID, uiStringsEn, type FromWebview, type InitState, type UiStrings } from '../../../src/shared/protocol';
import { App } from '../../../src/webview/app';
import { COPIED_MS } from '../../../src/webview/codeToolbar';
import { loadPageStrings, setStrings } from '../../../src/webview/strings';
import { engine, runFrames, useDomGlobals, window } from './markdownEnv';

const emptyState = (hasToken: boolean, chats: InitState['chats'] = []): InitState => ({
  chats,
  chat: { id: 'c1', title: '', model: 'glm-4.7', thinking: 'auto', usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0, contextTokens: 0 }, turns: [] },
  models: [{ id: 'glm-4.7', label: 'glm-4.7', contextWindow: 200_000 }],
  selectedModel: 'glm-4.7',
  strings: { ...uiStringsEn },
  settings: { hasToken, preset: 'acedata', fallbackModels: [] },
  chips: [],
  lastPrompts: [],
});

describe('chat polish (webview, DOM)', () => {
  const doc = window.document;
  let posted: FromWebview[];

  useDomGlobals();
  afterEach(() => {
    setStrings({});
    doc.getElementById(UI_STRINGS_ELEMENT_ID)?.remove();
  });

  const build = (): App => {
    posted = [];
    let n = 0;
    const app = new App(engine, (m) => posted.push(m), () => `r${++n}`);
    doc.body.replaceChildren(app.el as unknown as Node);
    return app;
  };
  const $ = <T extends Element>(sel: string): T => {
    const el = doc.querySelector(sel);
    assert.ok(el, sel);
    return el as unknown as T;
  };
  const texts = (sel: string): string[] => [...doc.querySelectorAll(sel)].map((e) => e.textContent ?? '');

  it('builds the composer in the page language before any message arrives', () => {
    const zh: Partial<UiStrings> = { inputPlaceholder: '向 GLM 提问…', thinkingAuto: '思考：模型默认', thinkingOn: '思考：开', thinkingOff: '思考：关', send: '发送' };
    const block = doc.createElement('script');
    block.type = 'application/json';
    block.id = UI_STRINGS_ELEMENT_ID;
    block.textContent = JSON.stringify({ ...zh, notAKey: 'x', copy: 42 });
    doc.head.append(block);
    loadPageStrings(doc as unknown as Document);
    build();
    assert.equal($('.prompt').getAttribute('placeholder'), '向 GLM 提问…');
    assert.deepEqual(texts('.thinking-select option'), ['思考：模型默认', '思考：开', '思考：关']);
    assert.equal($('.send').getAttribute('aria-label'), '发送');
    assert.ok(texts('.welcome-shortcuts dd').includes('发送'), 'the welcome too');
  });

  it('keeps English when the page block is missing or broken', () => {
    const block = doc.createElement('script');
    block.id = UI_STRINGS_ELEMENT_ID;
    block.textContent = '{not json';
    doc.head.append(block);
    loadPageStrings(doc as unknown as Document);
    build();
    assert.equal($('.prompt').getAttribute('placeholder'), uiStringsEn.inputPlaceholder);
  });

  it('an empty chat without a token shows the three setup steps as buttons, the shortcuts and the walkthrough link', () => {
    const app = build();
    app.handle({ type: 'init/state', state: emptyState(false) });
    assert.equal($('.welcome').hasAttribute('hidden'), false);
    const buttons = [...doc.querySelectorAll<HTMLButtonElement>('.welcome button')];
    assert.deepEqual(buttons.map((b) => b.textContent),
      [uiStringsEn.setToken, uiStringsEn.choosePreset, uiStringsEn.testConnection, uiStringsEn.openWalkthrough]);
    for (const b of buttons) b.click();
    assert.deepEqual(posted.filter((m) => m.type === 'welcome/action').map((m) => m.type === 'welcome/action' && m.action),
      ['setToken', 'choosePreset', 'testConnection', 'openWalkthrough']);
    assert.ok(texts('.welcome-shortcuts dd').includes(uiStringsEn.shortcutNewLine));
    assert.ok(!texts('.welcome').join(' ').includes(uiStringsEn.welcomeTokenSet));
  });

  it('says the token is set once the host reports one, and goes when the first answer starts', () => {
    const app = build();
    app.handle({ type: 'init/state', state: emptyState(false) });
    app.handle({ type: 'settings/update', models: emptyState(true).models, selectedModel: 'glm-4.7', settings: emptyState(true).settings });
    assert.match($('.welcome-step.done').textContent ?? '', new RegExp(uiStringsEn.welcomeTokenSet));
    assert.ok($('.welcome [data-welcome-action="testConnection"]').classList.contains('primary'), 'Test Connection is the next step');
    const input = $<HTMLTextAreaElement>('.prompt');
    input.value = 'hi';
    input.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    app.handle({ type: 'stream/start', requestId: 'r1', chatId: 'c1', turnId: 'a1', model: 'glm-4.7',
      userTurn: { role: 'user', id: 'u1', text: 'hi', chips: [], createdAt: 1 } });
    assert.equal($('.welcome').hasAttribute('hidden'), true);
  });

  it('after a first answer an empty chat shows the short hint and the shortcuts, not the setup steps', () => {
    const app = build();
    app.handle({ type: 'init/state', state: emptyState(true, [{ id: 'c0', title: 'Earlier', updatedAt: 1, turnCount: 2 }]) });
    assert.equal($('.welcome').hasAttribute('hidden'), false);
    assert.equal(doc.querySelectorAll('.welcome-steps').length, 0);
    assert.deepEqual(texts('.welcome-lead'), [uiStringsEn.emptyChat]);
    assert.ok(doc.querySelector('.welcome-shortcuts'));
  });

  it('Copy says "Copied" on the button and to screen readers', async () => {
    const app = build();
    const state = emptyState(true);
    state.chat.turns = [{ role: 'assistant', id: 'a1', text: '```js\nlet a = 1;\n```', model: 'glm-4.7', status: 'done', createdAt: 1 }];
    app.handle({ type: 'init/state', state });
    runFrames();   // history answers render in the next frame
    const copy = $<HTMLButtonElement>('[data-code-action="copy"]');
    copy.click();
    assert.deepEqual(posted.at(-1), { type: 'code/copy', code: 'let a = 1;' });
    assert.equal(copy.textContent, uiStringsEn.copied);
    assert.equal(copy.getAttribute('aria-label'), uiStringsEn.copied);
    await new Promise((r) => setTimeout(r, 80));
    assert.equal($('[role="status"][aria-live="polite"]').textContent, uiStringsEn.copied);
    await new Promise((r) => setTimeout(r, COPIED_MS));
    assert.equal(copy.getAttribute('aria-label'), uiStringsEn.copy, 'back to Copy after a moment');
    assert.equal(copy.textContent, '');
  });
});
