import * as vscode from 'vscode';
import type { GlmClient, GlmClientConfig } from '../glm/glmClient';
import { RequestScheduler } from '../glm/scheduler';
import { ConfigReader } from './config';
import { actionLabel, describeError, type ErrorAction, type ErrorDescription } from './errorMessages';
import { clientConfigFor, requestDefaults, type RequestDefaults } from '../glm/settings';
import type { FeatureLoader } from './featureLoader';
import { ShutdownTasks } from './lifecycle';
import { EditProposals } from './proposals/editProposals';
import { RedactingLog } from './redactingLog';
import { GlmStatusBar } from './status/glmStatusBar';
import { TokenStore } from './tokenStore';
import { UsageStore } from './usage/usageStore';

/** What every feature of the host (chat, editor commands, token commands) shares. Built once in activate(). */
export interface HostServices {
  /** Its code (dist/features/glm.js) loads on the first request. */
  readonly client: GlmClient;
  /** Every GLM request of every feature queues here (the client goes through it); state for the status bar. */
  scheduler: RequestScheduler;
  /** Token usage per day and model (no content). */
  usage: UsageStore;
  config: ConfigReader;
  secrets: TokenStore;
  log: RedactingLog;
  /** The one `GLM` status bar item; features set their part and add their menu section. */
  statusBar: GlmStatusBar;
  /** Every proposed edit (editor commands, the chat's Apply, the agent) is shown and decided here. */
  proposals: EditProposals;
  /** Writes to finish before the extension host exits (`deactivate()` waits for them). */
  shutdown: ShutdownTasks;
  describeError(err: unknown): ErrorDescription;
  /** Shows the mapped message with its actions; `retry` runs when the user picks Retry. */
  showError(err: unknown, retry?: () => unknown): Promise<void>;
  /** Model and sampling settings to spread into every ChatRequest. */
  requestDefaults(): RequestDefaults;
  systemPrompt(): string;
}

/** The local mock answers to this token when none is stored, so the product works out of the box against it. */
const MOCK_TOKEN = process.env.GLM_MOCK_TOKEN || 'mock-token';

export function createServices(context: vscode.ExtensionContext, features: FeatureLoader): HostServices {
  const config = new ConfigReader();
  const secrets = new TokenStore(context.secrets);
  const log = new RedactingLog(vscode.window.createOutputChannel('GLM', { log: true }), () => [secrets.knownToken()]);
  const statusBar = new GlmStatusBar();
  const proposals = new EditProposals();
  const usage = new UsageStore(context.globalState);
  const scheduler = new RequestScheduler({ log: (m) => log.debug(m) });
  context.subscriptions.push(config, secrets, log, statusBar, proposals, usage);

  const clientConfig = (): GlmClientConfig => clientConfigFor(config.get(), {
    storedToken: () => secrets.get(), mockToken: MOCK_TOKEN, logger: log, scheduler, onUsage: (record) => usage.record(record),
  });

  let client: GlmClient | undefined;
  const services: HostServices = {
    get client() {
      return (client ??= new (features.load<{ GlmClient: typeof GlmClient }>('glm').GlmClient)(clientConfig));
    },
    scheduler,
    usage,
    config,
    secrets,
    log,
    statusBar,
    proposals,
    shutdown: new ShutdownTasks(),
    describeError,
    showError: (err, retry) => showError(services, err, retry),
    requestDefaults: () => requestDefaults(config.get()),
    systemPrompt: () => config.get().systemPrompt,
  };
  return services;
}


async function showError(services: HostServices, err: unknown, retry?: () => unknown): Promise<void> {
  const described = services.describeError(err);
  if (described.kind === 'cancelled') return;
  services.log.error(`${described.kind}: ${described.message}`);
  const actions = described.actions.filter((a) => a !== 'retry' || retry);
  const picked = await vscode.window.showErrorMessage(described.message, ...actions.map(actionLabel));
  const action = actions.find((a) => actionLabel(a) === picked);
  if (action) await runErrorAction(action, retry);
}

export async function runErrorAction(action: ErrorAction, retry?: () => unknown): Promise<void> {
  switch (action) {
    case 'setToken':
      await vscode.commands.executeCommand('glm.setApiToken');
      return;
    case 'retry':
      await retry?.();
      return;
    case 'switchModel':
      await vscode.commands.executeCommand('glm.selectModel');
      return;
    case 'openSettings':
      await vscode.commands.executeCommand('workbench.action.openSettings', '@ext:glm-code-assistant.glm-code-assistant');
      return;
  }
}
