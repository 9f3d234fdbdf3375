import assert from 'node:assert/strict';
import { uiStringsEn, type FromWebview, type InitState, type ToWebview } from '../../../src/shared/protocol';
import { App } from '../../../src/webview/app';
import { engine, window } from './markdownEnv';

const state = (): InitState => ({
  chats: [{ id: 'c1', title: 'First', updatedAt: 1, turnCount: 2 }],
  chat: {
    id: 'c1', title: 'First', model: 'glm-4.7', thinking: 'auto',
    usage: { promptTokens: 10, completionTokens: 5, totalTokens: 15, contextTokens: 100_000 },
    turns: [
      { role: 'user', id: 'u1', text: 'hi', chips: [], createdAt: 1 },
      { role: 'assistant', id: 'a1', text: 'See [docs](https://d.example) and `x`.', model: 'glm-4.7', status: 'done', createdAt: 2 },
    ],
  },
  models: [{ id: 'glm-4.7', label: 'GLM-4.7', contextWindow: 200_000 }, { id: 'glm-4.5-air', label: 'GLM-4.5-Air', contextWindow: 128_000 }],
  selectedModel: 'glm-4.7',
  strings: { ...uiStringsEn, send: 'Senden' },
  settings: { hasToken: true, preset: 'acedata', fallbackModels: [] },
  chips: [{ id: 'k1', kind: 'file', label: 'a.ts', estTokens: 40, preview: 'const a = 1;' }],
  lastPrompts: ['older prompt', 'last prompt'],
});

describe('App (webview panel, DOM)', () => {
  const g = globalThis as Record<string, unknown>;
  let frameQueue: Array<() => void> = [];
  let posted: FromWebview[];
  let app: App;

  before(() => {
    g.document = window.document;
    g.requestAnimationFrame = (cb: () => void) => frameQueue.push(cb);
    g.cancelAnimationFrame = () => undefined;
  });
  after(() => {
    delete g.document;
    delete g.requestAnimationFrame;
    delete g.cancelAnimationFrame;
  });
  beforeEach(() => {
    frameQueue = [];
    posted = [];
    let n = 0;
    app = new App(engine, (m) => posted.push(m), () => `r${++n}`);
    window.document.body.replaceChildren(app.el as unknown as Node);
    app.handle({ type: 'init/state', state: state() });
  });
  const frames = (): void => { for (const cb of frameQueue.splice(0)) cb(); };
  const $ = <T extends Element>(sel: string): T => {
    const el = window.document.querySelector(sel);
    assert.ok(el, sel);
    return el as unknown as T;
  };
  const key = (el: Element, k: string, init: Record<string, unknown> = {}): void => {
    el.dispatchEvent(new window.KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...init }));
  };

  it('uses the strings the host sent', () => {
    assert.equal($('.send').getAttribute('aria-label'), 'Senden');
  });

  it('Enter sends the prompt with the attached chips, model and thinking; Shift+Enter does not', () => {
    const input = $<HTMLTextAreaElement>('.prompt');
    input.value = 'explain this';
    key(input, 'Enter', { shiftKey: true });
    assert.equal(posted.filter((m) => m.type === 'chat/send').length, 0);
    key(input, 'Enter');
    const send = posted.find((m) => m.type === 'chat/send');
    assert.deepEqual(send, { type: 'chat/send', requestId: 'r1', chatId: 'c1', text: 'explain this', chipIds: ['k1'], model: 'glm-4.7', thinking: 'auto' });
    assert.equal(input.value, '');
    assert.equal($('.send').getAttribute('aria-label'), uiStringsEn.stop, 'the send button became Stop');
  });

  it('Up in an empty box recalls earlier prompts', () => {
    const input = $<HTMLTextAreaElement>('.prompt');
    key(input, 'ArrowUp');
    assert.equal(input.value, 'last prompt');
    key(input, 'ArrowUp');
    assert.equal(input.value, 'older prompt');
    key(input, 'ArrowDown');
    assert.equal(input.value, 'last prompt');
  });

  it('streams an answer for its own request only, and Stop names that request', () => {
    const input = $<HTMLTextAreaElement>('.prompt');
    input.value = 'go';
    key(input, 'Enter');
    const stream = (m: Omit<Extract<ToWebview, { type: 'stream/delta' }>, 'type' | 'requestId' | 'turnId'>, requestId = 'r1') =>
      app.handle({ type: 'stream/delta', requestId, turnId: 'a2', ...m });
    app.handle({ type: 'stream/start', requestId: 'r1', chatId: 'c1', turnId: 'a2', model: 'glm-4.7',
      userTurn: { role: 'user', id: 'u2', text: 'go', chips: [], createdAt: 3 } });
    stream({ kind: 'reasoning', index: 0, text: 'hmm' });
    stream({ kind: 'content', index: 0, text: '# Head\n\npart' });
    stream({ kind: 'content', index: 0, text: 'IGNORED' }, 'r-old');
    frames();
    const turn = $('[data-turn-id="a2"]');
    assert.equal(turn.querySelector('h1')?.textContent, 'Head');
    assert.equal(turn.querySelector('.thinking-body')?.textContent?.trim(), 'hmm');
    assert.ok(!turn.textContent?.includes('IGNORED'));
    $<HTMLButtonElement>('.send').click();
    assert.deepEqual(posted.at(-1), { type: 'chat/stop', requestId: 'r1' });
    app.handle({ type: 'stream/end', requestId: 'r1', turnId: 'a2', finishReason: 'stop', model: 'glm-4.7', stopped: true });
    assert.equal(turn.querySelector('.turn-body')?.textContent?.includes('part'), true, 'the partial answer stays');
    assert.equal($('.send').getAttribute('aria-label'), 'Senden');
    assert.ok(turn.querySelector('[aria-label="Regenerate"]'), 'regenerate shows on the last answer');
  });

  it('an error on a turn shows its actions, and Switch model retries with that model', () => {
    const input = $<HTMLTextAreaElement>('.prompt');
    input.value = 'go';
    key(input, 'Enter');
    app.handle({ type: 'stream/start', requestId: 'r1', chatId: 'c1', turnId: 'a2', model: 'glm-4.7' });
    app.handle({ type: 'stream/error', requestId: 'r1', turnId: 'a2', error: {
      kind: 'unavailable', message: 'Model overloaded', actions: ['setToken', 'switchModel'], switchTo: ['glm-4.5-air'], code: '1312' } });
    const buttons = [...window.document.querySelectorAll('[data-turn-id="a2"] .turn-error button')];
    assert.deepEqual(buttons.map((b) => b.textContent), ['Set API Token', 'Switch to glm-4.5-air']);
    (buttons[1] as unknown as HTMLButtonElement).click();
    assert.deepEqual(posted.slice(-2), [
      { type: 'chat/setModel', chatId: 'c1', model: 'glm-4.5-air' },
      { type: 'error/action', requestId: 'r2', chatId: 'c1', turnId: 'a2', action: 'switchModel', model: 'glm-4.5-air' },
    ]);
  });

  it('a rejected send gives the typed text back', () => {
    const input = $<HTMLTextAreaElement>('.prompt');
    input.value = 'too long history';
    key(input, 'Enter');
    app.handle({ type: 'chat/sendRejected', requestId: 'r1', text: 'too long history',
      error: { kind: 'contextOverflow', message: 'Too long for glm-4.7', actions: ['switchModel'], switchTo: ['glm-4.5-air'] } });
    assert.equal(input.value, 'too long history');
    assert.match($('.composer-notice').textContent ?? '', /Too long for glm-4.7/);
    $<HTMLButtonElement>('.composer-notice button').click();
    assert.deepEqual(posted.at(-1), { type: 'chat/setModel', chatId: 'c1', model: 'glm-4.5-air' });
    assert.equal($<HTMLElement>('.composer-notice').hidden, true);
  });

  it('links never navigate: a click posts link/open', () => {
    frames();   // history answers render in the next frame
    const link = $<HTMLAnchorElement>('[data-turn-id="a1"] a');
    const event = new window.MouseEvent('click', { bubbles: true, cancelable: true });
    link.dispatchEvent(event);
    assert.equal(event.defaultPrevented, true);
    assert.deepEqual(posted.at(-1), { type: 'link/open', href: 'https://d.example' });
  });

  it('editing a user turn posts chat/edit and the host replaces later turns', () => {
    $<HTMLButtonElement>('[data-turn-id="u1"] [aria-label="Edit"]').click();
    const box = $<HTMLTextAreaElement>('[data-turn-id="u1"] .edit-box');
    box.value = 'hello again';
    key(box, 'Enter');
    assert.deepEqual(posted.at(-1), { type: 'chat/edit', requestId: 'r1', chatId: 'c1', turnId: 'u1', text: 'hello again', model: 'glm-4.7', thinking: 'auto' });
    app.handle({ type: 'stream/start', requestId: 'r1', chatId: 'c1', turnId: 'a9', model: 'glm-4.7', replaceFrom: 'u1',
      userTurn: { role: 'user', id: 'u9', text: 'hello again', chips: [], createdAt: 5, branch: { index: 1, count: 2 } } });
    const ids = [...window.document.querySelectorAll('[data-turn-id]')].map((e) => e.getAttribute('data-turn-id'));
    assert.deepEqual(ids, ['u9', 'a9']);
    assert.match($('[data-turn-id="u9"] .branch-nav').textContent ?? '', /Version 2 of 2/);
  });

  it('code toolbar buttons post the code block', () => {
    app.handle({ type: 'chat/loaded', chat: { ...state().chat, turns: [
      { role: 'assistant', id: 'a5', text: '```py\nprint(1)\n```', status: 'done', createdAt: 1 }] } });
    frames();
    $<HTMLButtonElement>('[data-code-action="apply"]').click();
    assert.deepEqual(posted.at(-1), { type: 'code/apply', code: 'print(1)', lang: 'py' });
  });
});
