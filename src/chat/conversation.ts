// The conversation model: a chat is a tree of turns (edits and regenerations add siblings, so old branches
// survive), one active leaf, and the events that build it. The same reducer runs live and on reload, so
// what the user saw before a crash is what a reload shows.
import type { WebSource } from '../glm/webSearch';
import type { ThinkingMode, Usage } from '../glm/types';
import { applyAgentUpdate, emptyAgentTurn, type AgentMeta, type AgentPart, type AgentTurnView } from '../shared/agentProtocol';
import type { ContextChip } from './contextChip';
import type { ImageMime } from '../shared/imageProtocol';

export type AnswerStatus = 'streaming' | 'done' | 'stopped' | 'error' | 'interrupted';

/** What the user was told when the answer failed, kept with the turn (shape of the protocol's ErrorView). */
export interface TurnError {
  message: string;
  kind?: string;
  actions?: string[];
  retryAfterMs?: number;
  code?: string;
  resetAt?: string;
  topUp?: boolean;
  switchTo?: string[];
}

export interface UserTurn {
  kind: 'user';
  id: string;
  parentId: string | null;
  text: string;
  chips: ContextChip[];
  createdAt: number;
  /** A short label shown instead of the text (Explain Selection: `greet.ts:2-5`); the text is what was sent. */
  label?: string;
  /** The workspace file an editor command asked about. */
  file?: string;
  /** Attached images: files beside the chat's log (imageFiles.ts); the log holds only these references. */
  images?: ImageRef[];
}

export interface ImageRef {
  /** `<sha256>.<ext>` in the chat's images folder. */
  file: string;
  mime: ImageMime;
  width: number;
  height: number;
  name: string;
}

export interface AnswerTurn {
  kind: 'answer';
  id: string;
  parentId: string;
  text: string;
  /** The model's reasoning_content, kept apart from the answer and never sent back. */
  thinking: string;
  status: AnswerStatus;
  /** The model asked for; `model` is the id the server named (a gateway may name a versioned id). */
  requestedModel: string;
  model?: string;
  /** Set only when the client really fell back: the model that was unavailable. */
  fallbackFrom?: string;
  usage?: Usage;
  finishReason?: string;
  error?: TurnError;
  /** Agent mode: tool steps, thinking per round, rules used, files changed. */
  agent?: AgentTurnView;
  /** Web search sources the answer cites. */
  sources?: WebSource[];
  /** Sent to glm.visionModel because the chat's model takes no images. */
  vision?: boolean;
  createdAt: number;
  finishedAt?: number;
}

export type Turn = UserTurn | AnswerTurn;

export interface Chat {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  /** Per-chat overrides; undefined means "use the setting". */
  model?: string;
  thinking?: ThinkingMode;
  turns: Map<string, Turn>;
  /** Child ids in creation order, keyed by parent id ('' for roots). */
  children: Map<string, string[]>;
  activeLeafId: string | null;
}

export interface AnswerEnd {
  status: Exclude<AnswerStatus, 'streaming'>;
  model?: string;
  usage?: Usage;
  finishReason?: string;
  error?: TurnError;
  sources?: WebSource[];
}

/** One line of a chat's append-only log. `at` is epoch ms. */
export type ChatEvent =
  | { e: 'chat'; v: 1; id: string; title: string; at: number; model?: string; thinking?: ThinkingMode }
  | { e: 'turn'; turn: Turn; at: number }
  | { e: 'delta'; id: string; text?: string; thinking?: string }
  | ({ e: 'end'; id: string; at: number } & AnswerEnd)
  | { e: 'fallback'; id: string; fromModel: string; toModel: string; at: number }
  | { e: 'title'; title: string; at: number }
  | { e: 'active'; leafId: string; at: number }
  | { e: 'settings'; model?: string | null; thinking?: ThinkingMode | null; at: number }
  | { e: 'agent'; id: string; part?: AgentPart; meta?: Partial<AgentMeta> };

export function emptyChat(id: string, title: string, at: number): Chat {
  return { id, title, createdAt: at, updatedAt: at, turns: new Map(), children: new Map(), activeLeafId: null };
}

/** Applies one event in place. Events that do not fit (unknown turn, duplicate id) are ignored, never thrown. */
export function applyEvent(chat: Chat, ev: ChatEvent): void {
  switch (ev.e) {
    case 'chat':
      chat.title = ev.title;
      chat.createdAt = ev.at;
      chat.updatedAt = ev.at;
      chat.model = ev.model;
      chat.thinking = ev.thinking;
      return;
    case 'turn': {
      const turn = ev.turn;
      if (chat.turns.has(turn.id)) return;
      if (turn.parentId !== null && !chat.turns.has(turn.parentId)) return;
      const copy: Turn = turn.kind === 'user' ? { ...turn, chips: [...turn.chips], ...(turn.images ? { images: [...turn.images] } : {}) } : { ...turn };
      chat.turns.set(copy.id, copy);
      const key = copy.parentId ?? '';
      chat.children.set(key, [...(chat.children.get(key) ?? []), copy.id]);
      chat.activeLeafId = copy.id;
      chat.updatedAt = ev.at;
      return;
    }
    case 'delta': {
      const turn = chat.turns.get(ev.id);
      if (turn?.kind !== 'answer') return;
      if (ev.text) turn.text += ev.text;
      if (ev.thinking) turn.thinking += ev.thinking;
      return;
    }
    case 'end': {
      const turn = chat.turns.get(ev.id);
      if (turn?.kind !== 'answer') return;
      turn.status = ev.status;
      turn.finishedAt = ev.at;
      if (ev.model) turn.model = ev.model;
      if (ev.usage) turn.usage = ev.usage;
      if (ev.finishReason) turn.finishReason = ev.finishReason;
      if (ev.error) turn.error = ev.error;
      if (ev.sources?.length) turn.sources = ev.sources;
      chat.updatedAt = ev.at;
      return;
    }
    case 'agent': {
      const turn = chat.turns.get(ev.id);
      if (turn?.kind !== 'answer') return;
      turn.agent = applyAgentUpdate(turn.agent ?? emptyAgentTurn(), { part: ev.part, meta: ev.meta });
      return;
    }
    case 'fallback': {
      const turn = chat.turns.get(ev.id);
      // The first fallback names the model the user asked for; later ones only move further down the chain.
      if (turn?.kind === 'answer') turn.fallbackFrom ??= ev.fromModel;
      return;
    }
    case 'title':
      chat.title = ev.title;
      chat.updatedAt = ev.at;
      return;
    case 'active':
      if (chat.turns.has(ev.leafId)) chat.activeLeafId = ev.leafId;
      return;
    case 'settings':
      if (ev.model !== undefined) chat.model = ev.model ?? undefined;
      if (ev.thinking !== undefined) chat.thinking = ev.thinking ?? undefined;
      return;
  }
}

/** After a reload, an answer still marked streaming was cut by a crash: its partial text stays. */
export function markInterrupted(chat: Chat): void {
  for (const turn of chat.turns.values()) {
    if (turn.kind === 'answer' && turn.status === 'streaming') turn.status = 'interrupted';
  }
}

/** Turns from the root to the active leaf. */
export function activeBranch(chat: Chat): Turn[] {
  return pathTo(chat, chat.activeLeafId);
}

/** Turns from the root down to `turnId` (inclusive); empty for null. */
export function pathTo(chat: Chat, turnId: string | null): Turn[] {
  const path: Turn[] = [];
  let id = turnId;
  while (id !== null) {
    const turn = chat.turns.get(id);
    if (!turn) break;
    path.push(turn);
    id = turn.parentId;
  }
  return path.reverse();
}

export function siblingsOf(chat: Chat, turnId: string): string[] {
  const turn = chat.turns.get(turnId);
  if (!turn) return [];
  return chat.children.get(turn.parentId ?? '') ?? [];
}

/** The newest leaf under a turn: where "switch to this branch" lands. */
export function newestLeafUnder(chat: Chat, turnId: string): string {
  let id = turnId;
  for (;;) {
    const kids = chat.children.get(id);
    if (!kids || kids.length === 0) return id;
    id = kids[kids.length - 1];
  }
}

export interface UsageTotals {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  answers: number;
}

/** Tokens spent by every answer of the chat, old branches included (they were paid for). */
export function chatUsage(chat: Chat): UsageTotals {
  const totals: UsageTotals = { promptTokens: 0, completionTokens: 0, totalTokens: 0, answers: 0 };
  for (const turn of chat.turns.values()) {
    if (turn.kind !== 'answer' || !turn.usage) continue;
    totals.promptTokens += turn.usage.prompt_tokens;
    totals.completionTokens += turn.usage.completion_tokens;
    totals.totalTokens += turn.usage.total_tokens;
    totals.answers += 1;
  }
  return totals;
}

/** A title from the first line of the first prompt, cut at a word boundary. */
export function deriveTitle(text: string, max = 60): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return (space > max / 2 ? cut.slice(0, space) : cut) + '…';
}
