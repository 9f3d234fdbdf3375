import * as vscode from 'vscode';
import type { FeatureLoader } from '../featureLoader';
import type { HostServices } from '../services';
import type { GlmChatProvider } from './glmChatProvider';

/**
 * GLM models in VS Code's Language Model API (vendor `glm`). Activation registers the provider and says when
 * its models change (settings, token); its code (dist/features/lm.js) loads when VS Code first asks it.
 */
export function registerGlmChatProvider(context: vscode.ExtensionContext, services: HostServices, features: FeatureLoader): void {
  const changed = new vscode.EventEmitter<void>();
  let loaded: GlmChatProvider | undefined;
  const provider = (): GlmChatProvider => (loaded ??= new (features.load<{ GlmChatProvider: typeof GlmChatProvider }>('lm').GlmChatProvider)(services));
  context.subscriptions.push(
    changed,
    services.config.onDidChange(() => changed.fire()),
    services.secrets.onDidChange(() => changed.fire()),
    vscode.lm.registerLanguageModelChatProvider('glm', {
      onDidChangeLanguageModelChatInformation: changed.event,
      provideLanguageModelChatInformation: (options) => provider().provideLanguageModelChatInformation(options),
      provideLanguageModelChatResponse: (model, messages, options, progress, token) => provider().provideLanguageModelChatResponse(model, messages, options, progress, token),
      provideTokenCount: (model, text) => provider().provideTokenCount(model, text),
    }),
  );
}
