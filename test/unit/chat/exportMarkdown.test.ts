import { strict as assert } from 'node:assert';
import { exportMarkdown } from '../../../src/chat/exportMarkdown';
import { applyEvent, emptyChat } from '../../../src/chat/conversation';

describe('exportMarkdown', () => {
  it('exports the active branch with models, thinking folded, context, unfinished answers and usage', () => {
    const chat = emptyChat('c', 'Fix the bug', 0);
    applyEvent(chat, { e: 'turn', at: 1, turn: { kind: 'user', id: 'u1', parentId: null, text: 'old question', chips: [], createdAt: 1 } });
    applyEvent(chat, { e: 'turn', at: 2, turn: { kind: 'user', id: 'u2', parentId: null, text: 'Why?',
      chips: [{ kind: 'file', id: 'f', path: 'src/app.ts', language: 'typescript', text: 'x' }], createdAt: 2 } });
    applyEvent(chat, { e: 'turn', at: 3, turn: { kind: 'answer', id: 'a2', parentId: 'u2', text: '', thinking: '', status: 'streaming', requestedModel: 'glm-5.1', createdAt: 3 } });
    applyEvent(chat, { e: 'delta', id: 'a2', text: 'Because ```x```', thinking: 'hmm' });
    applyEvent(chat, { e: 'end', id: 'a2', at: 4, status: 'stopped', model: 'glm-4.7', usage: { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 } });

    const md = exportMarkdown(chat, undefined, new Date(0));
    assert.ok(md.startsWith('# Fix the bug\n\n_Exported 1970-01-01T00:00:00.000Z_\n'));
    assert.ok(!md.includes('old question'), 'inactive branches are not exported');
    assert.match(md, /## You\n\nAttached context: `src\/app.ts`\n\nWhy\?/);
    assert.match(md, /## GLM \(glm-4.7\)\n\n<details>\n<summary>Thinking<\/summary>\n\nhmm\n\n<\/details>\n\nBecause ```x```\n\n> Answer stopped before it finished./);
    assert.match(md, /_Tokens: 12 prompt, 5 completion_\n$/);
  });
});
