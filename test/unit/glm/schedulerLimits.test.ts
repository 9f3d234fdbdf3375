import { strict as assert } from 'node:assert';
import { concurrencyLimit, formatLocalTime, parseResetTime } from '../../../src/glm/schedulerLimits';

describe('scheduler limits', () => {
  const now = Date.parse('2026-11-26T00:00:00Z');

  it('reads Zhipu reset times as China Standard Time unless a zone is given', () => {
    assert.equal(parseResetTime('Usage limit reached for 5 hour. Your limit will reset at 2026-11-26 11:30:00', now), Date.parse('2026-11-26T03:30:00Z'));
    assert.equal(parseResetTime('请在 2026-11-26 12:00 后重试', now), Date.parse('2026-11-26T04:00:00Z'));
    assert.equal(parseResetTime('resets at 2026-11-26T05:00:00Z', now), Date.parse('2026-11-26T05:00:00Z'));
    assert.equal(parseResetTime('resets at 2026-11-26 05:00:00 +0100', now), Date.parse('2026-11-26T04:00:00Z'));
  });

  it('ignores a missing, past or absurdly distant reset time', () => {
    assert.equal(parseResetTime(undefined, now), undefined);
    assert.equal(parseResetTime('Usage limit reached.', now), undefined);
    assert.equal(parseResetTime('reset at 2026-11-25 07:00:00', now), undefined);
    assert.equal(parseResetTime('reset at 2027-06-01 07:00:00', now), undefined);
  });

  it('shows the local time, with the date when it is not today', () => {
    const base = new Date(2026, 10, 26, 9, 0).getTime();
    assert.equal(formatLocalTime(new Date(2026, 10, 26, 14, 5).getTime(), base), '14:05');
    assert.equal(formatLocalTime(new Date(2026, 10, 27, 8, 0).getTime(), base), '2026-11-27 08:00');
  });

  it('defaults low for Coding Plan presets, higher elsewhere; a setting wins, clamped', () => {
    assert.equal(concurrencyLimit('zai-coding'), 2);
    assert.equal(concurrencyLimit('bigmodel-coding', 0), 2);
    assert.ok(concurrencyLimit('acedata') > concurrencyLimit('bigmodel'));
    assert.equal(concurrencyLimit('acedata', 1), 1);
    assert.equal(concurrencyLimit('local', 3.7), 3);
    assert.equal(concurrencyLimit('local', 1000), 32);
  });
});
