import { randomUUID } from 'node:crypto';
import { describeModel } from '../glm/modelCatalog';
import { modelsForPreset } from '../glm/presets';
import { resolveEndpoint } from '../glm/settings';
import { offersWebSearch } from '../glm/webSearch';
import type * as P from '../shared/protocol';
import type { AnswerRun } from './answerRun';
import { newestPage, olderPage, pageStart } from './chatPaging';
import type { ChatServices } from './chatServices';
import { TokenEstimator, limitsFor } from './contextBudget';
import { chipLabel, chipView, type ContextChip } from './contextChip';
import { activeBranch, emptyChat, type Chat } from './conversation';
import { HistoryStore } from './historyStore';
import { loadImages } from './imageFiles';
import { historyMessages, systemMessage, type ImageLookup } from './promptAssembly';
import { HistorySearch } from './search';
import { chatView, localizedUiStrings, summaryView, turnViews } from './viewModel';

const ACTIVE_CHAT_KEY = 'glm.chat.activeChatId';
/** Deleted chats stay undoable until the next start after this long. */
const TRASH_KEEP_MS = 60 * 60 * 1000;

/**
 * The host-side state of the chat panel: which chat is shown (a draft until its first message), the
 * context attached to the next prompt, running answers, and the views built from them. The webview is
 * rebuilt from this on every (re)show.
 */
export class ChatSession {
  private storePromise: Promise<HistoryStore> | undefined;
  search: HistorySearch | undefined;
  readonly estimator = new TokenEstimator();
  activeChatId: string;
  /** Model and thinking picked for the draft chat before it exists on disk. */
  draft: { model?: string; thinking?: P.ThinkingMode } = {};
  chips: ContextChip[] = [];
  readonly runs = new Map<string, AnswerRun>();

  constructor(
    private readonly services: ChatServices,
    private readonly onStoreChange: () => void,
  ) {
    this.activeChatId = services.state.get(ACTIVE_CHAT_KEY) ?? randomUUID();
  }

  /** Opened on first use, not at activation: activation reads no files. */
  store(): Promise<HistoryStore> {
    this.storePromise ??= this.openStore();
    return this.storePromise;
  }

  private async openStore(): Promise<HistoryStore> {
    const store = await HistoryStore.open(this.services.storageDir, {
      onError: (err) => this.services.log.error(`Chat history write failed: ${err instanceof Error ? err.message : String(err)}`),
    });
    await store.purgeDeleted(TRASH_KEEP_MS);
    store.onDidChange(() => this.onStoreChange());
    this.search = new HistorySearch(store);
    return store;
  }

  /** For the test hook: drop every cached chat and read the history from disk again. */
  async reopenStore(): Promise<void> {
    const old = await this.store();
    await old.close();
    this.search?.dispose();
    this.storePromise = undefined;
    await this.store();
  }

  /** The shown chat: from the history, or an empty draft. */
  async activeChat(): Promise<Chat> {
    const store = await this.store();
    if (store.has(this.activeChatId)) return store.load(this.activeChatId);
    // The remembered chat was deleted: its id stays taken until purged, so start a fresh draft.
    if (store.listDeleted().some((s) => s.id === this.activeChatId)) await this.newDraft();
    const draft = emptyChat(this.activeChatId, this.services.l10n.t('New chat'), Date.now());
    draft.model = this.draft.model;
    draft.thinking = this.draft.thinking;
    return draft;
  }

  async setActive(chatId: string): Promise<void> {
    this.activeChatId = chatId;
    this.draft = {};
    await this.services.state.update(ACTIVE_CHAT_KEY, chatId);
  }

  async newDraft(): Promise<void> {
    await this.setActive(randomUUID());
  }

  modelOf(chat: Chat): string {
    return chat.model ?? this.services.settings().model;
  }

  thinkingOf(chat: Chat): P.ThinkingMode {
    return chat.thinking ?? this.services.settings().thinking;
  }

  runFor(chatId: string): AnswerRun | undefined {
    return [...this.runs.values()].find((r) => r.chat.id === chatId);
  }

  async stopRunsIn(chatId: string): Promise<void> {
    const run = this.runFor(chatId);
    if (!run) return;
    run.stop();
    await run.done;
  }

  /** A full snapshot of the chat for the webview; any undelivered deltas are in it, so they are dropped. */
  async chatView(chat?: Chat): Promise<P.ChatView> {
    const shown = chat ?? (await this.activeChat());
    // Read before the snapshot: nothing may be awaited between dropping the pending deltas and building it.
    const images = await this.imagesOf(shown, (views) => views.slice(pageStart(views, views.length)));
    const run = this.runFor(shown.id);
    run?.discardPending();
    const history = historyMessages(activeBranch(shown));
    const contextTokens = this.estimator.estimateMessages([systemMessage(this.services.settings().systemPrompt), ...history]);
    return newestPage(chatView(shown, {
      images,
      model: this.modelOf(shown),
      thinking: this.thinkingOf(shown),
      contextTokens,
      ...this.chipOptions(),
      ...(run ? { activeRequestId: run.requestId } : {}),
    }));
  }

  /** Reads the images of the turns a page shows; `page` picks them from views without images (same page). */
  private async imagesOf(chat: Chat, page: (views: P.TurnView[]) => readonly P.TurnView[]): Promise<ImageLookup> {
    const shown = page(turnViews(chat, { ...this.chipOptions(), chipTokens: () => 0 })).flatMap((v) => chat.turns.get(v.id) ?? []);
    return loadImages((await this.store()).images, chat.id, shown);
  }

  /** Older turns of a chat's active branch for the webview's `chat/loadOlder`. */
  async olderPage(chatId: string, before: number, turnId?: string): Promise<P.ToWebview | undefined> {
    const store = await this.store();
    if (!store.has(chatId)) return undefined;
    const chat = await store.load(chatId);
    const images = await this.imagesOf(chat, (views) => olderPage(views, before, turnId).turns);
    const turns = turnViews(chat, { ...this.chipOptions(), images });
    return { type: 'chat/page', chatId, ...olderPage(turns, before, turnId) };
  }

  async chatList(): Promise<P.ChatSummary[]> {
    return (await this.store()).list().map(summaryView);
  }

  chipViews(): P.ContextChip[] {
    return this.chips.map((c) => chipView(c, this.estimator, this.services.l10n));
  }

  /** How turn views label and size the chips of sent prompts. */
  chipOptions(): { chipLabel: (c: ContextChip) => string; chipTokens: (c: ContextChip) => number } {
    return { chipLabel: (c) => chipLabel(c, this.services.l10n), chipTokens: (c) => chipView(c, this.estimator, this.services.l10n).estTokens };
  }

  models(extra: string[]): P.ModelInfo[] {
    const served = modelsForPreset(this.services.settings().preset);
    const ids = [...served, ...extra.filter((m) => m && !served.includes(m))];
    return [...new Set(ids)].map((id) => {
      const limits = limitsFor(id);
      const custom = !served.includes(id);
      const info = describeModel(id);
      return {
        id, label: id, contextWindow: limits.contextWindow, maxOutput: limits.maxOutput, thinking: info.thinkingDefault,
        imageInput: info.imageInput, ...(custom ? { custom } : {}),
      };
    });
  }

  async webviewSettings(): Promise<P.WebviewSettings> {
    const s = this.services.settings();
    // The local mock answers to a built-in token: the panel must not nag for one there.
    return {
      hasToken: (await this.services.hasToken()) || s.preset === 'local', preset: s.preset, fallbackModels: s.fallbackModels,
      webSearch: offersWebSearch(resolveEndpoint(s).presetId), visionModel: s.visionModel,
    };
  }

  async settingsUpdate(): Promise<P.ToWebview> {
    const chat = await this.activeChat();
    const selected = this.modelOf(chat);
    return { type: 'settings/update', models: this.models([this.services.settings().model, selected]), selectedModel: selected, settings: await this.webviewSettings() };
  }

  async initState(): Promise<P.InitState> {
    const chat = await this.activeChat();
    const selected = this.modelOf(chat);
    return {
      chats: await this.chatList(),
      chat: await this.chatView(chat),
      models: this.models([this.services.settings().model, selected]),
      selectedModel: selected,
      strings: localizedUiStrings(this.services.l10n),
      settings: await this.webviewSettings(),
      chips: this.chipViews(),
      lastPrompts: activeBranch(chat).flatMap((t) => (t.kind === 'user' ? [t.text] : [])).slice(-50),
    };
  }

  /** Writes buffered deltas of running answers; nothing to do when the history was never opened. */
  async flush(): Promise<void> {
    if (this.storePromise) await (await this.storePromise).flush();
  }

  async dispose(): Promise<void> {
    for (const run of this.runs.values()) run.stop();
    await Promise.all([...this.runs.values()].map((r) => r.done));
    this.search?.dispose();
    if (this.storePromise) await (await this.storePromise).close();
  }
}
