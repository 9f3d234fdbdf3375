// VS Code language-model messages -> GLM wire messages (tool calls and results, images, system).

import assert from 'node:assert/strict';
import { toChatMessages } from '../../../src/glm/lmConversation';

describe('toChatMessages (vscode.lm provider)', () => {
  it('turns a tool-call round trip into assistant tool_calls followed by tool messages', () => {
    const messages = toChatMessages([
      { role: 'user', parts: [{ kind: 'text', text: 'Weather in Paris?' }] },
      { role: 'assistant', parts: [{ kind: 'toolCall', callId: 'c1', name: 'get_weather', input: { city: 'Paris' } }] },
      { role: 'user', parts: [{ kind: 'toolResult', callId: 'c1', text: 'sunny, 21 °C' }] },
    ]);
    assert.deepEqual(messages, [
      { role: 'user', content: 'Weather in Paris?' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
      { role: 'tool', content: 'sunny, 21 °C', tool_call_id: 'c1' },
    ]);
  });

  it('keeps system text, joins text parts, and sends images as data-URL parts', () => {
    const messages = toChatMessages([
      { role: 'system', parts: [{ kind: 'text', text: 'Be brief.' }] },
      { role: 'user', parts: [{ kind: 'text', text: 'What ' }, { kind: 'text', text: 'is this?' }, { kind: 'image', mimeType: 'image/png', base64: 'AAAA' }] },
    ]);
    assert.deepEqual(messages[0], { role: 'system', content: 'Be brief.' });
    assert.deepEqual(messages[1], { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] });
  });
});
