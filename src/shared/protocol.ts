// Every message between the chat webview and the extension host, as discriminated unions keyed by
// `type` (`scope/verb`). The host validates each incoming message with `validateFromWebview` before
// acting on it: a webview (whose page renders untrusted model output) can only ask for what a user can.
// Stream messages carry the `requestId` the webview chose when it asked (send/regenerate/edit/retry), so
// a late delta of a stopped or superseded request is recognisable and dropped.
// Types only plus one validator: no vscode, no DOM, safe for both bundles.
//
// What the webview expects from the host:
// - `webview/ready` -> `init/state` (also on every re-show: the webview keeps no state of its own).
// - Each request (`chat/send`, `chat/regenerate`, `chat/edit`, `error/action` retry|switchModel) gets either
//   `chat/sendRejected` or `stream/start` with the same requestId, then deltas, then exactly one of
//   `stream/end` or `stream/error`. Until then the send button is Stop.
// - `chat/stop` -> `stream/end` with `stopped: true` (the partial answer stays as it is).
// - `chat/new`, `chat/switch`, `chat/undoDelete`, `chat/switchBranch` -> `chat/loaded`; `chat/rename`,
//   `chat/delete` -> `chat/list` (delete also `chat/deleted`, and `chat/loaded` if it was the open chat).
// - `chat/search` -> `chat/searchResults` echoing the query; `context/*` -> `context/chips`.

import { agentStringsEn, validateAgentMessage, type AgentFromWebview, type AgentToWebview, type AgentTurnView, type ChatMode } from './agentProtocol';
import { imageStringsEn, validateImageMessage, validImages, type ImageAttachment, type ImageFromWebview, type ImageToWebview, type ImageView } from './imageProtocol';

/** Thinking per chat: `auto` sends nothing and leaves the model's default (mirrors glm/types ThinkingMode). */
export type ThinkingMode = 'auto' | 'enabled' | 'disabled';

/**
 * Mirrors GlmErrorKind (src/glm/errors.ts) so the webview can pick icons/actions without importing glm, plus
 * `unknown` for failures that are not GLM errors (a bug, a disk error): calling those `network` would mislead.
 */
export type ErrorKind = 'auth' | 'rateLimit' | 'quota' | 'badRequest' | 'unsupported' | 'contentFilter'
  | 'contextOverflow' | 'unavailable' | 'network' | 'timeout' | 'truncated' | 'cancelled' | 'unknown';

/** Buttons an inline error can show. `retry` re-runs the failed turn; `switchModel` carries the model. */
export type ErrorActionId = 'setToken' | 'retry' | 'switchModel' | 'openSettings';

/** The empty chat's setup buttons: each runs the command (or opens the walkthrough) of the same name. */
export type WelcomeActionId = 'setToken' | 'choosePreset' | 'testConnection' | 'openWalkthrough';

export type ContextKind = 'selection' | 'file' | 'workspaceFile' | 'problems';

// ---------------------------------------------------------------------------------------------------
// Data shapes
// ---------------------------------------------------------------------------------------------------

export interface UsageView {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  reasoningTokens?: number;
  /** Part of the prompt served from the endpoint's context cache. */
  cachedTokens?: number;
}

/** Totals of a chat plus what the next request will carry (for the context-window meter). */
export interface ChatUsageView extends UsageView {
  /** Estimated tokens of the history the next request sends (calibrated by the last prompt_tokens). */
  contextTokens: number;
}

export interface ModelInfo {
  id: string;            // wire id, e.g. `glm-4.7`
  label: string;         // display name
  contextWindow: number; // tokens
  maxOutput?: number;
  custom?: boolean;      // a user-typed id, not one of the seed models
  thinking?: 'always' | 'enabled' | 'hybrid' | 'none'; // how the model thinks by default (the Thinking select fits it)
  imageInput?: boolean;  // accepts images
}

export interface ChatSummary {
  id: string;
  title: string;
  updatedAt: number;     // epoch ms
  turnCount: number;
  preview?: string;      // first words of the last answer, plain text
}

/** A chip attached to the next prompt; `preview` is the start of exactly what will be sent. */
export interface ContextChip {
  id: string;
  kind: ContextKind;
  label: string;         // e.g. `main.ts:10-24`, `Problems (3)`
  detail?: string;       // full path / range, shown as tooltip
  estTokens: number;
  preview: string;       // truncated by the host (<= ~2000 chars)
}

/** Shown on an edited user turn: this turn is branch `index` (0-based) of `count` siblings. */
export interface BranchInfo {
  index: number;
  count: number;
}

export interface ErrorView {
  kind: ErrorKind;
  message: string;             // localized, already safe to show (never contains the token)
  actions: ErrorActionId[];
  retryAfterMs?: number;       // 429: drive a countdown before Retry enables
  resetAt?: string;            // 1308: when the usage cap resets (shown as given)
  topUp?: boolean;             // 1113: show the top-up text (`errorTopUp` string)
  code?: string;               // provider code, e.g. `1113`, `too_many_requests`
  switchTo?: string[];         // models offered by switchModel
}

export interface ToolCallView {
  callId: string;
  name: string;
  arguments: string;           // as far as streamed
  done: boolean;
}

export interface UserTurn {
  role: 'user';
  id: string;
  text: string;
  chips: Array<Pick<ContextChip, 'kind' | 'label' | 'estTokens'>>;  // what was attached, for display
  label?: string;              // shown instead of the text (Explain Selection: "greet.ts:2-5")
  branch?: BranchInfo;
  createdAt: number;
  images?: ImageView[];        // attached images, shown as thumbnails
}

export type AssistantStatus = 'streaming' | 'done' | 'stopped' | 'error';

export interface AssistantTurn {
  role: 'assistant';
  id: string;
  text: string;                // markdown, possibly partial (stopped / error)
  reasoning?: string;          // thinking, shown apart, collapsed
  model?: string;              // the model that answered
  requestedModel?: string;     // set when a fallback answered instead
  usage?: UsageView;
  finishReason?: string;
  status: AssistantStatus;
  error?: ErrorView;
  toolCalls?: ToolCallView[];
  /** Agent mode: tool steps, thinking per round, changed files, rules used. */
  agent?: AgentTurnView;
  sources?: WebSourceView[];   // web search sources, cited as [ref_1] in the text
  createdAt: number;
  vision?: boolean;            // answered by glm.visionModel: the chat's model takes no images
}

/** One source of Zhipu's built-in web search. */
export interface WebSourceView {
  refer: string;               // the citation key, e.g. `ref_1`
  title: string;
  link: string;                // http(s) only
  media?: string;
}

export type TurnView = UserTurn | AssistantTurn;

export interface ChatView {
  id: string;
  title: string;
  turns: TurnView[];           // the active branch, oldest first
  usage: ChatUsageView;
  model: string;               // model picked for this chat
  thinking: ThinkingMode;
  /** A request still streaming when the view (re)opened: the webview shows its turn as live. */
  activeRequestId?: string;
  /** Older turns of the branch left out of `turns` (the newest page); the webview asks for them with `chat/loadOlder`. */
  olderCount?: number;
}

export interface SearchHit {
  chatId: string;
  chatTitle: string;
  turnId: string;
  snippet: string;             // plain text, never HTML
  ranges: Array<[number, number]>;  // [start, end) of matches inside snippet
}

export interface WebviewSettings {
  hasToken: boolean;           // whether a token is stored; never the token itself
  preset: string;
  fallbackModels: string[];
  webSearch?: boolean;         // the endpoint offers Zhipu's built-in web search (the composer's "Web" toggle)
  visionModel?: string;        // glm.visionModel: answers a message with images when the chosen model takes none
}

/** English defaults; the host sends the localized map (`Record<UiStringKey, string>`). `{0}` = argument. */
export const uiStringsEn = {
  send: 'Send', stop: 'Stop', inputPlaceholder: 'Ask GLM… (@ adds a file)',
  inputLabel: 'Message', model: 'Model', customModel: 'Custom model id…', customModelPrompt: 'Model id',
  thinking: 'Thinking', thinkingAuto: 'Thinking: model default', thinkingOn: 'Thinking: on', thinkingOff: 'Thinking: off',
  thinkingShortcut: 'Thinking for the next message (Alt+T)', thinkingAlways: '{0} always thinks', thinkingNone: '{0} does not think',
  webSearch: 'Web', webSearchTitle: 'Search the web for the next message (Alt+W)', sources: 'Sources',
  attach: 'Add context', attachSelection: 'Selection', attachFile: 'Current file', attachWorkspaceFile: 'File…',
  attachProblems: 'Problems', removeChip: 'Remove {0}', willSend: 'What will be sent', estTokens: '~{0} tokens',
  you: 'You', assistant: 'GLM', edit: 'Edit', editSave: 'Send', editCancel: 'Cancel', regenerate: 'Regenerate',
  copy: 'Copy', copied: 'Copied', insert: 'Insert at cursor', apply: 'Apply to selection', newFile: 'Open as new file',
  linkRemoved: 'Link removed: its target cannot be opened from the chat',
  answerBlank: 'The answer contained only content that cannot be shown.',
  thinkingBlock: 'Thinking', thinkingLive: 'Thinking…', answeredBy: 'Answered by {0}', fallbackNote: '{0} was unavailable; answered by {1}',
  retrying: 'Retrying in {0}s (attempt {1})…', stopped: 'Stopped', usage: '{0} in · {1} out', usageReasoning: '{0} thinking',
  renderLimitDepth: 'The rest is shown as plain text: it is nested too deeply to render.',
  renderLimitLine: 'The rest is shown as plain text: a line is too long to render.',
  renderLimitBlocks: 'The rest is shown as plain text: the answer has too many parts to render.',
  renderLimitSize: 'This part is shown as plain text: it is too large to render.',
  renderFailed: 'Shown as plain text: it could not be rendered.',
  showAllLines: 'Show all {0} lines', collapseCode: 'Collapse',
  queued: 'Waiting for a free slot…', queuedAhead: 'Waiting for a free slot ({0} ahead)…', usageCached: '{0} cached',
  chatUsage: 'Chat: {0} tokens', contextMeter: 'Context: {0} of {1} tokens', toolCall: 'Tool: {0}',
  setToken: 'Set API Token', retry: 'Retry', retryIn: 'Retry in {0}s', switchModel: 'Switch to {0}', openSettings: 'Open Settings',
  errorTopUp: 'Your balance is used up. Top up your account, then retry.', errorResetAt: 'The usage cap resets at {0}.',
  chats: 'Chats', newChat: 'New chat', rename: 'Rename', renamePrompt: 'Chat title', delete: 'Delete', undo: 'Undo',
  deleted: 'Deleted “{0}”', export: 'Export as Markdown', search: 'Search all chats', noResults: 'No matches',
  untitled: 'New chat', answerDone: 'Answer finished', answerStopped: 'Answer stopped', answerError: 'Answer failed: {0}',
  branch: 'Version {0} of {1}', previousBranch: 'Previous version', nextBranch: 'Next version', emptyChat: 'Ask anything about your code.',
  noToken: 'No API token set.', showChats: 'Show chats', hideChats: 'Hide chats',
  welcomeTitle: 'Welcome to GLM Code Assistant', welcomeIntro: 'Connect GLM in three steps, then ask anything about your code.',
  welcomeStepToken: 'Store your API token (kept in VS Code secret storage).', welcomeTokenSet: 'API token is set.',
  welcomeStepPreset: 'Pick the endpoint your token belongs to.', choosePreset: 'Choose Endpoint',
  welcomeStepTest: 'Check that GLM answers.', testConnection: 'Test Connection',
  welcomeShortcuts: 'Shortcuts', shortcutNewLine: 'New line', shortcutAttach: 'Add a workspace file',
  shortcutRecall: 'Earlier prompts', shortcutFocus: 'Focus the chat', shortcutExplain: 'Explain the selection',
  openWalkthrough: 'Open the Getting Started walkthrough',
  ...agentStringsEn,
  ...imageStringsEn,
} as const;
export type UiStringKey = keyof typeof uiStringsEn;
/** The page carries the localized strings as JSON in this element, so the first paint is already translated. */
export const UI_STRINGS_ELEMENT_ID = 'glm-strings';
export type UiStrings = Record<UiStringKey, string>;

export interface InitState {
  chats: ChatSummary[];
  chat: ChatView;              // the active chat (a fresh empty one if none)
  models: ModelInfo[];         // the five seed models first, then custom ids
  selectedModel: string;
  strings: UiStrings;
  settings: WebviewSettings;
  chips: ContextChip[];        // context attached to the next prompt
  lastPrompts: string[];       // for Up-recall, newest last (host keeps them, webview never persists)
}

// ---------------------------------------------------------------------------------------------------
// Host -> webview
// ---------------------------------------------------------------------------------------------------

export type ToWebview =
  | { type: 'init/state'; state: InitState }
  | { type: 'chat/list'; chats: ChatSummary[] }
  | { type: 'chat/loaded'; chat: ChatView }                     // after new / switch / undoDelete / branch
  | { type: 'chat/page'; chatId: string; start: number; turns: TurnView[] }  // branch turns [start, start + turns.length)
  | { type: 'chat/deleted'; chatId: string; title: string }     // webview offers Undo
  | { type: 'chat/searchResults'; query: string; hits: SearchHit[] }
  | { type: 'chat/sendRejected'; requestId: string; text: string; error: ErrorView }  // nothing typed is lost
  | { type: 'context/chips'; chips: ContextChip[] }
  | { type: 'settings/update'; models: ModelInfo[]; selectedModel: string; settings: WebviewSettings }
  | { type: 'input/focus' }
  | { type: 'input/set'; text: string }                         // prefill (e.g. from an editor command)
  | { type: 'a11y/announce'; text: string }
  /** `replaceFrom`: drop that turn and every later one first (edit: the edited user turn; regenerate:
   *  the old answer). `userTurn`: the turn to append before the answer (send, edit). */
  | { type: 'stream/start'; requestId: string; chatId: string; turnId: string; model: string;
      userTurn?: UserTurn; replaceFrom?: string; vision?: boolean }
  | { type: 'stream/delta'; requestId: string; turnId: string; kind: 'content' | 'reasoning'; index: number; text: string }
  | { type: 'stream/toolCall'; requestId: string; turnId: string; index: number; call: ToolCallView }
  | { type: 'stream/usage'; requestId: string; turnId: string; usage: UsageView; chatUsage: ChatUsageView }
  | { type: 'stream/fallback'; requestId: string; turnId: string; fromModel: string; toModel: string }
  | { type: 'stream/retry'; requestId: string; turnId: string; attempt: number; delayMs: number; reason: string }
  | { type: 'stream/sources'; requestId: string; turnId: string; sources: WebSourceView[] }
  /** The request waits for a free slot (concurrency limit): `ahead` requests go first. */
  | { type: 'stream/queued'; requestId: string; turnId: string; ahead: number }
  | { type: 'stream/end'; requestId: string; turnId: string; finishReason: string; model: string; stopped: boolean }
  | { type: 'stream/error'; requestId: string; turnId: string; error: ErrorView }  // partial answer kept
  | AgentToWebview
  | ImageToWebview;

// ---------------------------------------------------------------------------------------------------
// Webview -> host
// ---------------------------------------------------------------------------------------------------

export type FromWebview =
  | { type: 'webview/ready' }
  | { type: 'chat/send'; requestId: string; chatId: string; text: string; chipIds: string[]; model: string; thinking: ThinkingMode; webSearch?: boolean; mode?: ChatMode; images?: ImageAttachment[] }
  | { type: 'chat/stop'; requestId: string }
  | { type: 'chat/regenerate'; requestId: string; chatId: string; turnId: string; model: string; thinking: ThinkingMode }
  | { type: 'chat/edit'; requestId: string; chatId: string; turnId: string; text: string; model: string; thinking: ThinkingMode }
  | { type: 'chat/switchBranch'; chatId: string; turnId: string; index: number }
  | { type: 'chat/new' }
  | { type: 'chat/switch'; chatId: string }
  | { type: 'chat/loadOlder'; chatId: string; before: number; turnId?: string }  // the page before index `before` (down to `turnId`)
  | { type: 'chat/rename'; chatId: string; title: string }
  | { type: 'chat/delete'; chatId: string }
  | { type: 'chat/undoDelete'; chatId: string }
  | { type: 'chat/search'; query: string }
  | { type: 'chat/export'; chatId: string }
  | { type: 'chat/setModel'; chatId: string; model: string }
  | { type: 'chat/setThinking'; chatId: string; thinking: ThinkingMode }
  | { type: 'context/attach'; kind: ContextKind }               // workspaceFile: host shows its file picker
  | { type: 'context/remove'; chipId: string }
  | { type: 'code/copy'; code: string }
  | { type: 'code/insert'; code: string; lang: string }
  | { type: 'code/apply'; code: string; lang: string }          // host shows a diff the user accepts/rejects
  | { type: 'code/newFile'; code: string; lang: string }
  | { type: 'link/open'; href: string }                         // only after a user click
  | { type: 'error/action'; requestId: string; chatId: string; turnId: string; action: ErrorActionId; model?: string }
  | { type: 'welcome/action'; action: WelcomeActionId }
  | AgentFromWebview
  | ImageFromWebview;

export type FromWebviewType = FromWebview['type'];
export type ToWebviewType = ToWebview['type'];

/** Exhaustiveness guard for `switch (msg.type)`. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)}`);
}

// ---------------------------------------------------------------------------------------------------
// Validation of what the webview sends
// ---------------------------------------------------------------------------------------------------

/** Size limits; anything bigger is not something a user typed or clicked. */
export const limits = {
  id: 128,
  text: 200_000,      // a prompt
  code: 2_000_000,    // a code block from an answer
  title: 200,
  query: 500,
  model: 100,
  href: 4096,
  chipIds: 100,
} as const;

type Check = (v: unknown) => boolean;
interface Field { check: Check; optional?: boolean }

const str = (max: number, pattern?: RegExp): Field =>
  ({ check: (v) => typeof v === 'string' && v.length <= max && (!pattern || pattern.test(v)) });
const oneOf = (...values: readonly string[]): Field => ({ check: (v) => typeof v === 'string' && values.includes(v) });
const int = (min: number, max: number): Field => ({ check: (v) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max });
const optional = (f: Field): Field => ({ ...f, optional: true });
const bool: Field = { check: (v) => typeof v === 'boolean' };

const idField = str(limits.id, /^[A-Za-z0-9_.:-]+$/);
const modelField = str(limits.model, /^[A-Za-z0-9][A-Za-z0-9_.:/@+-]*$/);
const thinkingField = oneOf('auto', 'enabled', 'disabled');
const langField = str(64, /^[A-Za-z0-9_+#.-]*$/);
/** http(s) and mailto only; relative links (`src/a.ts#L3`) are left for the host to resolve in the workspace. */
const hrefField = str(limits.href, /^(?:(?:https?|mailto):|(?![A-Za-z][A-Za-z0-9+.-]*:))[^\s]+$/);
const chipIdsField: Field = {
  check: (v) => Array.isArray(v) && v.length <= limits.chipIds && v.every((x) => idField.check(x)),
};

type FieldsOf<T> = { [K in Exclude<keyof T, 'type'>]-?: Field };
type Schemas = { [K in Exclude<FromWebviewType, AgentFromWebview['type'] | ImageFromWebview['type']>]: FieldsOf<Extract<FromWebview, { type: K }>> };

const schemas: Schemas = {
  'webview/ready': {},
  'chat/send': { requestId: idField, chatId: idField, text: str(limits.text), chipIds: chipIdsField, model: modelField, thinking: thinkingField, webSearch: optional(bool),
    mode: optional(oneOf('ask', 'agent')), images: optional({ check: validImages }) },
  'chat/stop': { requestId: idField },
  'chat/regenerate': { requestId: idField, chatId: idField, turnId: idField, model: modelField, thinking: thinkingField },
  'chat/edit': { requestId: idField, chatId: idField, turnId: idField, text: str(limits.text), model: modelField, thinking: thinkingField },
  'chat/switchBranch': { chatId: idField, turnId: idField, index: int(0, 10_000) },
  'chat/new': {},
  'chat/switch': { chatId: idField },
  'chat/loadOlder': { chatId: idField, before: int(0, 10_000_000), turnId: optional(idField) },
  'chat/rename': { chatId: idField, title: str(limits.title) },
  'chat/delete': { chatId: idField },
  'chat/undoDelete': { chatId: idField },
  'chat/search': { query: str(limits.query) },
  'chat/export': { chatId: idField },
  'chat/setModel': { chatId: idField, model: modelField },
  'chat/setThinking': { chatId: idField, thinking: thinkingField },
  'context/attach': { kind: oneOf('selection', 'file', 'workspaceFile', 'problems') },
  'context/remove': { chipId: idField },
  'code/copy': { code: str(limits.code) },
  'code/insert': { code: str(limits.code), lang: langField },
  'code/apply': { code: str(limits.code), lang: langField },
  'code/newFile': { code: str(limits.code), lang: langField },
  'link/open': { href: hrefField },
  'error/action': {
    requestId: idField, chatId: idField, turnId: idField,
    action: oneOf('setToken', 'retry', 'switchModel', 'openSettings'), model: optional(modelField),
  },
  'welcome/action': { action: oneOf('setToken', 'choosePreset', 'testConnection', 'openWalkthrough') },
};

/**
 * Returns a fresh, typed copy of `raw` when it is exactly one known message (no unknown fields, every
 * field of the right type and size), else `undefined`. `chat/send` must carry non-blank text.
 */
export function validateFromWebview(raw: unknown): FromWebview | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const obj = raw as Record<string, unknown>;
  const type = obj.type;
  if (typeof type === 'string' && type.startsWith('agent/')) return validateAgentMessage(obj);
  if (typeof type === 'string' && type.startsWith('image/')) return validateImageMessage(obj);
  if (typeof type !== 'string' || !Object.hasOwn(schemas, type)) return undefined;
  const fields = schemas[type as keyof Schemas] as Record<string, Field>;
  const out: Record<string, unknown> = { type };
  for (const key of Object.keys(obj)) {
    if (key !== 'type' && !Object.hasOwn(fields, key)) return undefined;
  }
  for (const [key, field] of Object.entries(fields)) {
    const value = obj[key];
    if (value === undefined) {
      if (field.optional) continue;
      return undefined;
    }
    if (!field.check(value)) return undefined;
    out[key] = Array.isArray(value) ? [...value] : value;
  }
  // A message is text, or images with optional text.
  const hasImages = Array.isArray(out.images) && out.images.length > 0;
  if ((type === 'chat/send' || type === 'chat/edit') && (out.text as string).trim() === '' && !hasImages) return undefined;
  if (type === 'error/action' && out.action === 'switchModel' && out.model === undefined) return undefined;
  return out as FromWebview;
}
