// GLM models in VS Code's Language Model API (vendor `glm`): VS Code's chat model picker and every
// extension that calls `vscode.lm.selectChatModels({ vendor: 'glm' })` (Cline, Roo Code, ...) use the
// configured endpoint with the token from SecretStorage, our retries, fallbacks and error messages.
import * as vscode from 'vscode';
import { TokenEstimator, rawEstimate } from '../../chat/contextBudget';
import { GlmError } from '../../glm/errors';
import { toChatMessages } from '../../glm/lmConversation';
import { describeModel } from '../../glm/modelCatalog';
import { getPreset, modelsForPreset } from '../../glm/presets';
import type { ChatRequest, ToolDefinition } from '../../glm/types';
import { resolveEndpoint } from '../../glm/settings';
import type { HostServices } from '../services';
import { countableText, neutralMessages } from './lmParts';

/** The provider's code (dist/features/lm.js), loaded when VS Code first asks it; registerGlmChatProvider.ts registers it. */
export class GlmChatProvider implements Omit<vscode.LanguageModelChatProvider, 'onDidChangeLanguageModelChatInformation'> {
  private readonly estimator = new TokenEstimator();

  constructor(private readonly services: HostServices) {}

  async provideLanguageModelChatInformation(options: vscode.PrepareLanguageModelChatModelOptions): Promise<vscode.LanguageModelChatInformation[]> {
    if (!(await this.hasToken(!options.silent))) return [];
    const s = this.services.config.get();
    const ids = [...new Set([s.model, ...modelsForPreset(s.preset)])];
    const endpoint = getPreset(resolveEndpoint(s).presetId).label;
    return ids.map((id) => {
      const m = describeModel(id);
      const maxOutputTokens = m.maxOutput ?? 4096;
      return {
        id, name: id, family: id, version: id, detail: endpoint,
        tooltip: vscode.l10n.t('{0} on {1}', id, endpoint),
        maxInputTokens: Math.max(1024, m.contextWindow - maxOutputTokens),
        maxOutputTokens,
        capabilities: { toolCalling: m.toolCalling, imageInput: m.imageInput },
      };
    });
  }

  async provideLanguageModelChatResponse(
    model: vscode.LanguageModelChatInformation,
    messages: readonly vscode.LanguageModelChatRequestMessage[],
    options: vscode.ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<vscode.LanguageModelResponsePart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    if (!(await this.hasToken(true))) throw vscode.LanguageModelError.NoPermissions(vscode.l10n.t('No GLM API token is set. Run "GLM: Set API Token".'));
    const controller = new AbortController();
    const sub = token.onCancellationRequested(() => controller.abort());
    try {
      for await (const ev of this.services.client.stream(this.request(model, messages, options), controller.signal)) {
        if (ev.type === 'content') progress.report(new vscode.LanguageModelTextPart(ev.text));
        else if (ev.type === 'toolCall') progress.report(new vscode.LanguageModelToolCallPart(ev.call.id, ev.call.function.name, toolInput(ev.args)));
      }
    } catch (err) {
      throw this.mapError(err, token);
    } finally {
      sub.dispose();
    }
  }

  provideTokenCount(_model: vscode.LanguageModelChatInformation, text: string | vscode.LanguageModelChatRequestMessage): Promise<number> {
    // The chat's estimator (no GLM tokenizer ships on npm).
    return Promise.resolve(typeof text === 'string' ? this.estimator.estimateText(text) : 4 + rawEstimate(countableText(text)));
  }

  private request(model: vscode.LanguageModelChatInformation, messages: readonly vscode.LanguageModelChatRequestMessage[], options: vscode.ProvideLanguageModelChatResponseOptions): ChatRequest {
    const defaults = this.services.requestDefaults();
    const tools: ToolDefinition[] = (options.tools ?? []).map((t) => ({
      type: 'function', function: { name: t.name, description: t.description, parameters: t.inputSchema as Record<string, unknown> | undefined },
    }));
    const o = options.modelOptions ?? {};
    return {
      ...defaults,
      model: model.id,
      messages: toChatMessages(neutralMessages(messages)),
      ...(typeof o.temperature === 'number' ? { temperature: o.temperature } : {}),
      ...(typeof o.max_tokens === 'number' ? { maxTokens: o.max_tokens } : {}),
      ...(tools.length ? { tools, toolChoice: options.toolMode === vscode.LanguageModelChatToolMode.Required ? 'required' : 'auto', toolStream: true } : {}),
    };
  }

  /** The localized message of our error mapping, as the Language Model API's error where one fits. */
  private mapError(err: unknown, token: vscode.CancellationToken): Error {
    if (token.isCancellationRequested || (err instanceof GlmError && err.kind === 'cancelled')) return new vscode.CancellationError();
    const message = this.services.describeError(err).message;
    this.services.log.warn(`Language model request failed: ${message}`);
    if (!(err instanceof GlmError)) return new Error(message);
    switch (err.kind) {
      case 'auth':
      case 'quota':
        return vscode.LanguageModelError.NoPermissions(message);
      case 'contentFilter':
        return vscode.LanguageModelError.Blocked(message);
      case 'unsupported':
        return vscode.LanguageModelError.NotFound(message);
      default:
        return new Error(message);
    }
  }

  /** A token is stored (the local mock needs none); when allowed, asks for one through "GLM: Set API Token". */
  private async hasToken(mayAsk: boolean): Promise<boolean> {
    const s = this.services.config.get();
    const family = getPreset(resolveEndpoint(s).presetId).family;
    if (family === 'local' || family === 'custom' || (await this.services.secrets.get())) return true;
    if (!mayAsk) return false;
    await vscode.commands.executeCommand('glm.setApiToken');
    return (await this.services.secrets.get()) !== undefined;
  }
}

function toolInput(args: unknown): object {
  return typeof args === 'object' && args !== null && !Array.isArray(args) ? args : {};
}
