// Presets and request building: only what is set or supported goes out, clamped per endpoint.

import assert from 'node:assert/strict';
import { getPreset, PRESETS, resolveBaseUrl } from '../../../src/glm/presets';
import { buildRequestBody } from '../../../src/glm/requestBuilder';
import type { ChatRequest, ToolDefinition } from '../../../src/glm/types';

const tool: ToolDefinition = { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: {} } } };
const base: ChatRequest = { model: 'glm-4.7', messages: [{ role: 'user', content: 'hi' }] };

describe('glm presets', () => {
  it('has the documented base URLs', () => {
    assert.equal(PRESETS.acedata.baseUrl, 'https://api.acedata.cloud/glm');
    assert.equal(PRESETS.bigmodel.baseUrl, 'https://open.bigmodel.cn/api/paas/v4');
    assert.equal(PRESETS.zai.baseUrl, 'https://api.z.ai/api/paas/v4');
    assert.equal(PRESETS['bigmodel-coding'].baseUrl, 'https://open.bigmodel.cn/api/coding/paas/v4');
    assert.equal(PRESETS['zai-coding'].baseUrl, 'https://api.z.ai/api/coding/paas/v4');
    assert.equal(getPreset('nonsense').id, 'acedata');
  });

  it('resolves the base URL: local from setting, env, default; custom only from the setting', () => {
    assert.equal(resolveBaseUrl('local', '', {}), 'http://127.0.0.1:8787/glm');
    assert.equal(resolveBaseUrl('local', '', { GLM_MOCK_URL: 'http://127.0.0.1:9/glm/' }), 'http://127.0.0.1:9/glm');
    assert.equal(resolveBaseUrl('local', 'http://127.0.0.1:5/x/', {}), 'http://127.0.0.1:5/x');
    assert.equal(resolveBaseUrl('custom', '  ', {}), undefined);
    assert.equal(resolveBaseUrl('custom', 'https://proxy.example/v1', {}), 'https://proxy.example/v1');
    assert.equal(resolveBaseUrl('zai', undefined, {}), 'https://api.z.ai/api/paas/v4');
  });
});

describe('buildRequestBody', () => {
  it('sends only model, messages and stream when nothing else is set', () => {
    for (const preset of Object.values(PRESETS)) {
      assert.deepEqual(Object.keys(buildRequestBody(base, preset, true)).sort(), ['messages', 'model', 'stream'], preset.id);
    }
  });

  it('clamps temperature and top_p per endpoint', () => {
    const req = { ...base, temperature: 1.8, topP: 0 };
    assert.deepEqual(pick(buildRequestBody(req, PRESETS.acedata, true)), { temperature: 1.8, top_p: 0 });
    assert.deepEqual(pick(buildRequestBody(req, PRESETS.bigmodel, true)), { temperature: 1, top_p: 0.01 });
    assert.deepEqual(pick(buildRequestBody({ ...base, temperature: -1, topP: 3 }, PRESETS.zai, true)), { temperature: 0, top_p: 1 });
    assert.deepEqual(pick(buildRequestBody({ ...base, temperature: 9 }, PRESETS.acedata, true)), { temperature: 2 });
  });

  it('clamps max_tokens to the model and keeps custom models unclamped', () => {
    assert.equal(buildRequestBody({ ...base, model: 'glm-4.5-air', maxTokens: 10 ** 6 }, PRESETS.acedata, true).max_tokens, 96 * 1024);
    assert.equal(buildRequestBody({ ...base, model: 'my-model', maxTokens: 10 ** 6 }, PRESETS.custom, true).max_tokens, 10 ** 6);
    assert.equal(buildRequestBody({ ...base, maxTokens: 0 }, PRESETS.acedata, true).max_tokens, 1);
    assert.equal(buildRequestBody({ ...base, maxTokens: NaN }, PRESETS.acedata, true).max_tokens, undefined);
  });

  it('sends a single stop word to Zhipu and up to four to the gateway', () => {
    assert.equal(buildRequestBody({ ...base, stop: ['END', 'STOP'] }, PRESETS.bigmodel, true).stop, 'END');
    assert.deepEqual(buildRequestBody({ ...base, stop: ['a', 'b', 'c', 'd', 'e'] }, PRESETS.acedata, true).stop, ['a', 'b', 'c', 'd']);
    assert.equal(buildRequestBody({ ...base, stop: [] }, PRESETS.acedata, true).stop, undefined);
  });

  it('sends thinking only to Zhipu-family endpoints, only when set, and only to models that think', () => {
    assert.deepEqual(buildRequestBody({ ...base, thinking: 'disabled' }, PRESETS.zai, true).thinking, { type: 'disabled' });
    assert.equal(buildRequestBody({ ...base, thinking: 'enabled' }, PRESETS.acedata, true).thinking, undefined);
    assert.equal(buildRequestBody({ ...base, thinking: 'auto' }, PRESETS.bigmodel, true).thinking, undefined);
    assert.equal(buildRequestBody({ ...base, model: 'glm-3-turbo', thinking: 'enabled' }, PRESETS.bigmodel, true).thinking, undefined);
    assert.deepEqual(buildRequestBody({ ...base, thinking: 'enabled' }, PRESETS.local, true).thinking, { type: 'enabled' });
  });

  it('sends tool_stream only with tools, streaming, a Zhipu-family endpoint and a model that takes it', () => {
    const req = { ...base, tools: [tool], toolStream: true };
    assert.equal(buildRequestBody(req, PRESETS.bigmodel, true).tool_stream, true);
    assert.equal(buildRequestBody(req, PRESETS.local, true).tool_stream, true);
    assert.equal(buildRequestBody(req, PRESETS.bigmodel, false).tool_stream, undefined);
    assert.equal(buildRequestBody(req, PRESETS.acedata, true).tool_stream, undefined);
    assert.equal(buildRequestBody({ ...req, model: 'glm-4.5-air' }, PRESETS.bigmodel, true).tool_stream, undefined);
    assert.equal(buildRequestBody({ ...base, toolStream: true }, PRESETS.bigmodel, true).tool_stream, undefined);
  });

  it('passes tools and tool_choice, mapping to what Zhipu takes (auto only)', () => {
    const fn = { type: 'function' as const, function: { name: 'get_weather' } };
    assert.deepEqual(buildRequestBody({ ...base, tools: [tool], toolChoice: fn }, PRESETS.acedata, true).tool_choice, fn);
    assert.equal(buildRequestBody({ ...base, tools: [tool], toolChoice: 'required' }, PRESETS.bigmodel, true).tool_choice, 'auto');
    const none = buildRequestBody({ ...base, tools: [tool], toolChoice: 'none' }, PRESETS.bigmodel, true);
    assert.equal(none.tools, undefined);
    assert.equal(none.tool_choice, undefined);
    assert.equal(buildRequestBody({ ...base, tools: [], toolChoice: 'auto' }, PRESETS.acedata, true).tool_choice, undefined);
  });

  it('never sends stream_options (no preset needs them) and sends n only when above 1', () => {
    for (const preset of Object.values(PRESETS)) assert.equal(buildRequestBody(base, preset, true).stream_options, undefined);
    assert.equal(buildRequestBody({ ...base, n: 1 }, PRESETS.acedata, true).n, undefined);
    assert.equal(buildRequestBody({ ...base, n: 3 }, PRESETS.acedata, false).n, 3);
  });

  it('keeps tool-call history and drops reasoning_content where an endpoint may reject it', () => {
    const messages: ChatRequest['messages'] = [
      { role: 'user', content: 'weather?' },
      { role: 'assistant', content: null, reasoning_content: 'think', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{}' } }] },
      { role: 'tool', content: 'sunny', tool_call_id: 'c1' },
    ];
    const gateway = buildRequestBody({ ...base, messages }, PRESETS.acedata, true).messages;
    assert.equal('reasoning_content' in gateway[1], false);
    assert.deepEqual(gateway[2], messages[2]);
    assert.equal((gateway[1] as { tool_calls?: unknown[] }).tool_calls?.length, 1);
    assert.equal((buildRequestBody({ ...base, messages }, PRESETS.zai, true).messages[1] as { reasoning_content?: string }).reasoning_content, 'think');
  });
});

function pick(body: { temperature?: number; top_p?: number }) {
  const out: Record<string, number> = {};
  if (body.temperature !== undefined) out.temperature = body.temperature;
  if (body.top_p !== undefined) out.top_p = body.top_p;
  return out;
}

describe('content parts per preset and model', () => {
  const image = { type: 'image_url' as const, image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } };
  const withImage: ChatRequest = { model: 'glm-4.6v', messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, image] }] };

  it('sends text and image_url parts unchanged to a vision model on every preset', () => {
    for (const preset of Object.values(PRESETS)) {
      assert.deepEqual(buildRequestBody(withImage, preset, true).messages[0].content, [{ type: 'text', text: 'What is this?' }, image], preset.id);
    }
  });

  it('sends only the text, with a note, to a model without image input or an unknown one', () => {
    for (const model of ['glm-4.7', 'my-finetune']) {
      const content = buildRequestBody({ ...withImage, model }, PRESETS.acedata, true).messages[0].content;
      assert.equal(typeof content, 'string', model);
      assert.match(String(content), /^What is this\?\n\[image omitted/);
    }
  });
});
