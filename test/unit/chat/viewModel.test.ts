import { strict as assert } from 'node:assert';
import { applyEvent, emptyChat } from '../../../src/chat/conversation';
import { chatView, errorView } from '../../../src/chat/viewModel';

describe('viewModel', () => {
  it('shows the active branch with branch counts, fallback model, usage, and crash-cut answers as stopped', () => {
    const chat = emptyChat('c', 'T', 0);
    const user = (id: string, text: string) => ({ kind: 'user' as const, id, parentId: null, text, chips: [], createdAt: 0 });
    applyEvent(chat, { e: 'turn', at: 1, turn: user('u1', 'first') });
    applyEvent(chat, { e: 'turn', at: 2, turn: user('u2', 'first, edited') });
    applyEvent(chat, { e: 'turn', at: 3, turn: { kind: 'answer', id: 'a2', parentId: 'u2', text: 'part', thinking: 'th', status: 'interrupted', requestedModel: 'glm-5.1', createdAt: 3 } });
    applyEvent(chat, { e: 'fallback', id: 'a2', at: 3, fromModel: 'glm-5.1', toModel: 'glm-4.7' });
    applyEvent(chat, { e: 'end', id: 'a2', at: 4, status: 'interrupted', model: 'glm-4.7', usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 } });
    const view = chatView(chat, { model: 'glm-5.1', thinking: 'auto', contextTokens: 9, chipLabel: () => '', chipTokens: () => 0, activeRequestId: 'r1' });
    assert.deepEqual(view.turns.map((t) => t.id), ['u2', 'a2']);
    const [u, a] = view.turns;
    assert.deepEqual(u.role === 'user' && u.branch, { index: 1, count: 2 });
    assert.ok(a.role === 'assistant');
    if (a.role !== 'assistant') return;
    assert.equal(a.status, 'stopped');
    assert.equal(a.reasoning, 'th');
    assert.deepEqual([a.model, a.requestedModel], ['glm-4.7', 'glm-5.1']);
    assert.deepEqual(view.usage, { promptTokens: 5, completionTokens: 2, totalTokens: 7, contextTokens: 9 });
    assert.equal(view.activeRequestId, 'r1');
  });

  it('says "unavailable" only after a recorded fallback, not when the server names a versioned id', () => {
    const chat = emptyChat('c', 'T', 0);
    applyEvent(chat, { e: 'turn', at: 1, turn: { kind: 'user', id: 'u1', parentId: null, text: 'q', chips: [], createdAt: 1 } });
    applyEvent(chat, { e: 'turn', at: 2, turn: { kind: 'answer', id: 'a1', parentId: 'u1', text: 'x', thinking: '', status: 'streaming', requestedModel: 'glm-4.5-air', createdAt: 2 } });
    applyEvent(chat, { e: 'end', id: 'a1', at: 3, status: 'done', model: 'glm-4.5-air-20250728' });
    const opts = { model: 'glm-4.5-air', thinking: 'auto' as const, contextTokens: 0, chipLabel: () => '', chipTokens: () => 0 };
    const versioned = chatView(chat, opts).turns[1];
    assert.ok(versioned.role === 'assistant');
    assert.equal(versioned.model, 'glm-4.5-air-20250728', 'the answering id is shown ("answered by")');
    assert.equal(versioned.requestedModel, undefined, 'no fallback note without a fallback');

    applyEvent(chat, { e: 'turn', at: 4, turn: { kind: 'user', id: 'u2', parentId: 'a1', text: 'q2', chips: [], createdAt: 4 } });
    applyEvent(chat, { e: 'turn', at: 5, turn: { kind: 'answer', id: 'a2', parentId: 'u2', text: 'y', thinking: '', status: 'streaming', requestedModel: 'glm-5.1', createdAt: 5 } });
    applyEvent(chat, { e: 'fallback', id: 'a2', at: 6, fromModel: 'glm-5.1', toModel: 'glm-4.7' });
    applyEvent(chat, { e: 'fallback', id: 'a2', at: 6, fromModel: 'glm-4.7', toModel: 'glm-4.6' });
    applyEvent(chat, { e: 'end', id: 'a2', at: 7, status: 'done', model: 'glm-4.6-0520' });
    const fellBack = chatView(chat, opts).turns[3];
    assert.ok(fellBack.role === 'assistant');
    assert.deepEqual([fellBack.requestedModel, fellBack.model], ['glm-5.1', 'glm-4.6-0520']);
  });

  it('keeps only known error kinds and actions', () => {
    const view = errorView({ message: 'm', kind: 'weird', actions: ['retry', 'format-disk'], code: '1113', topUp: true });
    assert.deepEqual(view, { kind: 'unknown', message: 'm', actions: ['retry'], code: '1113', topUp: true });
  });

  it('keeps the unknown kind of a failure that is not a GLM error', () => {
    assert.equal(errorView({ message: 'disk full', kind: 'unknown', actions: ['retry'] }).kind, 'unknown');
    assert.equal(errorView({ message: 'no kind', actions: [] }).kind, 'unknown');
  });
});
