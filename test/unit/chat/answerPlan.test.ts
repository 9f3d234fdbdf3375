import { strict as assert } from 'node:assert';
import { planAnswer, switchModelChoices } from '../../../src/chat/answerPlan';
import { TokenEstimator } from '../../../src/chat/contextBudget';
import type { Turn, UserTurn } from '../../../src/chat/conversation';

const user = (id: string, parentId: string | null, text: string): UserTurn => ({ kind: 'user', id, parentId, text, chips: [], createdAt: 1 });
const input = (prompt: UserTurn, prefix: Turn[] = [], model = 'glm-4.7') =>
  ({ systemPrompt: '', prefix, prompt, model, answerId: 'a-new', now: 42 });

describe('planAnswer (answer planning)', () => {
  it('sends system, history and the prompt, and creates the empty streaming answer under the prompt', () => {
    const prefix: Turn[] = [user('u1', null, 'first'), { kind: 'answer', id: 'a1', parentId: 'u1', text: 'reply', thinking: 'hidden', status: 'done', requestedModel: 'glm-4.7', createdAt: 2 }];
    const plan = planAnswer(input(user('u2', 'a1', 'second'), prefix), new TokenEstimator());
    assert.ok(plan.ok);
    if (!plan.ok) return;
    assert.deepEqual(plan.messages.map((m) => m.role), ['system', 'user', 'assistant', 'user']);
    assert.equal(plan.messages.at(-1)?.content, 'second');
    assert.ok(!plan.messages.some((m) => JSON.stringify(m.content).includes('hidden')), 'thinking is not sent back by default');
    assert.deepEqual(plan.answer, { kind: 'answer', id: 'a-new', parentId: 'u2', text: '', thinking: '', status: 'streaming', requestedModel: 'glm-4.7', createdAt: 42 });
    assert.equal(plan.droppedMessages, 0);
    assert.ok(plan.rawPromptTokens > 0);
  });

  it('refuses a prompt larger than the model window, with the estimate and the budget', () => {
    const plan = planAnswer(input(user('u1', null, 'x'.repeat(2_000_000))), new TokenEstimator());
    assert.equal(plan.ok, false);
    if (plan.ok) return;
    assert.ok(plan.estimatedTokens > plan.budget, `${plan.estimatedTokens} > ${plan.budget}`);
  });

  it('drops the oldest history to fit and says how much', () => {
    const big = 'y'.repeat(400_000);
    const prefix: Turn[] = [user('u1', null, big), { kind: 'answer', id: 'a1', parentId: 'u1', text: big, thinking: '', status: 'done', requestedModel: 'glm-4.7', createdAt: 2 }];
    const plan = planAnswer(input(user('u2', 'a1', 'short'), prefix), new TokenEstimator());
    assert.ok(plan.ok);
    if (plan.ok) assert.ok(plan.droppedMessages > 0);
  });

  it('offers the fallback chain first as models to switch to, never the current one, at most three', () => {
    const served = ['glm-5.1', 'glm-4.7', 'glm-4.6', 'glm-4.5-air'];
    assert.deepEqual(switchModelChoices('glm-4.7', ['glm-4.5-air', 'glm-4.7'], served), ['glm-4.5-air', 'glm-5.1', 'glm-4.6']);
    const choices = switchModelChoices('glm-4.7', [], served);
    assert.equal(choices.length, 3);
    assert.ok(!choices.includes('glm-4.7'));
  });
});
