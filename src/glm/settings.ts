// The extension's settings as the product reads them (the host fills them from `glm.*`), and the endpoint they
// select.
import type { GlmClientConfig } from './glmClient';
import { getPreset, resolveBaseUrl, type PresetId } from './presets';
import { preserveThinkingFor, type PreserveThinkingSetting } from './thinking';
import type { ChatRequest, ThinkingMode } from './types';

/** The extension's settings as one typed snapshot (never the token: that lives in SecretStorage). */
export interface GlmSettings {
  preset: string;
  baseUrl: string;
  model: string;
  fallbackModels: string[];
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  systemPrompt: string;
  thinking: ThinkingMode;
  preserveThinking: PreserveThinkingSetting;
  requestTimeoutSeconds: number;
  maxRetries: number;
  /** 0: the preset's default (src/glm/schedulerLimits.ts). */
  maxConcurrentRequests: number;
  mockScenario: string;
  /** Answers a message with images when the chosen model takes none. */
  visionModel: string;
}

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

/** Model and sampling settings that every ChatRequest starts from. */
export type RequestDefaults = Pick<ChatRequest, 'model' | 'temperature' | 'topP' | 'maxTokens' | 'thinking' | 'preserveThinking'>;

export function requestDefaults(s: GlmSettings): RequestDefaults {
  return {
    model: s.model, temperature: s.temperature, topP: s.topP, maxTokens: s.maxTokens, thinking: s.thinking,
    preserveThinking: preserveThinkingFor(s.preserveThinking, resolveEndpoint(s).presetId),
  };
}

/** What the client takes from the editor besides the settings. */
export interface ClientParts extends Pick<GlmClientConfig, 'logger' | 'scheduler' | 'onUsage'> {
  storedToken(): Promise<string | undefined>;
  /** The local mock answers to it when no token is stored, so the product works against it out of the box. */
  mockToken: string;
}

/** The client's configuration for the settings as they are now (read again for every request). */
export function clientConfigFor(s: GlmSettings, parts: ClientParts): GlmClientConfig {
  const endpoint = resolveEndpoint(s);
  const local = endpoint.presetId === 'local';
  return {
    baseUrl: endpoint.baseUrl,
    presetId: endpoint.presetId,
    getToken: async () => (await parts.storedToken()) ?? (local ? parts.mockToken : undefined),
    fallbackModels: s.fallbackModels,
    maxRetries: s.maxRetries,
    connectTimeoutMs: s.requestTimeoutSeconds * 1000,
    idleTimeoutMs: s.requestTimeoutSeconds * 1000,
    logger: parts.logger,
    scheduler: parts.scheduler,
    maxConcurrentRequests: s.maxConcurrentRequests,
    onUsage: parts.onUsage,
    extraHeaders: local && s.mockScenario ? { 'x-mock-scenario': s.mockScenario } : undefined,
  };
}
