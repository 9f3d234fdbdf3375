import { strict as assert } from 'node:assert';
import { fitToBudget, limitsFor, promptBudget, rawEstimate, TokenEstimator } from '../../../src/chat/contextBudget';
import type { ChatMessage } from '../../../src/glm/types';

const user = (content: string): ChatMessage => ({ role: 'user', content });
const assistant = (content: string): ChatMessage => ({ role: 'assistant', content });

describe('contextBudget', () => {
  it('weighs CJK text more per character than Latin text', () => {
    assert.ok(rawEstimate('你好世界你好世界你好') > 2 * rawEstimate('helloworld'));
    assert.equal(rawEstimate(''), 0);
  });

  it('knows the documented windows and falls back for custom models', () => {
    assert.ok(limitsFor('glm-5.1').contextWindow > limitsFor('glm-4.5-air').contextWindow);
    assert.equal(limitsFor('GLM-5.1').maxOutput, limitsFor('glm-5.1').maxOutput);
    assert.equal(limitsFor('my-finetune').contextWindow, 32 * 1024, 'unknown ids get the safe window of the catalog');
    assert.ok(promptBudget(limitsFor('glm-4.7')) > promptBudget(limitsFor('glm-4.7'), 100_000));
  });

  it('drops the oldest turns first, keeping the system prompt and the latest message', () => {
    const estimator = new TokenEstimator();
    const big = 'x'.repeat(3500); // ~1000 tokens
    const history = [user(`old ${big}`), assistant(`old answer ${big}`), user(`recent ${big}`), assistant(`recent answer ${big}`)];
    const result = fitToBudget(
      { system: { role: 'system', content: 'sys' }, history, latest: user('now'), limits: { contextWindow: 3300, maxOutput: 100 }, maxTokens: 100 },
      estimator,
    );
    assert.ok(result.ok);
    if (!result.ok) return;
    assert.equal(result.droppedMessages, 2);
    assert.deepEqual(result.messages.map((m) => (m.content ?? '').slice(0, 6)), ['sys', 'recent', 'recent', 'now']);
    assert.ok(result.estimatedTokens <= result.budget);
  });

  it('never keeps an answer without the question before it', () => {
    const estimator = new TokenEstimator();
    const history = [user('q'.repeat(3500)), assistant('short')];
    const result = fitToBudget({ history, latest: user('now'), limits: { contextWindow: 600, maxOutput: 10 }, maxTokens: 10 }, estimator);
    assert.ok(result.ok && result.messages.length === 1 && result.droppedMessages === 2);
  });

  it('refuses when even the latest message does not fit', () => {
    const result = fitToBudget(
      { history: [], latest: user('y'.repeat(40_000)), limits: { contextWindow: 8000, maxOutput: 1000 } },
      new TokenEstimator(),
    );
    assert.equal(result.ok, false);
    assert.ok(result.estimatedTokens > result.budget);
  });

  it('calibrates towards the prompt_tokens the server reports', () => {
    const estimator = new TokenEstimator();
    const text = 'some code '.repeat(100);
    const before = estimator.estimateText(text);
    for (let i = 0; i < 10; i++) estimator.calibrate(rawEstimate(text), rawEstimate(text) * 2);
    assert.ok(estimator.estimateText(text) > before * 1.8, `${estimator.estimateText(text)} vs ${before}`);
    estimator.calibrate(10, 1000); // too small a sample to learn from
    assert.ok(estimator.calibration < 2.1);
  });
});
