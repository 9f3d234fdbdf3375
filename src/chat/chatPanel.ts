// The chat panel's behaviour apart from the editor: it acts on validated webview messages and posts what the
// webview shows. Every action is one the user asked for in the panel; ids in a message only select among chats,
// turns and chips the panel already knows. What only the editor can do (dialogs, the clipboard, editors,
// commands) goes through `ChatEditorActions`, which the host implements (src/host/chat/chatController.ts).
import { randomUUID } from 'node:crypto';
import type { ErrorAction } from '../glm/errorAdvice';
import type { AgentFromWebview } from '../shared/agentProtocol';
import type { ImageFromWebview } from '../shared/imageProtocol';
import { assertNever, type ContextKind, type FromWebview, type ThinkingMode, type ToWebview, type WelcomeActionId } from '../shared/protocol';
import { AnswerStarter, type AskOrigin } from './answerStarter';
import { askTarget } from './askTarget';
import type { ChatServices } from './chatServices';
import { ChatSession } from './chatSession';
import { isFromAnswers } from './codeProvenance';
import type { ContextChip } from './contextChip';
import { newestLeafUnder, siblingsOf, type Chat } from './conversation';
import { exportMarkdown, type ExportLabels } from './exportMarkdown';
import { isChatId } from './historyIndex';

export type CodeMessage = Extract<FromWebview, { type: `code/${string}` }>;

/** What the panel asks of the editor it lives in. */
export interface ChatEditorActions {
  /** Reads the context the user asked for; undefined (after telling the user why) when there is none. */
  attachContext(kind: ContextKind): Promise<ContextChip | undefined>;
  /** Copy, insert, apply or open code of an answer (already checked to come from one). */
  code(msg: CodeMessage): Promise<void>;
  openLink(href: string): Promise<void>;
  errorAction(action: ErrorAction): Promise<void>;
  welcome(action: WelcomeActionId): Promise<void>;
  image(msg: ImageFromWebview): Promise<void>;
  agent(msg: AgentFromWebview): Promise<void>;
  /** Asks where to save (suggesting `name`) and writes the Markdown there. */
  saveMarkdown(name: string, markdown: string): Promise<void>;
}

export class ChatPanel {
  readonly session: ChatSession;
  private readonly answers: AnswerStarter;
  /** The model setting last seen, to tell a model pick from other settings changes. */
  private lastModel: string;

  constructor(
    private readonly services: ChatServices,
    private readonly editor: ChatEditorActions,
    private readonly post: (msg: ToWebview) => void,
  ) {
    this.session = new ChatSession(services, () => void this.postList());
    this.answers = new AnswerStarter(services, this.session, (msg, chatId) => this.postFor(msg, chatId));
    this.lastModel = services.settings().model;
  }

  /** Stream messages reach the webview only while it shows their chat; a switch back reloads the snapshot. */
  postFor(msg: ToWebview, chatId: string): void {
    if (chatId === this.session.activeChatId) this.post(msg);
  }

  async handle(msg: FromWebview): Promise<void> {
    const s = this.session;
    switch (msg.type) {
      case 'webview/ready': return; // the view answers it with the init/state snapshot
      case 'chat/send': return this.answers.send(msg);
      case 'chat/regenerate': return this.answers.regenerate(msg.requestId, msg.chatId, msg.turnId, msg.model, msg.thinking);
      case 'chat/edit': return this.answers.edit(msg);
      case 'chat/stop': return s.runs.get(msg.requestId)?.stop();
      case 'chat/switchBranch': return this.switchBranch(msg.chatId, msg.turnId, msg.index);
      case 'chat/new': return this.newChat();
      case 'chat/switch': return this.switchTo(msg.chatId);
      case 'chat/loadOlder': return this.loadOlder(msg.chatId, msg.before, msg.turnId);
      case 'chat/rename': return this.rename(msg.chatId, msg.title);
      case 'chat/delete': return this.deleteChat(msg.chatId);
      case 'chat/undoDelete': return this.undoDelete(msg.chatId);
      case 'chat/search': return this.search(msg.query);
      case 'chat/export': return this.exportChat(msg.chatId);
      case 'chat/setModel': return this.setChatSettings(msg.chatId, { model: msg.model });
      case 'chat/setThinking': return this.setChatSettings(msg.chatId, { thinking: msg.thinking });
      case 'context/attach':
      case 'context/remove': return this.context(msg);
      case 'code/copy':
      case 'code/insert':
      case 'code/apply':
      case 'code/newFile': return this.code(msg);
      case 'link/open': return this.editor.openLink(msg.href);
      case 'error/action': return this.errorAction(msg);
      case 'welcome/action': return this.editor.welcome(msg.action);
      case 'image/pick': case 'image/open': return this.editor.image(msg);
      case 'agent/approve': case 'agent/reviewCall': case 'agent/restore': case 'agent/review': case 'agent/acceptAll': case 'agent/rejectFile':
        return this.editor.agent(msg);
      default: assertNever(msg, 'webview message');
    }
  }

  /**
   * A question from an editor command (Explain): sent as if typed in the panel, in a new chat unless the open
   * one is where it belongs (askTarget). The snapshot posted afterwards shows the new turn and lets the panel
   * adopt the running answer (its Stop button included). True when an answer started.
   */
  async ask(text: string, origin: AskOrigin = {}): Promise<boolean> {
    let chat = await this.session.activeChat();
    const open = (await this.session.store()).has(chat.id) ? chat : undefined;
    if (askTarget(open, origin.file, this.session.runFor(chat.id) !== undefined) === 'new' && chat.turns.size > 0) {
      await this.newChat();
      chat = await this.session.activeChat();
    }
    const requestId = randomUUID();
    await this.answers.send({
      type: 'chat/send', requestId, chatId: chat.id, text, chipIds: [],
      model: this.session.modelOf(chat), thinking: this.session.thinkingOf(chat),
    }, origin);
    this.post({ type: 'chat/loaded', chat: await this.session.chatView() });
    await this.postList();
    return this.session.runs.has(requestId);
  }

  async newChat(): Promise<void> {
    await this.session.newDraft();
    this.session.chips = [];
    this.post({ type: 'chat/loaded', chat: await this.session.chatView() });
    this.post({ type: 'context/chips', chips: [] });
    await this.postSettings();
  }

  /** The model setting changed (GLM: Select Model): the open chat takes it, so the picker shows what was chosen. */
  async onSettingsChange(): Promise<void> {
    const model = this.services.settings().model;
    if (model !== this.lastModel) {
      this.lastModel = model;
      const store = await this.session.store();
      if (store.has(this.session.activeChatId)) await store.setChatSettings(this.session.activeChatId, { model });
      else delete this.session.draft.model;
    }
    await this.postSettings();
  }

  async postSettings(): Promise<void> {
    this.post(await this.session.settingsUpdate());
  }

  private async loadOlder(chatId: string, before: number, turnId?: string): Promise<void> {
    const page = await this.session.olderPage(chatId, before, turnId);
    if (page) this.postFor(page, chatId);
  }

  private async search(query: string): Promise<void> {
    await this.session.store();
    const hits = query.trim() ? await this.session.search!.search(query, 50) : [];
    this.post({ type: 'chat/searchResults', query, hits: hits.map(({ chatId, chatTitle, turnId, snippet, ranges }) => ({ chatId, chatTitle, turnId, snippet, ranges })) });
  }

  private async context(msg: Extract<FromWebview, { type: `context/${string}` }>): Promise<void> {
    const s = this.session;
    if (msg.type === 'context/attach') {
      const chip = await this.editor.attachContext(msg.kind);
      if (chip) s.chips.push(chip);
    } else {
      s.chips = s.chips.filter((c) => c.id !== msg.chipId);
    }
    this.post({ type: 'context/chips', chips: s.chipViews() });
  }

  private async switchTo(chatId: string): Promise<void> {
    const store = await this.session.store();
    if (!store.has(chatId)) return;
    await this.session.setActive(chatId);
    this.post({ type: 'chat/loaded', chat: await this.session.chatView() });
    await this.postSettings();
  }

  private async switchBranch(chatId: string, turnId: string, index: number): Promise<void> {
    const chat = await this.liveChat(chatId);
    const target = chat && siblingsOf(chat, turnId)[index];
    if (!chat || !target) return;
    await this.session.stopRunsIn(chatId);
    await (await this.session.store()).setActiveLeaf(chatId, newestLeafUnder(chat, target));
    if (chatId === this.session.activeChatId) this.post({ type: 'chat/loaded', chat: await this.session.chatView(chat) });
  }

  private async rename(chatId: string, title: string): Promise<void> {
    const clean = title.replace(/\s+/g, ' ').trim();
    const store = await this.session.store();
    if (clean && store.has(chatId)) await store.rename(chatId, clean);
  }

  private async deleteChat(chatId: string): Promise<void> {
    const store = await this.session.store();
    if (!store.has(chatId)) return;
    await this.session.stopRunsIn(chatId);
    const title = (await store.load(chatId)).title;
    await store.delete(chatId);
    this.post({ type: 'chat/deleted', chatId, title });
    if (chatId === this.session.activeChatId) await this.newChat();
  }

  private async undoDelete(chatId: string): Promise<void> {
    const store = await this.session.store();
    await store.restore(chatId);
    await this.switchTo(chatId);
  }

  private async exportChat(chatId: string): Promise<void> {
    const chat = await this.liveChat(chatId);
    if (!chat) return;
    const name = `${chat.title.replace(/[\\/:*?"<>|\s]+/g, ' ').trim().slice(0, 80) || 'chat'}.md`;
    await this.editor.saveMarkdown(name, exportMarkdown(chat, this.exportLabels()));
  }

  private async setChatSettings(chatId: string, settings: { model?: string; thinking?: ThinkingMode }): Promise<void> {
    const store = await this.session.store();
    if (store.has(chatId)) await store.setChatSettings(chatId, settings);
    else if (chatId === this.session.activeChatId) Object.assign(this.session.draft, settings);
    else return;
    await this.postSettings();
  }

  private async code(msg: CodeMessage): Promise<void> {
    const chat = await this.session.activeChat();
    if (!isFromAnswers([chat], msg.code)) {
      this.services.log.warn(`Ignored ${msg.type}: the code is not from an answer in this chat.`);
      return;
    }
    await this.editor.code(msg);
  }

  private async errorAction(msg: Extract<FromWebview, { type: 'error/action' }>): Promise<void> {
    const chat = await this.liveChat(msg.chatId);
    switch (msg.action) {
      case 'retry':
        if (chat) await this.answers.retry(chat, msg.requestId, msg.turnId);
        return;
      case 'switchModel':
        if (!chat || !msg.model) return this.editor.errorAction('switchModel');
        await this.setChatSettings(chat.id, { model: msg.model });
        await this.answers.retry(chat, msg.requestId, msg.turnId);
        return;
      case 'setToken':
      case 'openSettings':
        return this.editor.errorAction(msg.action);
    }
  }

  private async liveChat(chatId: string): Promise<Chat | undefined> {
    const store = await this.session.store();
    return isChatId(chatId) && store.has(chatId) ? store.load(chatId) : undefined;
  }

  private async postList(): Promise<void> {
    this.post({ type: 'chat/list', chats: await this.session.chatList() });
  }

  private exportLabels(): ExportLabels {
    const { l10n } = this.services;
    return {
      user: l10n.t('You'),
      assistant: l10n.t('GLM'),
      thinking: l10n.t('Thinking'),
      context: l10n.t('Attached context'),
      unfinished: (status) => l10n.t('Answer {0} before it finished.', status),
      usage: (prompt, completion) => l10n.t('Tokens: {0} prompt, {1} completion', prompt, completion),
      exportedAt: (iso) => l10n.t('Exported {0}', iso),
    };
  }
}
