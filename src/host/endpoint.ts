import { PRESETS, type PresetId } from '../glm/presets';
import type { GlmSettings } from './config';

export const DEFAULT_MOCK_URL = 'http://127.0.0.1:8787/glm';

export interface Endpoint {
  presetId: PresetId;
  baseUrl: string;
}

/**
 * The base URL of the chosen preset. `glm.baseUrl` applies to the `custom` and `local` presets only, so that
 * switching back to a hosted preset never keeps talking to a local or custom server by accident.
 */
export function resolveEndpoint(s: Pick<GlmSettings, 'preset' | 'baseUrl'>, env = process.env): Endpoint {
  const presetId = (s.preset in PRESETS ? s.preset : 'acedata') as PresetId;
  if (presetId === 'local') return { presetId, baseUrl: s.baseUrl || env.GLM_MOCK_URL || DEFAULT_MOCK_URL };
  if (presetId === 'custom') return { presetId, baseUrl: s.baseUrl };
  return { presetId, baseUrl: PRESETS[presetId].baseUrl ?? '' };
}
