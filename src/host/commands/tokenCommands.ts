import * as vscode from 'vscode';
import type { HostServices } from '../services';
import { validateToken } from '../tokenStore';
import { resolveEndpoint } from '../../glm/settings';
import { endpointHealth } from '../../glm/requestStatusText';
import { currentEndpoint } from '../status/requestStatusMenu';

export interface ConnectionResult {
  ok: boolean;
  message: string;
  endpoint: string;
  model: string;
  latencyMs?: number;
  kind?: string;
  /** Latency percentiles of the last requests and the limit state of the endpoint. */
  health?: string;
}

/** Set / Clear API Token and Test Connection. Each takes an optional argument so tests can skip the UI. */
export function registerTokenCommands(context: vscode.ExtensionContext, services: HostServices): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('glm.setApiToken', (value?: unknown) => setApiToken(services, value)),
    vscode.commands.registerCommand('glm.clearApiToken', () => clearApiToken(services)),
    vscode.commands.registerCommand('glm.testConnection', (opts?: { silent?: boolean }) =>
      testConnection(services, opts?.silent === true),
    ),
  );
}

async function setApiToken(services: HostServices, value: unknown): Promise<boolean> {
  const given = typeof value === 'string' ? value : undefined;
  const token =
    given ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('GLM: Set API Token'),
      prompt: vscode.l10n.t('Paste your GLM API token. It is kept in VS Code secret storage, never in settings.'),
      placeHolder: vscode.l10n.t('API token'),
      password: true,
      ignoreFocusOut: true,
      validateInput: validateToken,
    }));
  if (token === undefined) return false;
  const problem = validateToken(token);
  if (problem) {
    void vscode.window.showErrorMessage(problem);
    return false;
  }
  await services.secrets.set(token.trim());
  services.log.info('API token stored in secret storage.');
  if (given === undefined) {
    const test = vscode.l10n.t('Test Connection');
    void vscode.window.showInformationMessage(vscode.l10n.t('GLM API token saved.'), test).then((picked) => {
      if (picked === test) void vscode.commands.executeCommand('glm.testConnection');
    });
  }
  return true;
}

async function clearApiToken(services: HostServices): Promise<void> {
  await services.secrets.clear();
  services.log.info('API token removed from secret storage.');
  void vscode.window.showInformationMessage(vscode.l10n.t('GLM API token cleared.'));
}

async function testConnection(services: HostServices, silent: boolean): Promise<ConnectionResult> {
  const endpoint = resolveEndpoint(services.config.get()).baseUrl;
  let failure: unknown;
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Testing the GLM connection to {0}…', endpoint), cancellable: true },
    async (_progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      try {
        return await ping(services, endpoint, abort.signal);
      } catch (err) {
        failure = err;
        const d = services.describeError(err);
        return { ok: false, endpoint, model: services.config.get().model, kind: d.kind, message: d.message };
      } finally {
        sub.dispose();
      }
    },
  );
  const scheduling = currentEndpoint(services);
  const state = services.scheduler.state(scheduling.endpoint, scheduling.limit);
  result.health = endpointHealth(state, services.scheduler.latency.summary(scheduling.endpoint), Date.now(), vscode.l10n);
  services.log.info(`Test connection: ${result.ok ? 'ok' : result.kind} (${endpoint}, ${result.model}). ${result.health}`);
  if (!silent) {
    if (result.ok) void vscode.window.showInformationMessage(`${result.message} ${result.health}`);
    else void services.showError(failure, () => vscode.commands.executeCommand('glm.testConnection'));
  }
  return result;
}

/** One tiny request; fallbacks off so the result speaks of the configured model. */
async function ping(services: HostServices, endpoint: string, signal: AbortSignal): Promise<ConnectionResult> {
  const model = services.config.get().model;
  const started = Date.now();
  const answer = await services.client.complete(
    { model, messages: [{ role: 'user', content: 'Reply with the single word: pong' }], maxTokens: 16, thinking: 'disabled' },
    signal,
  );
  const latencyMs = Date.now() - started;
  const answered = answer.model || model;
  return { ok: true, endpoint, model: answered, latencyMs, message: vscode.l10n.t('Connected to {0} with {1} in {2} ms.', endpoint, answered, latencyMs) };
}
