// The endpoint the settings select: glm.baseUrl counts only for the local and custom presets, so switching to
// a hosted preset never keeps talking to a local or custom server by accident.

import assert from 'node:assert/strict';
import { PRESETS } from '../../../src/glm/presets';
import { clientConfigFor, resolveEndpoint, type ClientParts } from '../../../src/glm/settings';
import { testSettings } from '../chat/chatFixture';

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

describe('clientConfigFor', () => {
  const parts = (stored: string | undefined): ClientParts => ({ storedToken: async () => stored, mockToken: 'mock-token', logger: undefined, scheduler: undefined, onUsage: undefined });

  it('lets the local mock work without a stored token, and no other endpoint', async () => {
    assert.equal(await clientConfigFor(testSettings({ preset: 'local' }), parts(undefined)).getToken(), 'mock-token');
    assert.equal(await clientConfigFor(testSettings({ preset: 'bigmodel' }), parts(undefined)).getToken(), undefined);
    assert.equal(await clientConfigFor(testSettings({ preset: 'bigmodel' }), parts('sk-1')).getToken(), 'sk-1');
  });

  it('sends the mock scenario header to the local mock only', () => {
    assert.deepEqual(clientConfigFor(testSettings({ preset: 'local', mockScenario: 'error status=429' }), parts(undefined)).extraHeaders, { 'x-mock-scenario': 'error status=429' });
    assert.equal(clientConfigFor(testSettings({ preset: 'zai', mockScenario: 'error status=429' }), parts(undefined)).extraHeaders, undefined);
  });

  it('turns the timeout setting into milliseconds for connecting and for silence', () => {
    const config = clientConfigFor(testSettings({ requestTimeoutSeconds: 45 }), parts(undefined));
    assert.equal(config.connectTimeoutMs, 45_000);
    assert.equal(config.idleTimeoutMs, 45_000);
  });
});
