// The composer's per-turn options (Thinking fitted to the model, Alt+T, the Web toggle and Alt+W) and the
// web sources under an answer with linked [ref_N] markers, in the real App against jsdom.
import assert from 'node:assert/strict';
import { uiStringsEn, type FromWebview, type InitState } from '../../../src/shared/protocol';
import { App } from '../../../src/webview/app';
import { engine, window } from './markdownEnv';

const state = (webSearch: boolean): InitState => ({
  chats: [],
  chat: { id: 'c1', title: 'T', model: 'glm-4.7', thinking: 'auto', usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0, contextTokens: 200_000 }, turns: [
    { role: 'user', id: 'u1', text: 'q', chips: [], createdAt: 1 },
    { role: 'assistant', id: 'a1', text: 'Go reads files with os.ReadFile [ref_1], see also [ref_2] and `[ref_1]`.', status: 'done', createdAt: 2,
      sources: [{ refer: 'ref_1', title: 'Go docs', link: 'https://go.example/os', media: 'Go' }, { refer: 'ref_2', title: 'Q&A', link: 'https://qa.example/1' }] },
  ] },
  models: [
    { id: 'glm-4.7', label: 'glm-4.7', contextWindow: 200_000, thinking: 'enabled' },
    { id: 'glm-z1-air', label: 'glm-z1-air', contextWindow: 128_000, thinking: 'always' },
    { id: 'glm-3-turbo', label: 'glm-3-turbo', contextWindow: 128_000, thinking: 'none' },
  ],
  selectedModel: 'glm-4.7',
  strings: { ...uiStringsEn },
  settings: { hasToken: true, preset: 'zai', fallbackModels: [], webSearch },
  chips: [],
  lastPrompts: [],
});

describe('composer turn options and web sources', () => {
  const g = globalThis as Record<string, unknown>;
  let posted: FromWebview[];
  let app: App;
  before(() => {
    g.document = window.document;
    g.NodeFilter = window.NodeFilter;
    g.requestAnimationFrame = (cb: () => void) => setTimeout(cb, 0);
    g.cancelAnimationFrame = () => undefined;
  });
  after(() => {
    for (const k of ['document', 'NodeFilter', 'requestAnimationFrame', 'cancelAnimationFrame']) delete g[k];
  });
  const start = (webSearch: boolean): void => {
    posted = [];
    let n = 0;
    app = new App(engine, (m) => posted.push(m), () => `r${++n}`);
    window.document.body.replaceChildren(app.el as unknown as Node);
    app.handle({ type: 'init/state', state: state(webSearch) });
  };
  const $ = <T extends Element>(sel: string): T => window.document.querySelector(sel) as unknown as T;
  const altKey = (k: string): void => {
    $('.prompt').dispatchEvent(new window.KeyboardEvent('keydown', { key: k, altKey: true, bubbles: true, cancelable: true }));
  };
  const send = (text: string): Extract<FromWebview, { type: 'chat/send' }> => {
    const input = $<HTMLTextAreaElement>('.prompt');
    input.value = text;
    input.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    return posted.filter((m): m is Extract<FromWebview, { type: 'chat/send' }> => m.type === 'chat/send').at(-1)!;
  };

  it('Alt+T cycles thinking from the prompt box and the next send carries it', () => {
    start(false);
    assert.equal($('.thinking-select').getAttribute('aria-keyshortcuts'), 'Alt+T');
    altKey('t');
    assert.equal($<HTMLSelectElement>('.thinking-select').value, 'enabled');
    altKey('t');
    assert.equal(send('hello').thinking, 'disabled');
  });

  it('fits Thinking to the model: no "off" for a model that always thinks, nothing for one without', () => {
    start(false);
    const select = $<HTMLSelectElement>('.model-select');
    select.value = 'glm-z1-air';
    select.dispatchEvent(new window.Event('change'));
    const thinking = $<HTMLSelectElement>('.thinking-select');
    assert.equal([...thinking.options].find((o) => o.value === 'disabled')!.disabled, true);
    altKey('t'); altKey('t'); altKey('t');
    assert.notEqual(thinking.value, 'disabled');
    select.value = 'glm-3-turbo';
    select.dispatchEvent(new window.Event('change'));
    assert.equal(thinking.disabled, true);
  });

  it('shows the Web toggle only where web search exists; pressed, it rides on the next send', () => {
    start(false);
    assert.equal($<HTMLElement>('.web-toggle').hidden, true);
    assert.equal(send('a').webSearch, undefined);
    start(true);
    const web = $<HTMLButtonElement>('.web-toggle');
    assert.equal(web.hidden, false);
    web.click();
    assert.equal(web.getAttribute('aria-pressed'), 'true');
    assert.equal(send('b').webSearch, true);
    altKey('w');
    assert.equal(web.getAttribute('aria-pressed'), 'false');
  });

  it('lists the sources under the answer and links [ref_N] markers outside code', async () => {
    start(false);
    await new Promise((r) => setTimeout(r, 50));
    const links = [...window.document.querySelectorAll('.web-sources a')].map((a) => a.getAttribute('href'));
    assert.deepEqual(links, ['https://go.example/os', 'https://qa.example/1']);
    const citations = [...window.document.querySelectorAll('.citation')];
    assert.equal(citations.length, 2, 'both markers linked');
    {
      assert.deepEqual(citations.map((a) => a.getAttribute('href')), ['https://go.example/os', 'https://qa.example/1']);
      assert.match(window.document.querySelector('.turn-assistant code')?.textContent ?? '', /\[ref_1\]/);
    }
  });
});
