// Turns the active branch of a chat into the messages of a request: system prompt, earlier turns
// (answers without their thinking, unless thinking is preserved), and the prompt being answered with its attached context.
import { withImages } from '../glm/contentParts';
import type { ChatMessage } from '../glm/types';
import type { ContextChip } from './contextChip';
import type { ImageRef, Turn, UserTurn } from './conversation';
import { fitToBudget, type BudgetResult, type ModelLimits, type TokenEstimator } from './contextBudget';

export const BASE_SYSTEM_PROMPT =
  'You are GLM Code Assistant, a programming assistant inside Visual Studio Code. Answer in Markdown. ' +
  'Put code in fenced code blocks tagged with their language. Be concise and precise; when the user ' +
  'attaches files, selections or problems, ground your answer in them.';

export function systemMessage(userSystemPrompt: string): ChatMessage {
  const extra = userSystemPrompt.trim();
  return { role: 'system', content: extra ? `${BASE_SYSTEM_PROMPT}\n\n${extra}` : BASE_SYSTEM_PROMPT };
}

/** A fence longer than any backtick run inside the text, so attached code cannot close it early. */
export function fenceFor(text: string): string {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return '`'.repeat(Math.max(3, longest + 1));
}

function codeBlock(language: string, text: string): string {
  const fence = fenceFor(text);
  return `${fence}${language}\n${text}${text.endsWith('\n') ? '' : '\n'}${fence}`;
}

export function renderChip(chip: ContextChip): string {
  switch (chip.kind) {
    case 'selection':
      return `Selected lines ${chip.startLine}-${chip.endLine} of \`${chip.path}\`:\n${codeBlock(chip.language, chip.text)}`;
    case 'file':
      return `File \`${chip.path}\`${chip.truncated ? ' (truncated)' : ''}:\n${codeBlock(chip.language, chip.text)}`;
    case 'problems': {
      if (chip.items.length === 0) return 'Current problems: none.';
      const lines = chip.items.map(
        (p) => `- ${p.severity} \`${p.path}:${p.line}\`${p.source ? ` [${p.source}]` : ''}: ${p.message.replace(/\s+/g, ' ')}`,
      );
      return `Current problems:\n${lines.join('\n')}`;
    }
  }
}

/** The content sent for a user turn: attached context first, then the question. */
export function userContent(text: string, chips: ContextChip[]): string {
  if (chips.length === 0) return text;
  return `${chips.map(renderChip).join('\n\n')}\n\n${text}`;
}

/**
 * A saved image's data URL, read by the host before assembling (undefined: its file is gone). Estimates that
 * read no files use COUNT_IMAGES: every image is counted at its fixed cost.
 */
export type ImageLookup = (ref: ImageRef) => string | undefined;
export const COUNT_IMAGES: ImageLookup = () => '';

/** A user turn as a message: attached context, text and its images (a note for any whose file is gone). */
export function userMessage(turn: UserTurn, images: ImageLookup): ChatMessage {
  const refs = turn.images ?? [];
  const found = refs.map((ref) => ({ ref, url: images(ref) }));
  const missing = found.filter((f) => f.url === undefined).map((f) => `[image ${f.ref.name} is no longer available]`);
  const text = [userContent(turn.text, turn.chips), ...missing].join('\n');
  return { role: 'user', content: withImages(text, found.flatMap((f) => (f.url === undefined ? [] : [f.url]))) };
}

/**
 * Earlier turns as messages. Answers that failed before producing text are left out (an empty assistant
 * message teaches the model nothing); partial answers (stopped, interrupted, errored) are sent as they are.
 */
export function historyMessages(turns: Turn[], withReasoning = false, images: ImageLookup = COUNT_IMAGES): ChatMessage[] {
  const messages: ChatMessage[] = [];
  for (const turn of turns) {
    if (turn.kind === 'user') messages.push(userMessage(turn, images));
    // Preserved thinking: the reasoning goes back exactly as it streamed in.
    else if (turn.text.trim() !== '') {
      messages.push({ role: 'assistant', content: turn.text, ...(withReasoning && turn.thinking ? { reasoning_content: turn.thinking } : {}) });
    }
  }
  return messages;
}

export interface AssembleInput {
  systemPrompt: string;
  /** The active branch up to and including the user turn being answered. */
  branch: Turn[];
  limits: ModelLimits;
  maxTokens?: number;
  /** Send earlier answers' thinking back (glm.preserveThinking). */
  preserveThinking?: boolean;
  /** The data URLs of the branch's images. */
  images?: ImageLookup;
}

export function assemblePrompt(input: AssembleInput, estimator: TokenEstimator): BudgetResult {
  const last = input.branch[input.branch.length - 1];
  if (last?.kind !== 'user') throw new Error('The branch must end with the prompt being answered');
  const prompt = last as UserTurn;
  return fitToBudget(
    {
      system: systemMessage(input.systemPrompt),
      history: historyMessages(input.branch.slice(0, -1), input.preserveThinking === true, input.images),
      latest: userMessage(prompt, input.images ?? COUNT_IMAGES),
      limits: input.limits,
      maxTokens: input.maxTokens,
    },
    estimator,
  );
}
