// The GLM models the extension knows: limits and capabilities per model, and which endpoints serve them.
//
// Sources (checked 2026-12):
// - Zhipu's model pages, e.g. https://docs.bigmodel.cn/cn/guide/models/text/glm-4.6 and
//   https://docs.bigmodel.cn/cn/guide/models/text/glm-4.5 (context, output, modalities, thinking.type);
//   Z.ai's English mirror under https://docs.z.ai/guides/ (llm/ and vlm/ pages).
// - Zhipu's thinking-mode guide, https://docs.z.ai/guides/capabilities/thinking-mode : thinking is on by
//   default for GLM-5.x and GLM-4.7 (can be disabled), GLM-4.5/4.6 think when they judge it useful (hybrid),
//   preserved thinking with `clear_thinking: false`, on by default on the Coding Plan endpoints.
// - The AceData gateway's page (/work/shared/seeds/glm-chat-completion-api.md): it serves the seed's five.
// Units follow the documents: "200K" is 200 x 1024 tokens.

/** How a model thinks when nothing is sent: `always` rejects `thinking: disabled` (Zhipu error 1210). */
export type ThinkingDefault = 'always' | 'enabled' | 'hybrid' | 'none';

export interface ModelInfo {
  id: string;
  contextWindow: number;
  /** Undefined where the provider documents none. */
  maxOutput: number | undefined;
  thinkingDefault: ThinkingDefault;
  /** Takes `thinking: {type}` (GLM-4.5 and later). */
  thinking: boolean;
  /** Function calling (`tools`). */
  toolCalling: boolean;
  /** Takes `tool_stream` (GLM-4.6 and later text models). */
  toolStream: boolean;
  /** Accepts `image_url` content parts. */
  imageInput: boolean;
  /** Served by the AceData gateway (the seed lists these five). */
  gateway: boolean;
  /** Included in Zhipu's GLM Coding Plan. */
  codingPlan: boolean;
}

const K = 1024;

type Row = [id: string, context: number, output: number | undefined, thinking: ThinkingDefault,
  tools: boolean, toolStream: boolean, image: boolean, gateway: boolean, codingPlan: boolean];

// Newest first within each family: this is the order pickers show.
const ROWS: Row[] = [
  ['glm-5.2', 1024 * K, 128 * K, 'enabled', true, true, false, false, true],
  ['glm-5.1', 200 * K, 128 * K, 'enabled', true, true, false, true, true],
  ['glm-5', 200 * K, 128 * K, 'enabled', true, true, false, false, true],
  ['glm-4.7', 200 * K, 128 * K, 'enabled', true, true, false, true, true],
  ['glm-4.7-flash', 200 * K, 128 * K, 'enabled', true, true, false, false, false],
  ['glm-4.6', 200 * K, 128 * K, 'hybrid', true, true, false, true, true],
  ['glm-4.5', 128 * K, 96 * K, 'hybrid', true, false, false, false, true],
  ['glm-4.5-air', 128 * K, 96 * K, 'hybrid', true, false, false, true, true],
  ['glm-4.5-flash', 128 * K, 96 * K, 'hybrid', true, false, false, false, false],
  ['glm-4.6v', 128 * K, 32 * K, 'hybrid', true, false, true, false, false],
  ['glm-4.6v-flash', 128 * K, 32 * K, 'hybrid', true, false, true, false, false],
  ['glm-4.5v', 64 * K, 16 * K, 'hybrid', false, false, true, false, false],
  ['glm-4.1v-thinking-flash', 64 * K, 16 * K, 'always', false, false, true, false, false],
  ['glm-z1-air', 128 * K, 32 * K, 'always', false, false, false, false, false],
  ['glm-z1-flash', 128 * K, 32 * K, 'always', false, false, false, false, false],
  ['glm-4-plus', 128 * K, 4 * K, 'none', true, false, false, false, false],
  ['glm-3-turbo', 128 * K, undefined, 'none', true, false, false, true, false],
];

export const MODELS: Readonly<Record<string, ModelInfo>> = Object.fromEntries(
  ROWS.map(([id, contextWindow, maxOutput, thinkingDefault, toolCalling, toolStream, imageInput, gateway, codingPlan]) => [
    id,
    { id, contextWindow, maxOutput, thinkingDefault, thinking: thinkingDefault !== 'none', toolCalling, toolStream, imageInput, gateway, codingPlan },
  ]),
);

export const MODEL_IDS: readonly string[] = ROWS.map(([id]) => id);
/** The five models of the seed: every endpoint preset offers them (they are the gateway's list). */
export const SEED_MODEL_IDS: readonly string[] = MODEL_IDS.filter((id) => MODELS[id].gateway);
export const DEFAULT_MODEL = 'glm-4.7';
/** The vision model a turn with images goes to when the chosen model takes none. */
export const DEFAULT_VISION_MODEL = 'glm-4.6v';

/**
 * A model id the catalog does not know (a fine-tune, a newer release): small limits so a prompt never
 * overflows an unknown window, no images, tools offered (an endpoint that lacks them says so).
 */
export const UNKNOWN_MODEL: Omit<ModelInfo, 'id'> = {
  contextWindow: 32 * K, maxOutput: 4 * K, thinkingDefault: 'hybrid', thinking: true, toolCalling: true,
  toolStream: false, imageInput: false, gateway: false, codingPlan: false,
};

/**
 * Limits of a known model; undefined for an unknown id (then nothing is clamped to it). Versioned ids that
 * gateways return (`glm-4.6-0930`, `glm-4.6v-20251208`) resolve to their model.
 */
export function getModelInfo(model: string): ModelInfo | undefined {
  const id = model.trim().toLowerCase();
  if (Object.prototype.hasOwnProperty.call(MODELS, id)) return MODELS[id];
  const base = /^(.+?)-\d{4,8}$/.exec(id)?.[1];
  return base !== undefined && Object.prototype.hasOwnProperty.call(MODELS, base) ? MODELS[base] : undefined;
}

/** What the extension assumes about any model id: the catalog's entry, else the safe defaults. */
export function describeModel(model: string): ModelInfo {
  return getModelInfo(model) ?? { id: model.trim(), ...UNKNOWN_MODEL };
}

/**
 * Models an endpoint family serves, for pickers and "Switch Model": the gateway its five, a Coding Plan
 * its plan's models, Zhipu's API, the mock and custom servers everything.
 */
export function servedModels(family: 'gateway' | 'zhipu' | 'coding' | 'any'): string[] {
  switch (family) {
    case 'gateway':
      return [...SEED_MODEL_IDS];
    case 'coding':
      return MODEL_IDS.filter((id) => MODELS[id].codingPlan);
    case 'zhipu':
    case 'any':
      return [...MODEL_IDS];
  }
}
