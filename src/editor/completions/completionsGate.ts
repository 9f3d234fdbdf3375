// Whether ghost text may be asked for right now, and why not: the one decision behind the provider and
// the status bar, so both always agree.
import type { PresetId } from '../../glm/presets';

export type EnabledSetting = 'auto' | 'on' | 'off';

export interface CompletionsSettings {
  enabled: EnabledSetting;
  model: string;
  disabledLanguages: string[];
}

export type GateState =
  | { kind: 'on' }
  | { kind: 'off'; reason: 'setting' | 'payPerToken' | 'language' | 'editorSetting' }
  | { kind: 'snoozed'; until: number };

export const DEFAULT_COMPLETIONS_MODEL = 'glm-4.5-air';

/**
 * Presets where a request costs nothing extra: the local mock and the Coding Plans (flat monthly price).
 * Ghost text sends a request per pause in typing, so pay-per-token endpoints opt in explicitly.
 */
const FLAT_PRICE: ReadonlySet<string> = new Set<PresetId>(['local', 'bigmodel-coding', 'zai-coding']);

export function enabledForPreset(setting: EnabledSetting, preset: string): boolean {
  if (setting === 'auto') return FLAT_PRICE.has(preset);
  return setting === 'on';
}

export interface GateInput {
  settings: CompletionsSettings;
  preset: string;
  now: number;
  snoozedUntil: number | undefined;
  /** The language of the editor asked about; undefined when no editor is active. */
  languageId: string | undefined;
  /** VS Code's `editor.inlineSuggest.enabled`. */
  inlineSuggestEnabled: boolean;
}

export function gateState(input: GateInput): GateState {
  const { settings } = input;
  if (!enabledForPreset(settings.enabled, input.preset)) {
    return { kind: 'off', reason: settings.enabled === 'auto' ? 'payPerToken' : 'setting' };
  }
  if (input.snoozedUntil !== undefined && input.snoozedUntil > input.now) return { kind: 'snoozed', until: input.snoozedUntil };
  if (!input.inlineSuggestEnabled) return { kind: 'off', reason: 'editorSetting' };
  if (input.languageId !== undefined && isLanguageDisabled(settings, input.languageId)) return { kind: 'off', reason: 'language' };
  return { kind: 'on' };
}

export function isLanguageDisabled(settings: CompletionsSettings, languageId: string): boolean {
  return settings.disabledLanguages.some((l) => l.trim().toLowerCase() === languageId.toLowerCase());
}

/** The list after turning one language on or off (other entries kept as they are). */
export function toggleLanguage(disabled: string[], languageId: string): string[] {
  const lower = languageId.toLowerCase();
  const without = disabled.filter((l) => l.trim().toLowerCase() !== lower);
  return without.length === disabled.length ? [...disabled, languageId] : without;
}

/** Reads untrusted settings values into a valid snapshot. */
export function parseCompletionsSettings(raw: { enabled?: unknown; model?: unknown; disabledLanguages?: unknown }): CompletionsSettings {
  const enabled = raw.enabled === true ? 'on' : raw.enabled === false ? 'off' : raw.enabled;
  return {
    enabled: enabled === 'on' || enabled === 'off' ? enabled : 'auto',
    model: typeof raw.model === 'string' && raw.model.trim() ? raw.model.trim() : DEFAULT_COMPLETIONS_MODEL,
    disabledLanguages: Array.isArray(raw.disabledLanguages) ? raw.disabledLanguages.filter((l): l is string => typeof l === 'string') : [],
  };
}
