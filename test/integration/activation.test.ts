// Activation only registers: the features' code (dist/features/*.js) loads when one of their commands or
// views is first used, in the real extension host.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GlmTestApi } from '../../src/extension';
import { activateExtension, until } from './helpers';

suite('activation', () => {
  let api: GlmTestApi;
  suiteSetup(async () => {
    api = (await activateExtension()).exports as GlmTestApi;
  });

  test('activation loads no feature', () => {
    assert.deepEqual(api.featuresAtActivation, []);
  });

  test('a command loads its feature when first run, and works', async () => {
    await vscode.commands.executeCommand('glm.showUsage');
    assert.ok(api.features().includes('usage'), `loaded: ${api.features().join(', ')}`);
    const usageTab = (): vscode.Tab | undefined => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === 'GLM Usage');
    await vscode.window.tabGroups.close(await until('the usage page to open', usageTab));
  });

  test('opening the chat view loads the chat', async () => {
    await vscode.commands.executeCommand('glm.focusChat');
    assert.ok(api.features().includes('chat'), `loaded: ${api.features().join(', ')}`);
  });
});
