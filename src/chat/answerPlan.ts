// Answer planning, apart from the host glue: does the prompt fit the model (else a refusal the panel shows
// with models to switch to), which messages go out, and the turns the history gets (the prompt when it is
// new, and the empty streaming answer). The host only localizes, writes and posts.
import { describeModel, getModelInfo } from '../glm/modelCatalog';
import type { ChatMessage } from '../glm/types';
import { limitsFor, type TokenEstimator } from './contextBudget';
import type { AnswerTurn, Turn, UserTurn } from './conversation';
import { assemblePrompt, type ImageLookup } from './promptAssembly';

export interface PlanInput {
  systemPrompt: string;
  /** Turns before the prompt, root first. */
  prefix: Turn[];
  prompt: UserTurn;
  model: string;
  maxTokens?: number;
  /** Send earlier answers' thinking back (models that keep reasoning across turns). */
  preserveThinking?: boolean;
  answerId: string;
  now: number;
  /** The data URLs of the branch's images (read by the host). */
  images?: ImageLookup;
  /** `model` is glm.visionModel, standing in for a chosen model that takes no images. */
  vision?: boolean;
}

export type AnswerPlanResult =
  | {
    ok: true;
    messages: ChatMessage[];
    /** Older messages left out to fit the window (the user is told). */
    droppedMessages: number;
    /** Uncalibrated estimate of the prompt, to learn from usage.prompt_tokens. */
    rawPromptTokens: number;
    answer: AnswerTurn;
  }
  | { ok: false; estimatedTokens: number; budget: number };

export function planAnswer(input: PlanInput, estimator: TokenEstimator): AnswerPlanResult {
  const fit = assemblePrompt(
    {
      systemPrompt: input.systemPrompt, branch: [...input.prefix, input.prompt], limits: limitsFor(input.model),
      maxTokens: input.maxTokens, preserveThinking: input.preserveThinking, images: input.images,
    },
    estimator,
  );
  if (!fit.ok) return { ok: false, estimatedTokens: fit.estimatedTokens, budget: fit.budget };
  return {
    ok: true,
    messages: fit.messages,
    droppedMessages: fit.droppedMessages,
    rawPromptTokens: estimator.rawMessages(fit.messages),
    answer: {
      kind: 'answer', id: input.answerId, parentId: input.prompt.id, text: '', thinking: '', status: 'streaming',
      requestedModel: input.model, createdAt: input.now, ...(input.vision ? { vision: true } : {}),
    },
  };
}

/**
 * The model a prompt goes to: the chosen one, or the vision model when the prompt has images the chosen model
 * cannot take (the composer offers that switch before sending; regenerate and edit keep the images, so they
 * go the same way).
 */
export function answeringModel(model: string, prompt: UserTurn, visionModel: string): { model: string; vision: boolean } {
  const needsVision = (prompt.images?.length ?? 0) > 0 && !describeModel(model).imageInput;
  return needsVision ? { model: visionModel, vision: true } : { model, vision: false };
}

/** Models offered by "Switch model": the fallback chain first, then the others the endpoint serves, at most three. */
export function switchModelChoices(model: string, fallbackModels: string[], served: readonly string[]): string[] {
  return [...new Set([...fallbackModels, ...served])].filter((m) => m !== model).slice(0, 3);
}

/**
 * The vision model setting names a model the catalog knows to take no images (an unknown id is trusted): the
 * images would be replaced by a note, so the send is refused instead, offering the image models `served` has.
 */
export function misconfiguredVision(route: { model: string; vision: boolean }, served: readonly string[]): string[] | undefined {
  if (!route.vision || getModelInfo(route.model)?.imageInput !== false) return undefined;
  return served.filter((m) => describeModel(m).imageInput).slice(0, 3);
}
