// A view that throws never wedges the chat: the request ends, the composer is free, the next send goes out.
import assert from 'node:assert/strict';
import { uiStringsEn, type FromWebview } from '../../../src/shared/protocol';
import { App } from '../../../src/webview/app';
import type { MarkdownEngine } from '../../../src/webview/markdown';
import { engine, useDomGlobals, window } from './markdownEnv';

describe('App keeps working when rendering throws', () => {
  useDomGlobals();

  it('Stop and the next send work after an answer whose rendering threw', () => {
    const broken: MarkdownEngine = { ...engine, renderBlock: () => { throw new RangeError('Maximum call stack size exceeded'); } };
    const posted: FromWebview[] = [];
    const logged: unknown[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => logged.push(args);
    let n = 0;
    const app = new App(broken, (m) => posted.push(m), () => `r${++n}`);
    window.document.body.replaceChildren(app.el as unknown as Node);
    app.handle({ type: 'init/state', state: {
      chats: [], models: [{ id: 'glm-4.7', label: 'GLM-4.7', contextWindow: 1000 }], selectedModel: 'glm-4.7', strings: uiStringsEn,
      settings: { hasToken: true, preset: 'local', fallbackModels: [] }, chips: [], lastPrompts: [],
      chat: { id: 'c1', title: 'T', model: 'glm-4.7', thinking: 'auto', usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0, contextTokens: 0 },
        turns: [{ role: 'assistant', id: 'old', text: '# saved answer that cannot render', status: 'done', createdAt: 1 }] },
    } });
    const input = window.document.querySelector('textarea')! as unknown as HTMLTextAreaElement;
    const send = (text: string): void => {
      input.value = text;
      input.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    };
    send('first');
    const first = posted.at(-1) as Extract<FromWebview, { type: 'chat/send' }>;
    assert.equal(first.type, 'chat/send');
    app.handle({ type: 'stream/start', requestId: first.requestId, chatId: 'c1', turnId: 'a1', model: 'glm-4.7' });
    app.handle({ type: 'stream/delta', requestId: first.requestId, turnId: 'a1', kind: 'content', index: 0, text: '- deep\n' });
    app.handle({ type: 'stream/end', requestId: first.requestId, turnId: 'a1', finishReason: 'stop', model: 'glm-4.7', stopped: false });
    send('second');
    const second = posted.at(-1) as Extract<FromWebview, { type: 'chat/send' }>;
    assert.equal(second.type, 'chat/send');
    assert.equal(second.text, 'second');
    assert.notEqual(second.requestId, first.requestId);
    console.error = consoleError;
    assert.ok(logged.length > 0, 'the failure is logged, not swallowed');
  });
});
