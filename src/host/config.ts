import * as vscode from 'vscode';
import { DEFAULT_VISION_MODEL } from '../glm/modelCatalog';
import type { GlmSettings } from '../glm/settings';
import type { PreserveThinkingSetting } from '../glm/thinking';
import type { ThinkingMode } from '../glm/types';

const SECTION = 'glm';

function optionalNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function readSettings(): GlmSettings {
  const c = vscode.workspace.getConfiguration(SECTION);
  const customModel = c.get<string>('customModel', '').trim();
  return {
    preset: c.get<string>('preset', 'acedata'),
    baseUrl: c.get<string>('baseUrl', '').trim(),
    model: customModel || c.get<string>('model', 'glm-4.7'),
    fallbackModels: c.get<string[]>('fallbackModels', []).filter((m) => typeof m === 'string' && m.trim() !== ''),
    temperature: optionalNumber(c.get('temperature')),
    topP: optionalNumber(c.get('topP')),
    maxTokens: optionalNumber(c.get('maxTokens')),
    systemPrompt: c.get<string>('systemPrompt', ''),
    thinking: c.get<ThinkingMode>('thinking', 'auto'),
    preserveThinking: c.get<PreserveThinkingSetting>('preserveThinking', 'auto'),
    requestTimeoutSeconds: c.get<number>('requestTimeoutSeconds', 60),
    maxRetries: c.get<number>('maxRetries', 3),
    maxConcurrentRequests: c.get<number>('maxConcurrentRequests', 0),
    // Not contributed (test-only, hidden from the Settings UI): set by hand in settings.json or by the hidden
    // `glm.debug.setMockScenario` command. Only sent to the local mock.
    mockScenario: c.get<string>('debug.mockScenario', ''),
    visionModel: c.get<string>('visionModel', DEFAULT_VISION_MODEL).trim() || DEFAULT_VISION_MODEL,
  };
}

/** Current settings, re-read lazily after any `glm.*` change. */
export class ConfigReader implements vscode.Disposable {
  private cached: GlmSettings | undefined;
  private readonly emitter = new vscode.EventEmitter<GlmSettings>();
  readonly onDidChange = this.emitter.event;
  private readonly listener: vscode.Disposable;

  constructor() {
    this.listener = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SECTION)) return;
      this.cached = undefined;
      this.emitter.fire(this.get());
    });
  }

  private mockScenarioOverride: string | undefined;

  get(): GlmSettings {
    this.cached ??= readSettings();
    return this.mockScenarioOverride === undefined ? this.cached : { ...this.cached, mockScenario: this.mockScenarioOverride };
  }

  /** Test-only: the mock scenario header, in memory (undefined falls back to settings.json). */
  setMockScenario(scenario: string | undefined): void {
    this.mockScenarioOverride = scenario;
    this.emitter.fire(this.get());
  }

  /** Writes a user-level setting (e.g. the model picked after a "Switch model" action). */
  async update(key: keyof GlmSettings | 'customModel', value: unknown): Promise<void> {
    await vscode.workspace.getConfiguration(SECTION).update(key, value, vscode.ConfigurationTarget.Global);
  }

  dispose(): void {
    this.listener.dispose();
    this.emitter.dispose();
  }
}
