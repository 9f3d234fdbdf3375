// The model catalog: complete entries for every model, the seed's five kept, safe limits for unknown ids,
// and which models each endpoint preset offers.

import assert from 'node:assert/strict';
import { DEFAULT_MODEL, DEFAULT_VISION_MODEL, describeModel, getModelInfo, MODEL_IDS, MODELS, SEED_MODEL_IDS, UNKNOWN_MODEL } from '../../../src/glm/modelCatalog';
import { modelsForPreset, PRESETS } from '../../../src/glm/presets';

const K = 1024;

describe('model catalog', () => {
  it('keeps the seed five with their documented limits', () => {
    assert.deepEqual([...SEED_MODEL_IDS], ['glm-5.1', 'glm-4.7', 'glm-4.6', 'glm-4.5-air', 'glm-3-turbo']);
    assert.equal(MODELS['glm-5.1'].contextWindow, 200 * K);
    assert.equal(MODELS['glm-4.7'].maxOutput, 128 * K);
    assert.equal(MODELS['glm-4.5-air'].maxOutput, 96 * K);
    assert.equal(MODELS['glm-3-turbo'].maxOutput, undefined);
  });

  it('has a complete, consistent entry for every model', () => {
    assert.ok(MODEL_IDS.length >= 15, 'current GLM models are listed');
    assert.equal(new Set(MODEL_IDS).size, MODEL_IDS.length, 'no duplicates');
    for (const id of MODEL_IDS) {
      const m = MODELS[id];
      assert.equal(m.id, id);
      assert.match(id, /^glm-[a-z0-9.-]+$/, id);
      assert.ok(Number.isInteger(m.contextWindow) && m.contextWindow >= 8 * K, `${id} context`);
      if (m.maxOutput !== undefined) assert.ok(m.maxOutput > 0 && m.maxOutput <= m.contextWindow, `${id} output`);
      assert.ok(['always', 'enabled', 'hybrid', 'none'].includes(m.thinkingDefault), `${id} thinking`);
      assert.equal(m.thinking, m.thinkingDefault !== 'none', `${id} thinking flag`);
      for (const key of ['toolCalling', 'toolStream', 'imageInput', 'gateway', 'codingPlan'] as const) {
        assert.equal(typeof m[key], 'boolean', `${id} ${key}`);
      }
      if (m.toolStream) assert.ok(m.toolCalling, `${id}: tool_stream needs tools`);
    }
  });

  it('marks the vision models and the always-thinking ones', () => {
    const vision = MODEL_IDS.filter((id) => MODELS[id].imageInput);
    assert.ok(vision.includes('glm-4.6v') && vision.includes('glm-4.5v'));
    assert.ok(vision.every((id) => /v(-|$)/.test(id)), vision.join());
    assert.equal(MODELS[DEFAULT_VISION_MODEL].imageInput, true);
    assert.equal(MODELS['glm-z1-air'].thinkingDefault, 'always');
    assert.equal(MODELS['glm-4.7'].thinkingDefault, 'enabled');
    assert.equal(MODELS['glm-4.6'].thinkingDefault, 'hybrid');
    assert.ok(MODEL_IDS.includes(DEFAULT_MODEL));
  });

  it('resolves case, whitespace and versioned ids, and nothing else', () => {
    assert.equal(getModelInfo(' GLM-4.6 ')?.id, 'glm-4.6');
    assert.equal(getModelInfo('glm-4.6v-20251208')?.id, 'glm-4.6v');
    assert.equal(getModelInfo('glm-4.5-0728')?.id, 'glm-4.5');
    assert.equal(getModelInfo('glm-4.5-airx'), undefined);
    assert.equal(getModelInfo('my-finetune'), undefined);
  });

  it('gives unknown ids safe limits that still work', () => {
    const m = describeModel('my-finetune');
    assert.equal(m.id, 'my-finetune');
    assert.equal(m.contextWindow, UNKNOWN_MODEL.contextWindow);
    assert.ok(m.contextWindow <= Math.min(...MODEL_IDS.map((id) => MODELS[id].contextWindow)), 'no larger than any known window');
    assert.equal(m.imageInput, false);
    assert.ok(m.maxOutput && m.maxOutput <= 8 * K);
  });

  it('offers per preset the models that endpoint serves', () => {
    assert.deepEqual(modelsForPreset('acedata'), [...SEED_MODEL_IDS]);
    const coding = modelsForPreset('zai-coding');
    assert.ok(coding.includes('glm-4.7') && !coding.includes('glm-3-turbo') && !coding.includes('glm-4.6v'));
    assert.deepEqual(modelsForPreset('bigmodel'), [...MODEL_IDS]);
    for (const id of Object.keys(PRESETS)) assert.ok(modelsForPreset(id).includes(DEFAULT_MODEL), id);
  });
});
