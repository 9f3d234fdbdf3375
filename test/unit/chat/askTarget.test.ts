import { strict as assert } from 'node:assert';
import { askTarget } from '../../../src/chat/askTarget';
import { applyEvent, emptyChat, type Chat, type UserTurn } from '../../../src/chat/conversation';

function chatAbout(file?: string): Chat {
  const chat = emptyChat('c', 'T', 0);
  const question: UserTurn = { kind: 'user', id: 'u1', parentId: null, text: 'Explain …', chips: [], createdAt: 1, ...(file ? { file, label: `${file}:1-3` } : {}) };
  applyEvent(chat, { e: 'turn', at: 1, turn: question });
  applyEvent(chat, { e: 'turn', at: 2, turn: { kind: 'answer', id: 'a1', parentId: 'u1', text: 'It adds.', thinking: '', status: 'done', requestedModel: 'glm-4.7', createdAt: 2 } });
  return chat;
}

describe('askTarget (where Explain Selection asks)', () => {
  it('starts a new chat when the open one is about something else', () => {
    assert.equal(askTarget(chatAbout(), 'src/greet.ts', false), 'new');
    assert.equal(askTarget(chatAbout('src/other.ts'), 'src/greet.ts', false), 'new');
  });

  it('continues the open chat whose latest question explained the same file', () => {
    assert.equal(askTarget(chatAbout('src/greet.ts'), 'src/greet.ts', false), 'current');
  });

  it('never continues a busy chat, a missing chat, or without a file', () => {
    assert.equal(askTarget(chatAbout('src/greet.ts'), 'src/greet.ts', true), 'new');
    assert.equal(askTarget(undefined, 'src/greet.ts', false), 'new');
    assert.equal(askTarget(chatAbout('src/greet.ts'), undefined, false), 'new');
  });

  it('looks at the latest question only: a typed follow-up on another topic ends the walk through the file', () => {
    const chat = chatAbout('src/greet.ts');
    applyEvent(chat, { e: 'turn', at: 3, turn: { kind: 'user', id: 'u2', parentId: 'a1', text: 'And how do I deploy?', chips: [], createdAt: 3 } });
    assert.equal(askTarget(chat, 'src/greet.ts', false), 'new');
  });
});
