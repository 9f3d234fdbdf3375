// The webview's chat state and the one pure function that changes it. `App` runs every host message
// (and the few things the panel decides itself) through `reduce` first and updates its views after, so the
// state of a turn (streaming, done, stopped, failed) and of the request never depends on a view rendering
// without an exception. Views read the state; they never own it.
import { reduceAgentTurn } from './agent/agentState';
import type { AgentToWebview } from '../shared/agentProtocol';
import { assertNever, type AssistantTurn, type ChatUsageView, type ChatView, type ModelInfo, type ThinkingMode,
  type ToWebview, type TurnView } from '../shared/protocol';

export interface ActiveRequest {
  readonly requestId: string;
  /** Set once the host started the answer (`stream/start`). */
  readonly turnId?: string;
}

export interface ChatMeta {
  readonly id: string;
  readonly title: string;
  readonly usage: ChatUsageView;
}

export interface ChatState {
  readonly chat: ChatMeta | undefined;
  /** The loaded, finished turns of the active branch, oldest first (older ones arrive in pages). */
  readonly turns: readonly TurnView[];
  /** Turns of the branch before `turns[0]` that the host has not sent yet. */
  readonly olderCount: number;
  /** The answer being streamed, kept apart so a delta costs the same whatever the chat's length. */
  readonly live: AssistantTurn | undefined;
  readonly active: ActiveRequest | undefined;
  readonly models: ModelInfo[];
  readonly model: string;
  readonly thinking: ThinkingMode;
}

/** What the panel decides without the host: a request it started, a Stop before the answer began, pickers. */
export type LocalAction =
  | { type: 'local/requestStarted'; requestId: string }
  | { type: 'local/requestDropped' }
  | { type: 'local/modelSelected'; model: string }
  | { type: 'local/thinkingSelected'; thinking: ThinkingMode };

export type ChatAction = ToWebview | LocalAction;

export const initialChatState: ChatState = {
  chat: undefined, turns: [], olderCount: 0, live: undefined, active: undefined, models: [], model: '', thinking: 'auto',
};

export function reduce(state: ChatState, msg: ChatAction): ChatState {
  switch (msg.type) {
    case 'init/state':
      return { ...loaded(state, msg.state.chat), models: msg.state.models, model: msg.state.chat.model || msg.state.selectedModel };
    case 'chat/loaded': return loaded(state, msg.chat);
    case 'chat/page': {
      // Only the page that ends where the loaded turns begin fits; a stale one (other chat, reloaded) is dropped.
      if (msg.chatId !== state.chat?.id || msg.start + msg.turns.length !== state.olderCount) return state;
      return { ...state, turns: [...msg.turns, ...state.turns], olderCount: msg.start };
    }
    case 'settings/update': return { ...state, models: msg.models, model: msg.selectedModel };
    case 'chat/sendRejected': return state.active?.requestId === msg.requestId ? { ...state, active: undefined } : state;
    case 'stream/start': {
      if (state.active?.requestId !== msg.requestId || msg.chatId !== state.chat?.id) return state;
      let turns = state.turns;
      if (msg.replaceFrom) {
        const i = turns.findIndex((turn) => turn.id === msg.replaceFrom);
        if (i >= 0) turns = turns.slice(0, i);
      }
      if (msg.userTurn) turns = [...turns, msg.userTurn];
      const live: AssistantTurn = { role: 'assistant', id: msg.turnId, text: '', model: msg.model, status: 'streaming', createdAt: Date.now(), ...(msg.vision ? { vision: true } : {}) };
      return { ...state, turns: withLive(turns, state.live), live, active: { requestId: msg.requestId, turnId: msg.turnId } };
    }
    case 'stream/delta': {
      const live = liveFor(state, msg.requestId, msg.turnId);
      if (!live || msg.index !== 0) return state;
      // A string concatenation is O(1) in V8 (a rope), so the state keeps the whole answer without copying it.
      const next = msg.kind === 'content' ? { ...live, text: live.text + msg.text } : { ...live, reasoning: (live.reasoning ?? '') + msg.text };
      return { ...state, live: next };
    }
    case 'stream/toolCall': {
      const live = liveFor(state, msg.requestId, msg.turnId);
      if (!live) return state;
      const calls = [...(live.toolCalls ?? [])];
      const i = calls.findIndex((c) => c.callId === msg.call.callId);
      if (i >= 0) calls[i] = msg.call; else calls.push(msg.call);
      return { ...state, live: { ...live, toolCalls: calls } };
    }
    case 'stream/sources': {
      const live = liveFor(state, msg.requestId, msg.turnId);
      return live ? { ...state, live: { ...live, sources: msg.sources } } : state;
    }
    case 'stream/fallback': {
      const live = liveFor(state, msg.requestId, msg.turnId);
      return live ? { ...state, live: { ...live, requestedModel: msg.fromModel, model: msg.toModel } } : state;
    }
    case 'stream/usage': {
      const chat = state.chat && { ...state.chat, usage: msg.chatUsage };
      if (state.live?.id === msg.turnId) return { ...state, chat, live: { ...state.live, usage: msg.usage } };
      return { ...state, chat, turns: state.turns.map((t) => (t.id === msg.turnId && t.role === 'assistant' ? { ...t, usage: msg.usage } : t)) };
    }
    case 'stream/end': {
      const live = liveFor(state, msg.requestId, msg.turnId);
      if (!live) return state;
      const done: AssistantTurn = { ...live, model: msg.model || live.model, status: msg.stopped ? 'stopped' : 'done', finishReason: msg.finishReason };
      return { ...state, turns: [...state.turns, done], live: undefined, active: undefined };
    }
    case 'stream/error': {
      const active = state.active?.requestId === msg.requestId ? undefined : state.active;
      const live = liveFor(state, msg.requestId, msg.turnId);
      if (!live) return { ...state, active };
      return { ...state, turns: [...state.turns, { ...live, status: 'error', error: msg.error }], live: undefined, active };
    }
    case 'local/requestStarted': return { ...state, active: { requestId: msg.requestId } };
    case 'local/requestDropped': return { ...state, active: undefined };
    case 'local/modelSelected': return { ...state, model: msg.model };
    case 'local/thinkingSelected': return { ...state, thinking: msg.thinking };
    case 'agent/part': case 'agent/thinking': case 'agent/meta':
      return reduceAgent(state, msg);
    case 'stream/retry': case 'stream/queued': case 'chat/list': case 'chat/deleted': case 'chat/searchResults': case 'context/chips':
    case 'input/focus': case 'input/set': case 'a11y/announce': case 'image/picked':
      return state;   // views only
    default:
      return assertNever(msg, 'message');
  }
}

/** Agent steps land on the live answer or, after it ended (a restore, a review), on its finished turn. */
function reduceAgent(state: ChatState, msg: AgentToWebview): ChatState {
  if (msg.chatId !== state.chat?.id) return state;
  if (state.live?.id === msg.turnId) return { ...state, live: reduceAgentTurn(state.live, msg) };
  return { ...state, turns: state.turns.map((t) => (t.id === msg.turnId && t.role === 'assistant' ? reduceAgentTurn(t, msg) : t)) };
}

/** Every turn to show: the loaded ones and the live answer after them. */
export function shownTurns(state: ChatState): readonly TurnView[] {
  return state.live ? [...state.turns, state.live] : state.turns;
}

function loaded(state: ChatState, chat: ChatView): ChatState {
  let turns: readonly TurnView[] = chat.turns;
  let live: AssistantTurn | undefined;
  const last = turns.at(-1);
  // A chat reopened while its answer streams: the last turn is live and takes the deltas that follow.
  if (chat.activeRequestId && last?.role === 'assistant' && last.status === 'streaming') {
    live = last;
    turns = turns.slice(0, -1);
  }
  return {
    ...state,
    chat: { id: chat.id, title: chat.title, usage: chat.usage },
    turns,
    olderCount: chat.olderCount ?? 0,
    live,
    active: chat.activeRequestId && last ? { requestId: chat.activeRequestId, turnId: last.id } : undefined,
    thinking: chat.thinking,
    model: chat.model || state.model,
  };
}

function liveFor(state: ChatState, requestId: string, turnId: string): AssistantTurn | undefined {
  return state.active?.requestId === requestId && state.live?.id === turnId ? state.live : undefined;
}

function withLive(turns: readonly TurnView[], live: AssistantTurn | undefined): readonly TurnView[] {
  return live ? [...turns, live] : turns;
}
