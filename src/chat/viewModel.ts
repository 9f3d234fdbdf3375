// What the webview is shown of a chat: the active branch as protocol views. The webview never keeps
// state of its own across re-shows; every (re)load is rebuilt from here.
import { uiStringsEn, type UiStrings } from '../shared/protocol';
import type * as P from '../shared/protocol';
import type { Localizer } from '../glm/errorAdvice';
import type { Usage } from '../glm/types';
import { activeBranch, chatUsage, siblingsOf, type Chat, type TurnError } from './conversation';
import type { ContextChip } from './contextChip';
import type { ChatSummary } from './historyIndex';
import type { ImageLookup } from './promptAssembly';

const ERROR_KINDS: ReadonlySet<string> = new Set<P.ErrorKind>([
  'auth', 'rateLimit', 'quota', 'badRequest', 'unsupported', 'contentFilter', 'contextOverflow',
  'unavailable', 'network', 'timeout', 'truncated', 'cancelled', 'unknown',
]);
const ACTIONS: ReadonlySet<string> = new Set<P.ErrorActionId>(['setToken', 'retry', 'switchModel', 'openSettings']);

export function usageView(usage: Usage): P.UsageView {
  const reasoning = usage.completion_tokens_details?.reasoning_tokens;
  const cached = usage.prompt_tokens_details?.cached_tokens;
  return {
    promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens, totalTokens: usage.total_tokens,
    ...(reasoning !== undefined ? { reasoningTokens: reasoning } : {}),
    ...(cached ? { cachedTokens: cached } : {}),
  };
}

export function errorView(error: TurnError): P.ErrorView {
  // Errors that are not GLM errors (a bug, a disk failure) arrive as `unknown` (describeError) or without a kind.
  const kind = (ERROR_KINDS.has(error.kind ?? '') ? error.kind : 'unknown') as P.ErrorKind;
  const view: P.ErrorView = { kind, message: error.message, actions: (error.actions ?? []).filter((a) => ACTIONS.has(a)) as P.ErrorActionId[] };
  if (error.retryAfterMs !== undefined) view.retryAfterMs = error.retryAfterMs;
  if (error.resetAt) view.resetAt = error.resetAt;
  if (error.topUp) view.topUp = true;
  if (error.code) view.code = error.code;
  if (error.switchTo?.length) view.switchTo = error.switchTo;
  return view;
}

export interface ViewOptions {
  model: string;
  thinking: P.ThinkingMode;
  /** Estimated tokens the next request carries (history + system prompt). */
  contextTokens: number;
  chipLabel: (chip: ContextChip) => string;
  chipTokens: (chip: ContextChip) => number;
  activeRequestId?: string;
  /** The data URLs of the branch's images; without it every image's `src` is ''. */
  images?: ImageLookup;
}

export function turnViews(chat: Chat, opts: Pick<ViewOptions, 'chipLabel' | 'chipTokens' | 'images'>): P.TurnView[] {
  return activeBranch(chat).map((turn): P.TurnView => {
    if (turn.kind === 'user') {
      const siblings = siblingsOf(chat, turn.id);
      return {
        role: 'user', id: turn.id, text: turn.text, createdAt: turn.createdAt, ...(turn.label ? { label: turn.label } : {}),
        chips: turn.chips.map((c) => ({ kind: c.kind, label: opts.chipLabel(c), estTokens: opts.chipTokens(c) })),
        ...(siblings.length > 1 ? { branch: { index: siblings.indexOf(turn.id), count: siblings.length } } : {}),
        // A missing file keeps its place (src ''), so an image's index is the same as in the turn.
        ...(turn.images?.length ? { images: turn.images.map((r) => ({ name: r.name, src: opts.images?.(r) ?? '', width: r.width, height: r.height })) } : {}),
      };
    }
    const view: P.AssistantTurn = {
      role: 'assistant', id: turn.id, text: turn.text, createdAt: turn.createdAt,
      // An answer cut by a crash or a closed window reads as stopped: its partial text is all there is.
      status: turn.status === 'interrupted' ? 'stopped' : turn.status,
    };
    if (turn.thinking) view.reasoning = turn.thinking;
    if (turn.model) view.model = turn.model;
    // "X was unavailable" only after a recorded fallback; a server naming another id (a versioned one) is not one.
    if (turn.fallbackFrom && turn.model !== turn.fallbackFrom) view.requestedModel = turn.fallbackFrom;
    if (turn.usage) view.usage = usageView(turn.usage);
    if (turn.finishReason) view.finishReason = turn.finishReason;
    if (turn.error) view.error = errorView(turn.error);
    if (turn.agent) view.agent = turn.agent;
    if (turn.sources?.length) view.sources = turn.sources;
    if (turn.vision) view.vision = true;
    return view;
  });
}

export function chatUsageView(chat: Chat, contextTokens: number): P.ChatUsageView {
  const totals = chatUsage(chat);
  return { promptTokens: totals.promptTokens, completionTokens: totals.completionTokens, totalTokens: totals.totalTokens, contextTokens };
}

export function chatView(chat: Chat, opts: ViewOptions): P.ChatView {
  return {
    id: chat.id,
    title: chat.title,
    turns: turnViews(chat, opts),
    usage: chatUsageView(chat, opts.contextTokens),
    model: opts.model,
    thinking: opts.thinking,
    ...(opts.activeRequestId ? { activeRequestId: opts.activeRequestId } : {}),
  };
}

export function summaryView(summary: ChatSummary): P.ChatSummary {
  return { id: summary.id, title: summary.title, updatedAt: summary.updatedAt, turnCount: summary.messageCount };
}

/** Every chat string in the display language (English where the bundle has none). */
export function localizedUiStrings(l10n: Localizer): UiStrings {
  return Object.fromEntries(Object.entries(uiStringsEn).map(([key, value]) => [key, l10n.t(value)])) as UiStrings;
}
