import { strict as assert } from 'node:assert';
import { queuedMessage, requestStatusPart } from '../../../src/glm/requestStatusText';

const t = { t: (message: string, ...args: Array<string | number>) => message.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)])) };
const state = { endpoint: 'https://api.z.ai/api/coding/paas/v4', configuredLimit: 2, effectiveLimit: 2, active: 0, queued: 0 };
const now = new Date(2026, 10, 26, 9, 0).getTime();

describe('request status text', () => {
  it('says idle, streaming (n), queued (n) and limited until hh:mm local time', () => {
    assert.equal(requestStatusPart({ model: 'glm-4.7', state, now }, t).text, 'glm-4.7');
    assert.match(requestStatusPart({ model: 'glm-4.7', state, now }, t).tooltip ?? '', /idle/);
    assert.equal(requestStatusPart({ model: 'glm-4.7', state: { ...state, active: 2 }, now }, t).text, '$(sync~spin) glm-4.7 · streaming (2)');
    const busy = requestStatusPart({ model: 'glm-4.7', state: { ...state, active: 1, effectiveLimit: 1, queued: 3 }, now }, t);
    assert.equal(busy.text, '$(clock) glm-4.7 · streaming (1) · queued (3)');
    assert.match(busy.tooltip ?? '', /lowered from 2/);
    const limited = requestStatusPart({ model: 'glm-4.7', state: { ...state, limitedUntil: new Date(2026, 10, 26, 14, 5).getTime(), limitedCode: '1308' }, now }, t);
    assert.equal(limited.text, '$(warning) glm-4.7 · limited until 14:05');
    assert.equal(limited.severity, 'warning');
  });

  it('says how many requests are ahead of a queued one', () => {
    assert.equal(queuedMessage(2, t), 'waiting for a free slot (2 ahead)…');
    assert.equal(queuedMessage(0, t), 'waiting for a free slot…');
  });
});
