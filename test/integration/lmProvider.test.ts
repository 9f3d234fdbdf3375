// The vscode.lm chat model provider, used the way a third-party extension uses it: a second, test-only
// extension (test/fixtures/lm-consumer) selects `{ vendor: 'glm' }`, streams an answer, completes a
// tool-call round trip and sees our error mapping. Everything goes over HTTP to the mock.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, mock } from './helpers';

interface ConsumerResult {
  models: Array<{ id: string; vendor: string; family: string; maxInputTokens: number }>;
  used?: string;
  tokens?: number;
  chunks?: string[];
  toolCall?: { callId: string; name: string; input: { city?: string } };
  answer?: string;
  error?: { name?: string; code?: string; message: string };
}

suite('GLM as a VS Code language model', () => {
  suiteSetup(async () => {
    await activateExtension();
    await mock.reset();
  });

  test('a second extension selects glm models, streams, completes a tool call and gets our errors', async function () {
    this.timeout(60_000);
    const result = await vscode.commands.executeCommand<ConsumerResult>('glmLmConsumer.run', { model: 'glm-4.7' });
    const ids = result.models.map((m) => m.id);
    assert.ok(ids.includes('glm-4.7') && ids.includes('glm-4.6v'), ids.join());
    assert.ok(result.models.every((m) => m.vendor === 'glm' && m.maxInputTokens > 1000));
    assert.equal(result.used, 'glm-4.7');
    assert.ok((result.tokens ?? 0) > 3, 'token count from the chat estimator');

    assert.ok((result.chunks?.length ?? 0) > 5, 'the answer arrived in many parts');
    assert.match(result.chunks!.join(''), /closure/i);

    assert.equal(result.toolCall?.name, 'get_weather');
    assert.equal(typeof result.toolCall?.input.city, 'string');
    assert.match(result.answer ?? '', /sunny, 21 degrees/);

    const completions = await mock.completions();
    const round2 = completions.find((r) => r.body.messages.some((m: { role: string }) => m.role === 'tool'));
    assert.ok(round2, 'the tool result reached the mock');
    const roles = round2.body.messages.map((m: { role: string }) => m.role);
    assert.deepEqual(roles.slice(-3), ['user', 'assistant', 'tool']);
    assert.equal(round2.body.messages.at(-1).tool_call_id, result.toolCall?.callId);
    assert.equal(round2.body.tools[0].function.name, 'get_weather');

    assert.ok(result.error, 'the 401 surfaced as an error');
    assert.match(result.error.message, /token/i);
    assert.ok(!result.error.message.includes(mock.token), 'no token in the error');
  });
});
