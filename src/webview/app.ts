// The chat panel: applies host messages to the views and turns user actions into protocol messages.
// All state comes from the host (`init/state`, `chat/loaded`); nothing is persisted here.
import { assertNever, type ChatSummary, type FromWebview, type InitState, type ThinkingMode } from '../shared/protocol';
import { ChatList } from './chatList';
import { initialChatState, reduce, shownTurns, type ChatAction, type ChatState } from './chatState';
import { CodeBlocks } from './codeBlocks';
import { installChunkParking } from './chunkParking';
import { codeOf, showCopied } from './codeToolbar';
import { Composer } from './composer';
import { formatTokens, h } from './dom';
import { renderError } from './errorView';
import { icon } from './icons';
import type { MarkdownEngine } from './markdown';
import { setStrings, t } from './strings';
import { TurnList } from './turnList';
import { warmUp } from './warmUp';
import { Welcome } from './welcome';
import { applyAgentMessage } from './agent/agentMessages';
import type { AgentActions } from './agent/agentTurnPanel';
import { ModeSwitch } from './agent/modeSwitch';

export type Post = (message: FromWebview) => void;

export class App {
  readonly el: HTMLElement;
  private readonly turns: TurnList;
  private readonly composer: Composer;
  private readonly chatList: ChatList;
  private readonly welcome: Welcome;
  private readonly live: HTMLElement;
  private readonly title: HTMLElement;
  private readonly usage: HTMLElement;
  private readonly meter: HTMLElement;
  private readonly meterFill: HTMLElement;
  private state: ChatState = initialChatState;
  /** A search hit waiting for its page to arrive. */
  private revealTurn: string | undefined;
  private readonly mode: ModeSwitch;
  private readonly chatsToggle: HTMLButtonElement;

  constructor(engine: MarkdownEngine, private readonly post: Post, private readonly newRequestId: () => string) {
    const scroller = h('main', { class: 'scroller' });
    installChunkParking(document.defaultView);
    warmUp(engine);
    this.mode = new ModeSwitch('ask', () => this.composer.focus());
    this.turns = new TurnList(scroller, {
      engine,
      decorate: new CodeBlocks(scroller).decorate,
      agent: this.agentActions(),
      actions: {
        edit: (turnId, text) => this.startRequest((requestId) => ({ type: 'chat/edit', requestId, chatId: this.chatId, turnId, text, model: this.model, thinking: this.thinking })),
        regenerate: (turnId) => this.startRequest((requestId) => ({ type: 'chat/regenerate', requestId, chatId: this.chatId, turnId, model: this.model, thinking: this.thinking })),
        switchBranch: (turnId, index) => post({ type: 'chat/switchBranch', chatId: this.chatId, turnId, index }),
        openImage: (turnId, index) => post({ type: 'image/open', chatId: this.chatId, turnId, index }),
        errorAction: (turnId, action, model) => {
          if (action === 'retry' || action === 'switchModel') {
            if (model) this.selectModel(model);
            this.startRequest((requestId) => ({ type: 'error/action', requestId, chatId: this.chatId, turnId, action, ...(model ? { model } : {}) }));
          } else {
            post({ type: 'error/action', requestId: this.newRequestId(), chatId: this.chatId, turnId, action });
          }
        },
      },
    }, () => this.post({ type: 'chat/loadOlder', chatId: this.chatId, before: this.state.olderCount }));
    this.welcome = new Welcome((action) => post({ type: 'welcome/action', action }));
    scroller.append(this.welcome.domNode, this.turns.el);
    scroller.addEventListener('click', (e) => this.onContentClick(e));
    scroller.addEventListener('auxclick', (e) => { if ((e.target as Element).closest('a')) e.preventDefault(); });
    this.composer = new Composer({
      send: (text, chipIds, images) => this.startRequest((requestId) => ({ type: 'chat/send', requestId, chatId: this.chatId, text, chipIds, model: this.model, thinking: this.thinking, ...this.composer.turnOptions.options(),
        ...(this.mode.mode === 'agent' ? { mode: 'agent' as const } : {}), ...(images.length ? { images } : {}) })),
      pickImages: () => post({ type: 'image/pick' }),
      stop: () => {
        const active = this.state.active;
        if (!active) return;
        post({ type: 'chat/stop', requestId: active.requestId });
        if (!active.turnId) this.handle({ type: 'local/requestDropped' });   // nothing started yet: do not wait for stream/end
      },
      attach: (kind) => post({ type: 'context/attach', kind }),
      removeChip: (chipId) => post({ type: 'context/remove', chipId }),
      selectModel: (model) => this.selectModel(model),
      setThinking: (thinking) => { this.handle({ type: 'local/thinkingSelected', thinking }); post({ type: 'chat/setThinking', chatId: this.chatId, thinking }); },
    });
    this.composer.addToolbarItem(this.mode.el);
    this.chatList = new ChatList({
      newChat: () => post({ type: 'chat/new' }),
      switchChat: (chatId, turnId) => {
        if (chatId === this.chatId && turnId) return this.reveal(turnId);
        this.revealTurn = turnId;
        post({ type: 'chat/switch', chatId });
      },
      rename: (chatId, title) => post({ type: 'chat/rename', chatId, title }),
      remove: (chatId) => post({ type: 'chat/delete', chatId }),
      undoDelete: (chatId) => post({ type: 'chat/undoDelete', chatId }),
      exportChat: (chatId) => post({ type: 'chat/export', chatId }),
      search: (query) => post({ type: 'chat/search', query }),
    });
    this.chatList.el.hidden = true;
    this.live = h('div', { class: 'sr-only', attrs: { 'aria-live': 'polite', role: 'status' } });
    this.title = h('h1', { class: 'chat-title-bar' });
    this.usage = h('span', { class: 'chat-usage' });
    this.meterFill = h('span', { class: 'meter-fill' });
    this.meter = h('span', { class: 'meter', attrs: { role: 'meter', 'aria-valuemin': '0', 'aria-valuemax': '100' } }, this.meterFill);
    const toggle = this.headerButton('history', t('showChats'), () => this.toggleChats(toggle));
    this.chatsToggle = toggle;
    toggle.setAttribute('aria-expanded', 'false');
    // New chat is the view's native title action (glm.newChat) and the chats list's button, not a third copy here.
    const header = h('header', { class: 'top-bar' }, toggle, this.title, this.usage, this.meter,
      this.headerButton('export', t('export'), () => post({ type: 'chat/export', chatId: this.chatId })));
    this.el = h('div', { class: 'app' }, header, this.chatList.el, scroller, this.composer.el, this.live);
  }

  private get chatId(): string {
    return this.state.chat?.id ?? '';
  }

  private get model(): string {
    return this.state.model;
  }

  private get thinking(): ThinkingMode {
    return this.state.thinking;
  }

  /** The state first, then the views: a view that throws can never leave a request or a turn half-updated. */
  handle(msg: ChatAction): void {
    const prev = this.state;
    this.state = reduce(prev, msg);
    try {
      this.show(msg, prev);
    } catch (err) {
      console.error('GLM chat: updating the view failed', err);
    } finally {
      this.composer.setBusy(this.state.active !== undefined);
    }
  }

  private show(msg: ChatAction, prev: ChatState): void {
    const state = this.state;
    switch (msg.type) {
      case 'init/state': return this.init(msg.state);
      case 'chat/list':
        this.welcome.patch({ answered: msg.chats.some((c) => c.turnCount > 1) });
        this.syncTitle(msg.chats);
        return this.chatList.setChats(msg.chats, this.chatId);
      case 'chat/loaded': return this.load(prev);
      case 'chat/page': if (state !== prev) this.turns.prepend(msg.turns, state.olderCount); return this.revealPending();
      case 'chat/deleted': return this.chatList.showDeleted(msg.chatId, msg.title);
      case 'chat/searchResults': return this.chatList.showResults(msg.query, msg.hits);
      case 'chat/sendRejected':
        if (prev.active?.requestId !== msg.requestId) return;
        if (msg.text && !this.composer.input.value) this.composer.setText(msg.text);
        this.composer.images.restore();
        this.composer.showNotice(renderError(msg.error, (action, model) => {
          if (action === 'switchModel' && model) this.selectModel(model);
          this.composer.showNotice(undefined);
          this.composer.focus();
        }));
        return this.announce(msg.error.message);
      case 'context/chips': return this.composer.setChips(msg.chips);
      case 'settings/update':
        this.composer.setModels(msg.models, msg.selectedModel);
        this.welcome.patch({ hasToken: msg.settings.hasToken });
        this.composer.turnOptions.setWebAvailable(msg.settings.webSearch === true);
        this.composer.images.setVisionModel(msg.settings.visionModel);
        return this.renderUsage();
      case 'input/focus': return this.composer.focus();
      case 'input/set': this.composer.setText(msg.text); return this.composer.focus();
      case 'a11y/announce': return this.announce(msg.text);
      case 'stream/start': {
        if (state.live === prev.live) return;
        if (msg.replaceFrom) this.turns.removeFrom(msg.replaceFrom);
        if (msg.userTurn) this.turns.append(msg.userTurn);
        this.welcome.patch({ chatHasTurns: true });
        this.turns.append(state.live!);
        return;
      }
      case 'stream/delta': {
        if (state.live === prev.live) return;
        const view = this.turns.assistant(msg.turnId);
        if (msg.kind === 'content') view?.appendContent(msg.text); else view?.appendReasoning(msg.text);
        return;
      }
      case 'stream/toolCall': if (state.live !== prev.live) this.turns.assistant(msg.turnId)?.setToolCall(msg.call); return;
      case 'stream/usage':
        this.turns.assistant(msg.turnId)?.setUsage(msg.usage);
        return this.renderUsage();
      case 'stream/fallback': if (state.live !== prev.live) this.turns.assistant(msg.turnId)?.setFallback(msg.fromModel, msg.toModel); return;
      case 'stream/retry': if (prev.live?.id === msg.turnId && prev.active?.requestId === msg.requestId) this.turns.assistant(msg.turnId)?.showRetry(msg.attempt, msg.delayMs); return;
      case 'stream/sources': if (prev.live?.id === msg.turnId) this.turns.assistant(msg.turnId)?.setSources(msg.sources); return;
      case 'stream/queued': if (prev.live?.id === msg.turnId && prev.active?.requestId === msg.requestId) this.turns.assistant(msg.turnId)?.showQueued(msg.ahead); return;
      case 'stream/end': {
        if (!prev.live || state.live) return;
        this.announce(msg.stopped ? t('answerStopped') : `${t('answerDone')}. ${prev.live.text.slice(0, 300)}`);
        return this.turns.assistant(msg.turnId)?.end(msg.model, msg.stopped, msg.finishReason);
      }
      case 'stream/error': {
        if (prev.active?.requestId !== msg.requestId) return;
        this.announce(t('answerError', msg.error.message));
        if (prev.live && !state.live) this.turns.assistant(msg.turnId)?.fail(msg.error);
        return;
      }
      case 'image/picked': return this.composer.images.addPicked(msg.files);
      case 'agent/part':
      case 'agent/thinking':
      case 'agent/meta':
        return applyAgentMessage(msg, this.chatId, (turnId) => this.turns.assistant(turnId)?.agentPanel());
      case 'local/requestStarted': case 'local/requestDropped': case 'local/modelSelected': case 'local/thinkingSelected':
        return;
      default:
        return assertNever(msg, 'message');
    }
  }

  private init(state: InitState): void {
    setStrings(state.strings);
    this.mode.relabel();
    this.composer.setModels(state.models, state.selectedModel);
    this.composer.turnOptions.setWebAvailable(state.settings.webSearch === true);
    this.composer.images.setVisionModel(state.settings.visionModel);
    this.composer.setChips(state.chips);
    this.composer.setHistory(state.lastPrompts);
    this.welcome.patch({ hasToken: state.settings.hasToken, answered: state.chats.some((c) => c.turnCount > 1) });
    this.load(undefined);
    this.chatList.setChats(state.chats, state.chat.id);
  }

  private load(prev: ChatState | undefined): void {
    this.showConversation(); // before the turns, so they scroll in a visible list
    const { chat, thinking, model, models } = this.state;
    this.composer.setThinking(thinking);
    if (model) this.composer.setModels(models, model);
    this.title.textContent = chat?.title || t('untitled');
    this.turns.setTurns(shownTurns(this.state), this.state.olderCount, prev?.chat?.id === chat?.id);
    this.chatList.setActive(this.chatId);
    this.welcome.patch({ chatHasTurns: shownTurns(this.state).length > 0 || this.state.olderCount > 0 });
    this.renderUsage();
    this.revealPending();
  }

  /** A search hit in this chat: scroll to it, loading the older pages down to it first when needed. */
  private reveal(turnId: string): void {
    if (this.turns.reveal(turnId)) return;
    if (this.state.olderCount === 0) return;
    this.revealTurn = turnId;
    this.post({ type: 'chat/loadOlder', chatId: this.chatId, before: this.state.olderCount, turnId });
  }

  private revealPending(): void {
    const turnId = this.revealTurn;
    this.revealTurn = undefined;
    if (turnId) this.reveal(turnId);
  }

  private agentActions(): AgentActions {
    return {
      approve: (callId, decision, reason) => this.post({ type: 'agent/approve', callId, decision, ...(reason ? { reason } : {}) }),
      reviewCall: (callId) => this.post({ type: 'agent/reviewCall', callId }),
      review: (turnId, path) => this.post({ type: 'agent/review', chatId: this.chatId, turnId, ...(path ? { path } : {}) }),
      acceptAll: (turnId) => this.post({ type: 'agent/acceptAll', chatId: this.chatId, turnId }),
      rejectFile: (turnId, path) => this.post({ type: 'agent/rejectFile', chatId: this.chatId, turnId, path }),
      restore: (turnId, confirmed) => this.post({ type: 'agent/restore', chatId: this.chatId, turnId, ...(confirmed ? { confirmed } : {}) }),
      continueAgent: () => this.startRequest((requestId) => ({
        type: 'chat/send', requestId, chatId: this.chatId, text: t('continueAgent'), chipIds: [], model: this.model, thinking: this.thinking, mode: 'agent',
      })),
    };
  }

  private startRequest(build: (requestId: string) => FromWebview): void {
    if (this.state.active) return;
    const message = build(this.newRequestId());
    if ('requestId' in message) this.handle({ type: 'local/requestStarted', requestId: message.requestId });
    this.post(message);
  }

  private selectModel(model: string): void {
    this.handle({ type: 'local/modelSelected', model });
    this.composer.setModels(this.state.models, model);
    this.post({ type: 'chat/setModel', chatId: this.chatId, model });
    this.renderUsage();
  }

  private renderUsage(): void {
    const usage = this.state.chat?.usage;
    if (!usage) return;
    this.usage.textContent = t('chatUsage', formatTokens(usage.totalTokens));
    const window = this.state.models.find((m) => m.id === this.model)?.contextWindow ?? 0;
    const pct = window > 0 ? Math.min(100, (usage.contextTokens / window) * 100) : 0;
    this.meterFill.style.width = `${pct}%`;
    this.meter.classList.toggle('high', pct > 80);
    this.meter.setAttribute('aria-valuenow', pct.toFixed(0));
    const label = t('contextMeter', formatTokens(usage.contextTokens), formatTokens(window));
    this.meter.setAttribute('aria-label', label);
    this.meter.title = label;
  }

  /** Links and code toolbars inside answers: nothing navigates in the webview; the host acts on clicks. */
  private onContentClick(e: MouseEvent): void {
    const target = e.target as Element;
    const button = target.closest('[data-code-action]');
    if (button) {
      const block = codeOf(button);
      if (!block) return;
      const action = button.getAttribute('data-code-action');
      if (action === 'copy') {
        this.post({ type: 'code/copy', code: block.code });
        showCopied(button as HTMLElement);
        this.announce(t('copied'));
      } else if (action === 'insert' || action === 'apply' || action === 'newFile') {
        const type = action === 'insert' ? 'code/insert' : action === 'apply' ? 'code/apply' : 'code/newFile';
        this.post({ type, code: block.code, lang: block.lang });
      }
      return;
    }
    const link = target.closest('a');
    if (!link) return;
    e.preventDefault();
    const href = link.getAttribute('href');
    if (href && !href.startsWith('#')) this.post({ type: 'link/open', href });
  }

  private headerButton(name: Parameters<typeof icon>[0], label: string, onClick: () => void): HTMLButtonElement {
    const b = h('button', { class: 'icon-button', label, attrs: { type: 'button' }, on: { click: onClick } });
    b.append(icon(name));
    return b;
  }

  /** The header follows the list: a draft's "New chat" becomes the title the first question gave it, renames too. */
  private syncTitle(chats: ChatSummary[]): void {
    const mine = chats.find((c) => c.id === this.chatId);
    if (mine) this.title.textContent = mine.title || t('untitled');
  }

  /** A loaded chat (picked, new, or opened by Explain) is what the user wants to see: close the chats list. */
  private showConversation(): void {
    if (this.chatList.el.hidden) return;
    this.chatList.el.hidden = true;
    this.chatsToggle.setAttribute('aria-expanded', 'false');
    this.chatsToggle.setAttribute('aria-label', t('showChats'));
  }

  private toggleChats(toggle: HTMLButtonElement): void {
    const open = this.chatList.el.hidden;
    this.chatList.el.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    toggle.setAttribute('aria-label', open ? t('hideChats') : t('showChats'));
    if (open) this.chatList.focusSearch();
  }

  private announce(text: string): void {
    this.live.textContent = '';
    // A fresh text node after a tick makes screen readers announce even a repeated message.
    setTimeout(() => { this.live.textContent = text; }, 50);
  }
}
