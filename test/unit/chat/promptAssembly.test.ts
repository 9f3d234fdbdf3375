import { strict as assert } from 'node:assert';
import { assemblePrompt, fenceFor, historyMessages, systemMessage, userContent, BASE_SYSTEM_PROMPT } from '../../../src/chat/promptAssembly';
import { TokenEstimator } from '../../../src/chat/contextBudget';
import type { AnswerTurn, Turn, UserTurn } from '../../../src/chat/conversation';
import type { ContextChip } from '../../../src/chat/contextChip';

const u = (id: string, text: string, chips: ContextChip[] = []): UserTurn => ({ kind: 'user', id, parentId: null, text, chips, createdAt: 0 });
const a = (id: string, text: string, extra: Partial<AnswerTurn> = {}): AnswerTurn =>
  ({ kind: 'answer', id, parentId: 'x', text, thinking: 'secret thoughts', status: 'done', requestedModel: 'm', createdAt: 0, ...extra });

describe('promptAssembly', () => {
  it('puts the base system prompt first and appends the user setting', () => {
    assert.equal(systemMessage('  ').content, BASE_SYSTEM_PROMPT);
    assert.equal(systemMessage('Answer in French.').content, `${BASE_SYSTEM_PROMPT}\n\nAnswer in French.`);
  });

  it('renders attached context before the question, fenced so the content cannot break out', () => {
    const chips: ContextChip[] = [
      { kind: 'selection', id: 's', path: 'src/a.ts', language: 'typescript', startLine: 3, endLine: 4, text: 'const a = "```";' },
      { kind: 'file', id: 'f', path: 'README.md', language: 'markdown', text: 'hello\n', truncated: true },
      { kind: 'problems', id: 'p', items: [{ path: 'src/a.ts', line: 3, severity: 'error', message: 'Cannot\nfind name', source: 'ts' }] },
    ];
    const content = userContent('Why does this fail?', chips);
    assert.ok(content.endsWith('\n\nWhy does this fail?'));
    assert.match(content, /Selected lines 3-4 of `src\/a.ts`:\n````typescript\nconst a = "```";\n````/);
    assert.match(content, /File `README.md` \(truncated\):\n```markdown\nhello\n```/);
    assert.match(content, /- error `src\/a.ts:3` \[ts\]: Cannot find name/);
    assert.equal(fenceFor('no ticks'), '```');
  });

  it('sends partial answers, skips empty failed ones, and never sends thinking back', () => {
    const turns: Turn[] = [u('1', 'first'), a('2', '', { status: 'error' }), u('3', 'second'), a('4', 'half an ans', { status: 'stopped' })];
    const messages = historyMessages(turns);
    assert.deepEqual(messages, [
      { role: 'user', content: 'first' },
      { role: 'user', content: 'second' },
      { role: 'assistant', content: 'half an ans' },
    ]);
    assert.ok(!JSON.stringify(messages).includes('secret'));
  });

  it('sends earlier thinking back unmodified when thinking is preserved', () => {
    const turns: Turn[] = [u('1', 'first'), a('2', 'answer', { thinking: 'step 1\r\n  🚀 ' }), u('3', 'second')];
    assert.deepEqual(historyMessages(turns, true)[1], { role: 'assistant', content: 'answer', reasoning_content: 'step 1\r\n  🚀 ' });
    const fit = assemblePrompt({ systemPrompt: '', branch: turns, limits: { contextWindow: 100_000, maxOutput: 1000 }, preserveThinking: true }, new TokenEstimator());
    assert.ok(fit.ok && fit.messages.some((m) => m.role === 'assistant' && m.reasoning_content === 'step 1\r\n  🚀 '));
  });

  it('assembles system + history + latest prompt within the model budget', () => {
    const branch: Turn[] = [u('1', 'hi'), a('2', 'hello'), u('3', 'explain', [{ kind: 'file', id: 'f', path: 'x.py', language: 'python', text: 'print(1)' }])];
    const result = assemblePrompt({ systemPrompt: '', branch, limits: { contextWindow: 100_000, maxOutput: 1000 } }, new TokenEstimator());
    assert.ok(result.ok);
    if (!result.ok) return;
    assert.deepEqual(result.messages.map((m) => m.role), ['system', 'user', 'assistant', 'user']);
    assert.match(String(result.messages[3].content), /print\(1\)[\s\S]*explain$/);
    assert.throws(() => assemblePrompt({ systemPrompt: '', branch: branch.slice(0, 2), limits: { contextWindow: 1, maxOutput: 1 } }, new TokenEstimator()));
  });
});
