import { strict as assert } from 'node:assert';
import { dailyTokens, emptyUsage, KEEP_DAYS, localDay, readUsage, recordUsage, summarize } from '../../../src/glm/usageLedger';

const day = (d: number, h = 12) => new Date(2026, 10, d, h).getTime();

describe('usage ledger', () => {
  it('counts requests and prompt / completion / reasoning / cached tokens per local day and model', () => {
    const data = emptyUsage();
    recordUsage(data, 'glm-4.7', { prompt_tokens: 100, completion_tokens: 40, total_tokens: 140, prompt_tokens_details: { cached_tokens: 60 }, completion_tokens_details: { reasoning_tokens: 10 } }, day(26));
    recordUsage(data, 'glm-4.7', { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 }, day(26, 23));
    recordUsage(data, 'glm-4.5-air', { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 }, day(25));
    const today = summarize(data, day(26), 1);
    assert.deepEqual(today.total, { requests: 2, promptTokens: 110, completionTokens: 45, reasoningTokens: 10, cachedTokens: 60 });
    const week = summarize(data, day(26), 7);
    assert.deepEqual(week.byModel.map((m) => [m.model, m.requests]), [['glm-4.7', 2], ['glm-4.5-air', 1]]);
    assert.deepEqual(dailyTokens(data, day(26), 3), [{ day: '2026-11-24', tokens: 0 }, { day: '2026-11-25', tokens: 2 }, { day: '2026-11-26', tokens: 155 }]);
    assert.ok(!JSON.stringify(data).includes('content'));
  });

  it('keeps at most 90 days and a bounded number of models per day', () => {
    const data = emptyUsage();
    const start = new Date(2026, 0, 1, 12).getTime();
    for (let i = 0; i < 200; i++) recordUsage(data, `m${i % 30}`, { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 }, start + i * 86_400_000);
    const days = Object.keys(data.days);
    assert.equal(days.length, KEEP_DAYS);
    assert.equal(days.sort()[0], localDay(start + (200 - KEEP_DAYS) * 86_400_000));
    const one = emptyUsage();
    for (let i = 0; i < 50; i++) recordUsage(one, `model-${i}`, { prompt_tokens: 1, completion_tokens: 0, total_tokens: 1 }, day(26));
    assert.ok(Object.keys(one.days[localDay(day(26))]).length <= 21);
    assert.ok(JSON.stringify(data).length < 60_000);
  });

  it('reads damaged or foreign stored state without failing, keeping what is valid', () => {
    assert.deepEqual(readUsage(undefined), emptyUsage());
    assert.deepEqual(readUsage('junk'), emptyUsage());
    const read = readUsage({ days: { 'not-a-day': {}, '2026-11-26': { 'glm-4.7': { requests: 2, promptTokens: -5, cachedTokens: 'x' }, bad: null } } });
    assert.deepEqual(read.days['2026-11-26']['glm-4.7'], { requests: 2, promptTokens: 0, completionTokens: 0, reasoningTokens: 0, cachedTokens: 0 });
    assert.equal(Object.keys(read.days).length, 1);
  });
});
