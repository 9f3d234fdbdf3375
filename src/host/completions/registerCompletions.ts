import * as vscode from 'vscode';
import type { CompletionEngine } from '../../editor/completions/completionEngine';
import { enabledForPreset } from '../../editor/completions/completionsGate';
import type { FeatureLoader } from '../featureLoader';
import type { HostServices } from '../services';
import type { createCompletionEngine } from './completionsFeature';
import { CompletionsController } from './completionsController';
import { CompletionsMenu, TOGGLE_COMMAND } from './completionsMenu';
import { ACCEPTED_COMMAND, GlmInlineProvider } from './inlineProvider';

/**
 * Ghost-text completions: the provider for every file, the status part and menu. The engine
 * (dist/features/completions.js) loads when the provider is first asked for a completion.
 */
export function registerCompletions(context: vscode.ExtensionContext, services: HostServices, features: FeatureLoader): void {
  const controller = new CompletionsController(services, context.globalState);
  let loaded: CompletionEngine | undefined;
  const engine = (): CompletionEngine =>
    (loaded ??= features.load<{ createCompletionEngine: typeof createCompletionEngine }>('completions').createCompletionEngine(services, (event) => controller.onEngineEvent(event)));
  const provider = new GlmInlineProvider({ complete: (input, signal) => engine().complete(input, signal) }, (doc) => controller.gate(doc).kind === 'on', () => controller.settings().model);
  context.subscriptions.push(
    controller,
    vscode.languages.registerInlineCompletionItemProvider({ pattern: '**' }, provider),
    services.statusBar.addMenuItems(new CompletionsMenu(controller, services)),
    vscode.commands.registerCommand(ACCEPTED_COMMAND, () => loaded?.accepted()),
    vscode.commands.registerCommand(TOGGLE_COMMAND, () => {
      const on = enabledForPreset(controller.settings().enabled, services.config.get().preset);
      return controller.update('enabled', on ? 'off' : 'on');
    }),
    // Another model or endpoint answers differently: answers kept for the old one must not come back.
    services.config.onDidChange(() => loaded?.clearCache()),
  );
}
