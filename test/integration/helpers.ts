// Shared fixtures for the suites that run inside the extension host (bundled into each *.test.js).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConnectionResult } from '../../src/host/commands/tokenCommands';
import type { RecordedRequest } from '../../src/mock/server';

export type { ConnectionResult, RecordedRequest };

export const EXTENSION_ID = 'glm-code-assistant.glm-code-assistant';


/** The mock GLM server the runner started, reached over HTTP (it lives in the runner's process). */
export const mock = {
  url: requiredEnv('GLM_MOCK_URL'),
  token: requiredEnv('GLM_MOCK_TOKEN'),
  async requests(): Promise<RecordedRequest[]> {
    const res = await fetch(new URL('/__mock/requests', mock.url));
    if (!res.ok) throw new Error(`GET /__mock/requests: ${res.status}`);
    return (await res.json()) as RecordedRequest[];
  },
  async reset(): Promise<void> {
    const res = await fetch(new URL('/__mock/reset', mock.url), { method: 'POST' });
    if (!res.ok) throw new Error(`POST /__mock/reset: ${res.status}`);
  },
  async completions(): Promise<RecordedRequest[]> {
    return (await mock.requests()).filter((r) => r.path.endsWith('/chat/completions'));
  },
};

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: start the suite through test/runIntegration.ts or test/runDesktop.ts`);
  return value;
}

export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not loaded`);
  await ext.activate();
  return ext;
}

/** Writes a user setting and waits until the configuration service reports it. */
export async function setSetting(key: string, value: unknown): Promise<void> {
  // Test-only and not contributed (hidden from the Settings UI): the extension keeps it in memory.
  if (key === 'glm.debug.mockScenario') return void (await vscode.commands.executeCommand('glm.debug.setMockScenario', value));
  const changed = new Promise<void>((resolve) => {
    const sub = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(key)) {
        sub.dispose();
        resolve();
      }
    });
  });
  const [section, ...rest] = key.split('.');
  const config = vscode.workspace.getConfiguration(section);
  const name = rest.join('.');
  if (JSON.stringify(config.inspect(name)?.globalValue) === JSON.stringify(value)) return;
  await config.update(name, value, vscode.ConfigurationTarget.Global);
  await changed;
}

/** Settings the suites change; reset between tests so every test starts from the runner's baseline. */
const TOUCHED = ['glm.model', 'glm.customModel', 'glm.debug.mockScenario', 'glm.maxRetries', 'glm.fallbackModels'];

/** Polls `probe` until it returns something other than undefined or false; fails naming `what` after the timeout. */
export async function until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function resetState(): Promise<void> {
  for (const key of TOUCHED) await setSetting(key, undefined);
  await vscode.commands.executeCommand('glm.clearApiToken');
  await mock.reset();
}

export function testConnection(): Thenable<ConnectionResult> {
  return vscode.commands.executeCommand<ConnectionResult>('glm.testConnection', { silent: true });
}

export function header(req: RecordedRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * The text of the "GLM" log file the extension host writes under the extension's logUri
 * (<user-data>/logs/<session>/.../<extension id>/GLM.log), once it contains `until`: writes are buffered.
 */
export async function glmLogFileText(until: string, timeoutMs = 10_000): Promise<string> {
  const logsDir = requiredEnv('GLM_TEST_LOGS_DIR');
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    const files = (fs.readdirSync(logsDir, { recursive: true }) as string[])
      .filter((f) => path.basename(f) === 'GLM.log' && path.basename(path.dirname(f)) === EXTENSION_ID);
    text = files.map((f) => fs.readFileSync(path.join(logsDir, f), 'utf8')).join('\n');
    if (text.includes(until)) return text;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no GLM.log under ${logsDir} contains "${until}" (read ${text.length} chars)`);
}
