// The agent part of the chat webview in a DOM: mode switch, streaming tool cards, approval, changed files,
// restore confirmation, and a reloaded turn built from its saved agent state.
import assert from 'node:assert/strict';
import { uiStringsEn, type FromWebview, type InitState } from '../../../src/shared/protocol';
import { App } from '../../../src/webview/app';
import { mountApp, useDomGlobals, window } from '../webview/markdownEnv';

const state = (): InitState => ({
  chats: [{ id: 'c1', title: 'Agent', updatedAt: 1, turnCount: 0 }],
  chat: { id: 'c1', title: 'Agent', model: 'glm-4.7', thinking: 'auto', usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0, contextTokens: 0 }, turns: [] },
  models: [{ id: 'glm-4.7', label: 'GLM-4.7', contextWindow: 200_000 }],
  selectedModel: 'glm-4.7', strings: { ...uiStringsEn }, settings: { hasToken: true, preset: 'local', fallbackModels: [] },
  chips: [], lastPrompts: [],
});

describe('agent mode in the webview (DOM)', () => {
  useDomGlobals();
  let posted: FromWebview[];
  let app: App;
  beforeEach(() => {
    ({ app, posted } = mountApp(state()));
  });
  const $ = (sel: string): HTMLElement => {
    const el = window.document.querySelector(sel);
    assert.ok(el, sel);
    return el as unknown as HTMLElement;
  };
  const click = (el: Element): void => { el.dispatchEvent(new window.MouseEvent('click', { bubbles: true })); };

  function startAgentTurn(): void {
    const select = $('.mode-select') as unknown as HTMLSelectElement;
    select.value = 'agent';
    select.dispatchEvent(new window.Event('change'));
    const input = $('.prompt') as unknown as HTMLTextAreaElement;
    input.value = 'fix the TODO';
    input.dispatchEvent(new window.KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    app.handle({ type: 'stream/start', requestId: 'r1', chatId: 'c1', turnId: 'a1', model: 'glm-4.7', userTurn: { role: 'user', id: 'u1', text: 'fix the TODO', chips: [], createdAt: 1 } });
  }

  it('sends agent mode, streams a card, and answers its approval with a reason', () => {
    startAgentTurn();
    assert.equal((posted.find((m) => m.type === 'chat/send') as { mode?: string }).mode, 'agent');
    const step = (status: 'preparing' | 'awaiting', args: string) => ({ type: 'agent/part' as const, chatId: 'c1', turnId: 'a1',
      part: { kind: 'tool' as const, id: 'k1', step: { callId: 'k1', tool: 'edit_file', title: status === 'awaiting' ? 'src/a.ts' : '', args, status, ...(status === 'awaiting' ? { diff: ['-a', '+b'], change: { path: 'src/a.ts', created: false, added: 1, removed: 1 } } : {}) } } });
    app.handle(step('preparing', '{"path":"src/'));
    assert.match($('.tool-step').textContent ?? '', /edit_file.*preparing…/);
    app.handle({ type: 'agent/thinking', chatId: 'c1', turnId: 'a1', partId: 'think-1', text: 'I will edit.' });
    assert.equal($('.agent-thinking .thinking-body').textContent, 'I will edit.');
    app.handle(step('awaiting', '{"path":"src/a.ts"}'));
    assert.equal(window.document.querySelectorAll('.tool-step').length, 1);
    assert.equal($('.tool-step-diff').textContent, '-a\n+b\n');
    app.handle({ type: 'agent/part', chatId: 'c1', turnId: 'a1', part: { kind: 'tool', id: 'k0', step: { callId: 'k0', tool: 'run_command', title: 'npm test', args: '{}', status: 'awaiting' } } });
    assert.equal(window.document.querySelectorAll('[data-action="review-call"]').length, 1, 'only an edit offers its diff');
    click($('[data-action="review-call"]'));
    assert.deepEqual(posted.at(-1), { type: 'agent/reviewCall', callId: 'k1' });
    ($('.deny-reason') as unknown as HTMLInputElement).value = 'not now';
    click($('[data-decision="deny"]'));
    assert.deepEqual(posted.at(-1), { type: 'agent/approve', callId: 'k1', decision: 'deny', reason: 'not now' });
  });

  it('shows "1 file changed" after the turn and asks before restoring', () => {
    startAgentTurn();
    app.handle({ type: 'agent/meta', chatId: 'c1', turnId: 'a1', meta: { changed: ['src/a.ts'], rules: ['AGENTS.md'] } });
    app.handle({ type: 'stream/end', requestId: 'r1', turnId: 'a1', finishReason: 'stop', model: 'glm-4.7', stopped: false });
    assert.equal($('.agent-changes-count').textContent, '1 file changed');
    assert.match($('.agent-rules').textContent ?? '', /AGENTS\.md/);
    const restore = [...window.document.querySelectorAll('.agent-changes button')].find((b) => b.textContent === 'Restore checkpoint')!;
    click(restore);
    assert.deepEqual(posted.at(-1), { type: 'agent/restore', chatId: 'c1', turnId: 'a1' });
    app.handle({ type: 'agent/meta', chatId: 'c1', turnId: 'a1', meta: { restorePlan: ['src/a.ts'] } });
    click([...window.document.querySelectorAll('.agent-restore-confirm button')].find((b) => b.textContent === 'Restore')!);
    assert.deepEqual(posted.at(-1), { type: 'agent/restore', chatId: 'c1', turnId: 'a1', confirmed: true });
  });

  it('rebuilds a saved agent turn, with no approval buttons once it ended', () => {
    const s = state();
    s.chat.turns = [
      { role: 'user', id: 'u1', text: 'go', chips: [], createdAt: 1 },
      { role: 'assistant', id: 'a1', text: 'Done.', status: 'stopped', createdAt: 2, agent: {
        parts: [{ kind: 'thinking', id: 'think-1', text: 'hmm' }, { kind: 'tool', id: 'k1', step: { callId: 'k1', tool: 'run_command', title: 'npm test', args: '{}', status: 'awaiting' } }],
        rules: [], changed: [],
      } },
    ];
    app.handle({ type: 'chat/loaded', chat: s.chat });
    assert.match($('.tool-step').textContent ?? '', /run_command.*Stopped/);
    assert.equal(window.document.querySelector('.approval-bar'), null);
  });
});
