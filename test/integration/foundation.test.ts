// Foundation of the extension in a real VS Code: activation, contributions, settings, the token in
// SecretStorage, Test Connection against the mock (success and mapped errors), and log hygiene.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, glmLogFileText, header, mock, resetState, setSetting, testConnection } from './helpers';

suite('foundation', () => {
  let ext: vscode.Extension<unknown>;

  suiteSetup(async () => {
    await mock.reset();
    ext = await activateExtension();
  });
  setup(resetState);
  suiteTeardown(resetState);

  test('activates without errors and without network', async () => {
    assert.equal(ext.isActive, true);
    assert.deepEqual(await mock.completions(), [], 'activation must not call the GLM API');
  });

  test('registers every command contributed in package.json', async () => {
    const contributed: string[] = ext.packageJSON.contributes.commands.map((c: { command: string }) => c.command);
    assert.ok(contributed.length >= 3, 'package.json contributes commands');
    const registered = new Set(await vscode.commands.getCommands(false));
    assert.deepEqual(contributed.filter((id) => !registered.has(id)), []);
  });

  test('reads the settings and follows a change', async () => {
    const before = await testConnection();
    assert.equal(before.ok, true, before.message);
    assert.equal(before.model, 'glm-4.7');
    await setSetting('glm.model', 'glm-5.1');
    const after = await testConnection();
    assert.equal(after.ok, true, after.message);
    assert.equal(after.model, 'glm-5.1');
    const bodies = (await mock.completions()).map((r) => r.body.model);
    assert.deepEqual(bodies, ['glm-4.7', 'glm-5.1']);
  });

  test('Set and Clear API Token round-trip through SecretStorage', async () => {
    assert.equal(await vscode.commands.executeCommand('glm.setApiToken', 'tok-roundtrip-5150'), true);
    const withToken = await testConnection();
    await vscode.commands.executeCommand('glm.clearApiToken');
    const cleared = await testConnection();
    // The stored token was sent (the mock records a foreign token as "[redacted]" and answers 401); once
    // cleared, the local preset falls back to the mock's own token.
    assert.deepEqual([withToken.kind, cleared.ok], ['auth', true]);
    const auth = (await mock.completions()).map((r) => header(r, 'authorization'));
    assert.deepEqual(auth, ['[redacted]', `Bearer ${mock.token}`]);
  });

  test('Test Connection succeeds against the mock', async () => {
    await vscode.commands.executeCommand('glm.setApiToken', mock.token);
    const result = await testConnection();
    assert.equal(result.ok, true, result.message);
    assert.equal(typeof result.latencyMs, 'number');
    assert.match(result.message, /Connected to .*127\.0\.0\.1/);
  });

  test('Test Connection maps 401 (wrong token) to a token message', async () => {
    await vscode.commands.executeCommand('glm.setApiToken', 'wrong-token-4242');
    const result = await testConnection();
    assert.equal(result.ok, false);
    assert.equal(result.kind, 'auth');
    assert.match(result.message, /rejected the API token/);
  });

  test('Test Connection maps 429 to a rate-limit message', async () => {
    await setSetting('glm.maxRetries', 0);
    await setSetting('glm.debug.mockScenario', 'error status=429 code=too_many_requests retry-after=7');
    const result = await testConnection();
    assert.equal(result.ok, false);
    assert.equal(result.kind, 'rateLimit');
    assert.match(result.message, /rate limiting/);
    assert.equal(header((await mock.completions())[0], 'x-mock-scenario'), 'error status=429 code=too_many_requests retry-after=7');
  });

  test('Test Connection maps 500 to a service-unavailable message', async () => {
    await setSetting('glm.maxRetries', 0);
    await setSetting('glm.fallbackModels', []);
    await setSetting('glm.debug.mockScenario', 'error status=500 code=api_error');
    const result = await testConnection();
    assert.equal(result.ok, false);
    assert.equal(result.kind, 'unavailable');
    assert.match(result.message, /temporarily unavailable/);
  });

  test('a streamed completion runs from the extension host through the real service to the mock', async () => {
    await vscode.commands.executeCommand('glm.setApiToken', mock.token);
    // Hidden test command (src/host/commands/debugCommands.ts): streams one answer with the configured model.
    const answer = await vscode.commands.executeCommand<{ text: string; chunks: number; finishReason?: string }>(
      'glm.debug.streamCompletion',
      // Paced, so the deltas arrive in separate network reads (the service merges deltas of one read).
      'Write hello world in Python. [[mock:pace tps=200]]',
    );
    assert.match(answer.text, /```python/);
    assert.ok(answer.chunks > 1, `streamed in ${answer.chunks} piece(s)`);
    assert.equal(answer.finishReason, 'stop');
    const [request] = await mock.completions();
    assert.equal(request.body.stream, true);
    assert.equal(request.clientClosed, false);
  });

  test('the token never reaches the GLM log', async () => {
    const secrets = ['tok-log-check-8080', mock.token];
    for (const token of secrets) {
      await vscode.commands.executeCommand('glm.setApiToken', token);
      await testConnection();
    }
    const lines = await vscode.commands.executeCommand<string[]>('glm.debug.recentLog');
    assert.ok(lines.some((l) => l.includes('Test connection')), 'the log has the test-connection lines');
    for (const token of secrets) assert.ok(!lines.some((l) => l.includes(token)), `the log channel shows ${token}`);
    const file = await glmLogFileText('Test connection');
    for (const token of secrets) assert.ok(!file.includes(token), `GLM.log shows ${token}`);
  });
});
