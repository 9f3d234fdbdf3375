import { getPreset, resolveBaseUrl, type PresetId } from '../glm/presets';
import type { GlmSettings } from './config';

export interface Endpoint {
  presetId: PresetId;
  baseUrl: string;
}

/**
 * `glm.baseUrl` applies to the `custom` and `local` presets only, so that switching to a hosted preset never keeps
 * talking to a local or custom server by accident (`npm start` sets it for the mock).
 */
export function resolveEndpoint(s: Pick<GlmSettings, 'preset' | 'baseUrl'>): Endpoint {
  const presetId = getPreset(s.preset).id;
  const ownUrl = presetId === 'local' || presetId === 'custom' ? s.baseUrl : undefined;
  return { presetId, baseUrl: resolveBaseUrl(presetId, ownUrl) ?? '' };
}
