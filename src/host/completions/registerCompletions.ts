import * as vscode from 'vscode';
import { TokenEstimator } from '../../chat/contextBudget';
import { CompletionEngine, type EngineDeps } from '../../editor/completions/completionEngine';
import { COMPLETION_REQUEST_OPTIONS } from '../../editor/completions/completionRequest';
import { enabledForPreset } from '../../editor/completions/completionsGate';
import type { HostServices } from '../services';
import { CompletionsController } from './completionsController';
import { CompletionsMenu, TOGGLE_COMMAND } from './completionsMenu';
import { ACCEPTED_COMMAND, GlmInlineProvider } from './inlineProvider';

/** Ghost-text completions: the engine on the shared client, the provider for every file, the status part and menu. */
export function registerCompletions(context: vscode.ExtensionContext, services: HostServices): void {
  const controller = new CompletionsController(services, context.globalState);
  const engine = new CompletionEngine({
    estimator: new TokenEstimator(),
    stream: (request, signal) => contentOf(services, request, signal),
    now: () => Date.now(),
    sleep: (ms, signal) => abortableSleep(ms, signal),
    onEvent: (event) => controller.onEngineEvent(event),
  });
  const provider = new GlmInlineProvider(engine, (doc) => controller.gate(doc).kind === 'on', () => controller.settings().model);
  context.subscriptions.push(
    controller,
    vscode.languages.registerInlineCompletionItemProvider({ pattern: '**' }, provider),
    services.statusBar.addMenuItems(new CompletionsMenu(controller, services)),
    vscode.commands.registerCommand(ACCEPTED_COMMAND, () => engine.accepted()),
    vscode.commands.registerCommand(TOGGLE_COMMAND, () => {
      const on = enabledForPreset(controller.settings().enabled, services.config.get().preset);
      return controller.update('enabled', on ? 'off' : 'on');
    }),
    // Another model or endpoint answers differently: answers kept for the old one must not come back.
    services.config.onDidChange(() => engine.clearCache()),
  );
}

/**
 * The answer's text as it streams, through the shared client (its retries, fallbacks and logging) at the
 * scheduler's lowest priority: a person's chat or command goes first, and a queued completion that a newer
 * one replaces is dropped instead of sent.
 */
async function* contentOf(services: HostServices, request: Parameters<EngineDeps['stream']>[0], signal: AbortSignal): AsyncIterable<string> {
  for await (const event of services.client.stream(request, signal, COMPLETION_REQUEST_OPTIONS)) {
    if (event.type === 'content' && event.index === 0) yield event.text;
  }
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted || ms <= 0) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
