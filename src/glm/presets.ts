// Endpoint presets (model limits live in modelCatalog.ts). The request builder reads these to decide which parameters an endpoint
// accepts and which ranges it takes, so a request is clamped here instead of rejected by the server.

import { servedModels } from './modelCatalog';

export type PresetId = 'acedata' | 'bigmodel' | 'zai' | 'bigmodel-coding' | 'zai-coding' | 'local' | 'custom';

/** `gateway`: the AceData OpenAI-compatible gateway; `zhipu`: Zhipu's own API (BigModel / Z.ai). */
export type EndpointFamily = 'gateway' | 'zhipu' | 'local' | 'custom';

export interface NumberRange {
  min: number;
  max: number;
}

export interface EndpointPreset {
  id: PresetId;
  label: string;
  /** Undefined for `local` and `custom`: the caller resolves it (see `resolveBaseUrl`). */
  baseUrl?: string;
  family: EndpointFamily;
  /** `thinking: {type}` (Zhipu, GLM-4.5 and later). */
  thinking: boolean;
  /** `tool_stream: true` (Zhipu, GLM-4.6 and later, streaming only). */
  toolStream: boolean;
  /** `stream_options: {include_usage}`; none of the presets needs it: usage arrives unasked. */
  streamOptions: boolean;
  /** Zhipu takes only `tool_choice: "auto"`. */
  toolChoiceAutoOnly: boolean;
  /** Assistant `reasoning_content` may be sent back (Zhipu's preserved thinking); a gateway may reject it. */
  reasoningInHistory: boolean;
  temperature: NumberRange;
  topP: NumberRange;
  /** How many stop sequences the endpoint takes. */
  maxStopWords: number;
}

const GATEWAY_RANGES = { temperature: { min: 0, max: 2 }, topP: { min: 0, max: 1 }, maxStopWords: 4 };
const ZHIPU_RANGES = { temperature: { min: 0, max: 1 }, topP: { min: 0.01, max: 1 }, maxStopWords: 1 };

function zhipu(id: PresetId, label: string, baseUrl: string | undefined, family: EndpointFamily): EndpointPreset {
  return {
    id, label, baseUrl, family, thinking: true, toolStream: true, streamOptions: false,
    toolChoiceAutoOnly: family === 'zhipu', reasoningInHistory: true, ...ZHIPU_RANGES,
  };
}

export const PRESETS: Readonly<Record<PresetId, EndpointPreset>> = {
  acedata: {
    id: 'acedata', label: 'AceData gateway', baseUrl: 'https://api.acedata.cloud/glm', family: 'gateway',
    thinking: false, toolStream: false, streamOptions: false, toolChoiceAutoOnly: false, reasoningInHistory: false,
    ...GATEWAY_RANGES,
  },
  bigmodel: zhipu('bigmodel', 'Zhipu BigModel (China)', 'https://open.bigmodel.cn/api/paas/v4', 'zhipu'),
  zai: zhipu('zai', 'Z.ai (international)', 'https://api.z.ai/api/paas/v4', 'zhipu'),
  'bigmodel-coding': zhipu('bigmodel-coding', 'Zhipu Coding Plan', 'https://open.bigmodel.cn/api/coding/paas/v4', 'zhipu'),
  'zai-coding': zhipu('zai-coding', 'Z.ai Coding Plan', 'https://api.z.ai/api/coding/paas/v4', 'zhipu'),
  // The mock speaks the Zhipu additions too, so every parameter can be exercised locally.
  local: zhipu('local', 'Local mock server', undefined, 'local'),
  // Unknown OpenAI-compatible server: Zhipu-only parameters go out only when the user set them explicitly.
  custom: {
    id: 'custom', label: 'Custom base URL', family: 'custom',
    thinking: true, toolStream: true, streamOptions: false, toolChoiceAutoOnly: false, reasoningInHistory: false,
    ...GATEWAY_RANGES,
  },
};

export const DEFAULT_PRESET: PresetId = 'acedata';
export const DEFAULT_LOCAL_URL = 'http://127.0.0.1:8787/glm';

export function isPresetId(value: unknown): value is PresetId {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PRESETS, value);
}

export function getPreset(id: PresetId | string | undefined): EndpointPreset {
  return isPresetId(id) ? PRESETS[id] : PRESETS[DEFAULT_PRESET];
}

/**
 * The base URL requests go to. `local`: the configured URL, else env GLM_MOCK_URL, else the mock's default.
 * `custom`: the configured URL (undefined when none is set; the caller asks the user for one).
 * Other presets: the configured URL overrides the preset's (proxies), else the preset's.
 */
export function resolveBaseUrl(
  id: PresetId | string | undefined,
  configured?: string,
  env: Record<string, string | undefined> = process.env,
): string | undefined {
  const own = configured?.trim() ? trimSlash(configured.trim()) : undefined;
  const preset = getPreset(id);
  if (preset.id === 'local') return own ?? (env.GLM_MOCK_URL ? trimSlash(env.GLM_MOCK_URL) : DEFAULT_LOCAL_URL);
  if (preset.id === 'custom') return own;
  return own ?? preset.baseUrl;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** Models offered for a preset (pickers, "Switch Model"); any other id can still be typed in. */
export function modelsForPreset(id: PresetId | string | undefined): string[] {
  const preset = getPreset(id);
  if (preset.family === 'gateway') return servedModels('gateway');
  if (preset.id === 'bigmodel-coding' || preset.id === 'zai-coding') return servedModels('coding');
  return servedModels(preset.family === 'zhipu' ? 'zhipu' : 'any');
}
