import assert from 'node:assert/strict';
import { enabledForPreset, gateState, parseCompletionsSettings, toggleLanguage, type GateInput } from '../../../../src/editor/completions/completionsGate';

const base: GateInput = {
  settings: { enabled: 'auto', model: 'glm-4.5-air', disabledLanguages: ['markdown'] },
  preset: 'local', now: 1000, snoozedUntil: undefined, languageId: 'typescript', inlineSuggestEnabled: true,
};

describe('completions gate', () => {
  it('auto: on for the local mock and the Coding Plans, off for pay-per-token endpoints', () => {
    for (const p of ['local', 'bigmodel-coding', 'zai-coding']) assert.equal(enabledForPreset('auto', p), true, p);
    for (const p of ['acedata', 'bigmodel', 'zai', 'custom']) assert.equal(enabledForPreset('auto', p), false, p);
    assert.deepEqual(gateState({ ...base, preset: 'acedata' }), { kind: 'off', reason: 'payPerToken' });
    assert.deepEqual(gateState({ ...base, preset: 'acedata', settings: { ...base.settings, enabled: 'on' } }), { kind: 'on' });
    assert.deepEqual(gateState({ ...base, settings: { ...base.settings, enabled: 'off' } }), { kind: 'off', reason: 'setting' });
  });

  it('snoozed until a time, then on again', () => {
    assert.deepEqual(gateState({ ...base, snoozedUntil: 5000 }), { kind: 'snoozed', until: 5000 });
    assert.deepEqual(gateState({ ...base, snoozedUntil: 999 }), { kind: 'on' });
  });

  it('off for a disabled language (any case) and when VS Code inline suggestions are off', () => {
    assert.deepEqual(gateState({ ...base, languageId: 'Markdown' }), { kind: 'off', reason: 'language' });
    assert.deepEqual(gateState({ ...base, inlineSuggestEnabled: false }), { kind: 'off', reason: 'editorSetting' });
    assert.deepEqual(gateState({ ...base, languageId: undefined }), { kind: 'on' });
  });

  it('toggles a language in the list; bad settings values fall back to defaults', () => {
    assert.deepEqual(toggleLanguage(['markdown'], 'python'), ['markdown', 'python']);
    assert.deepEqual(toggleLanguage(['markdown', 'Python'], 'python'), ['markdown']);
    assert.deepEqual(parseCompletionsSettings({ enabled: 'yes', model: 3, disabledLanguages: ['a', 1] }), { enabled: 'auto', model: 'glm-4.5-air', disabledLanguages: ['a'] });
    assert.equal(parseCompletionsSettings({ enabled: false }).enabled, 'off');
  });
});
