// Zhipu's thinking controls on the wire: turn-level `thinking.type` and preserved thinking.
// Per the thinking-mode guide (https://docs.z.ai/guides/capabilities/thinking-mode): each request may enable
// or disable thinking; `clear_thinking: false` keeps earlier `reasoning_content` in the model's context, and
// then every earlier reasoning_content must come back unmodified. The Coding Plan endpoints preserve by
// default. Models that always think reject `disabled` (error 1210), so it is never sent to them.

import type { ModelInfo } from './modelCatalog';
import type { EndpointPreset, PresetId } from './presets';
import type { ChatRequest } from './types';

export type PreserveThinkingSetting = 'auto' | 'on' | 'off';

export interface WireThinking {
  type: 'enabled' | 'disabled';
  clear_thinking?: boolean;
}

const CODING_PRESETS: ReadonlySet<PresetId | string> = new Set(['bigmodel-coding', 'zai-coding']);

/** `auto` is on for the Coding Plan presets (where Zhipu preserves anyway) and off elsewhere. */
export function preserveThinkingFor(setting: PreserveThinkingSetting | string | undefined, presetId: PresetId | string): boolean {
  if (setting === 'on') return true;
  if (setting === 'off') return false;
  return CODING_PRESETS.has(presetId);
}

/** Earlier `reasoning_content` goes back only when preserving, and only to endpoints that take it. */
export function sendsReasoningHistory(request: ChatRequest, preset: EndpointPreset): boolean {
  return request.preserveThinking === true && preset.reasoningInHistory;
}

/** The `thinking` object of the body, or undefined to leave the model's default. */
export function thinkingField(request: ChatRequest, preset: EndpointPreset, info: ModelInfo | undefined): WireThinking | undefined {
  if (!preset.thinking || info?.thinking === false) return undefined;
  let mode = request.thinking ?? 'auto';
  if (mode === 'disabled' && info?.thinkingDefault === 'always') mode = 'auto';
  // The explicit `clear_thinking: false` is for Zhipu's API endpoints (and the mock that speaks them); the
  // Coding Plan preserves without it, and an unknown server gets no Zhipu-only field it did not ask for.
  const explicitPreserve = sendsReasoningHistory(request, preset) && !CODING_PRESETS.has(preset.id) && preset.family !== 'custom';
  if (explicitPreserve && mode !== 'disabled') return { type: 'enabled', clear_thinking: false };
  return mode === 'auto' ? undefined : { type: mode };
}
