// The endpoint the settings select: glm.baseUrl counts only for the local and custom presets, so switching to
// a hosted preset never keeps talking to a local or custom server by accident.

import assert from 'node:assert/strict';
import { PRESETS } from '../../../src/glm/presets';
import { resolveEndpoint } from '../../../src/glm/settings';

describe('resolveEndpoint', () => {
  it('ignores glm.baseUrl on a hosted preset', () => {
    assert.deepEqual(resolveEndpoint({ preset: 'bigmodel', baseUrl: 'http://127.0.0.1:9/v1' }), { presetId: 'bigmodel', baseUrl: PRESETS.bigmodel.baseUrl });
  });

  it('uses glm.baseUrl for the custom and local presets, without a trailing slash', () => {
    assert.deepEqual(resolveEndpoint({ preset: 'custom', baseUrl: 'https://gw.example/v1/' }), { presetId: 'custom', baseUrl: 'https://gw.example/v1' });
    assert.equal(resolveEndpoint({ preset: 'local', baseUrl: 'http://127.0.0.1:7777/v1' }).baseUrl, 'http://127.0.0.1:7777/v1');
  });

  it('gives an empty URL for a custom preset without one, and the default preset for an unknown name', () => {
    assert.deepEqual(resolveEndpoint({ preset: 'custom', baseUrl: ' ' }), { presetId: 'custom', baseUrl: '' });
    assert.equal(resolveEndpoint({ preset: 'no-such-preset', baseUrl: '' }).presetId, resolveEndpoint({ preset: 'acedata', baseUrl: '' }).presetId);
  });
});
