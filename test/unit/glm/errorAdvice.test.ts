import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { adviseError, errorActionLabel, type ErrorAction, type Localizer } from '../../../src/glm/errorAdvice';
import { GlmError, type GlmErrorKind } from '../../../src/glm/errors';

/** What vscode.l10n does with an English key: fill the placeholders. */
const english: Localizer = { t: (message, ...args) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)])) };

const zhBundle: Record<string, string> = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../../l10n/bundle.l10n.zh-cn.json'), 'utf8'),
);
const chinese: Localizer = { t: (message, ...args) => english.t(zhBundle[message] ?? `MISSING ${message}`, ...args) };

const advice = (kind: GlmErrorKind, message = 'detail', init = {}) => adviseError(new GlmError(kind, message, init), english);

describe('error advice', () => {
  it('tells a wrong token from a locked account', () => {
    assert.deepEqual(advice('auth', 'x', { code: '1000' }).actions, ['setToken']);
    const locked = advice('auth', 'x', { code: '1112' });
    assert.deepEqual(locked.actions, [], 'a new token will not help');
    assert.match(locked.message, /account is locked \[1112\]/);
  });

  it('gives the rate-limit wait in seconds when the server named it', () => {
    const timed = advice('rateLimit', 'x', { retryAfterMs: 6500, traceId: 't-1' });
    assert.equal(timed.message, 'GLM is rate limiting requests (trace id t-1). You can retry in 7 s.');
    assert.deepEqual([timed.actions, timed.retryAfterMs], [['retry'], 6500]);
    assert.match(advice('rateLimit').message, /Wait a moment, then retry/);
  });

  it('separates an empty balance, a usage cap with its reset time and a plan limit', () => {
    assert.match(advice('quota', 'x', { code: '1113' }).message, /balance is used up \[1113\]/);
    const cap = advice('quota', 'x', { code: '1308', resetAt: '2026-12-02 10:00' });
    assert.match(cap.message, /resets at 2026-12-02 10:00/);
    assert.deepEqual(cap.actions, ['switchModel']);
    assert.deepEqual(advice('quota', 'plan').actions, ['switchModel', 'openSettings']);
  });

  it('names the model whose window overflowed, and offers a switch', () => {
    const overflow = advice('contextOverflow', 'x', { model: 'glm-4.5-air' });
    assert.match(overflow.message, /too long for glm-4\.5-air/);
    assert.deepEqual(overflow.actions, ['switchModel']);
  });

  it('offers retry for transient failures and nothing for safety refusals and cancellation', () => {
    const retryable: GlmErrorKind[] = ['rateLimit', 'unavailable', 'network', 'timeout', 'truncated'];
    for (const kind of retryable) assert.ok(advice(kind).actions.includes('retry'), kind);
    assert.deepEqual(advice('contentFilter').actions, []);
    assert.deepEqual(advice('cancelled'), { kind: 'cancelled', message: 'Cancelled.', actions: [] });
  });

  it('wraps anything that is not a GlmError as an unknown failure with retry', () => {
    assert.deepEqual(adviseError(new Error('boom'), english), { kind: 'unknown', message: 'GLM request failed: boom', actions: ['retry'] });
    assert.equal(adviseError('plain', english).message, 'GLM request failed: plain');
  });

  it('translates every message and label through the localizer it is given', () => {
    const kinds: GlmErrorKind[] = ['auth', 'rateLimit', 'quota', 'badRequest', 'unsupported', 'contentFilter', 'contextOverflow', 'unavailable', 'network', 'timeout', 'truncated', 'cancelled'];
    for (const kind of kinds) {
      const message = adviseError(new GlmError(kind, 'detail', { code: '1301', traceId: 't' }), chinese).message;
      assert.doesNotMatch(message, /MISSING/, `${kind}: ${message}`);
      assert.match(message, /[\u4e00-\u9fff]/, `${kind} is in Chinese: ${message}`);
    }
    const actions: ErrorAction[] = ['setToken', 'retry', 'switchModel', 'openSettings'];
    assert.deepEqual(actions.map((a) => errorActionLabel(a, english)), ['Set API Token', 'Retry', 'Switch Model', 'Open Settings']);
    for (const a of actions) assert.doesNotMatch(errorActionLabel(a, chinese), /MISSING/);
  });
});
