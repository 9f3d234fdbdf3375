import { randomUUID } from 'crypto';
import * as vscode from 'vscode';
import { isChatId } from '../../chat/historyIndex';
import { newestLeafUnder, siblingsOf, type Chat } from '../../chat/conversation';
import { isFromAnswers } from '../../chat/codeProvenance';
import { exportMarkdown, type ExportLabels } from '../../chat/exportMarkdown';
import { assertNever, type FromWebview, type ToWebview } from '../../shared/protocol';
import type { HostServices } from '../services';
import { runErrorAction } from '../services';
import type { AgentService } from '../agent/agentService';
import { AgentReview } from '../agent/agentReview';
import { ChatSession } from './chatSession';
import { AnswerStarter, type AskOrigin } from './answerStarter';
import { askTarget } from '../../chat/askTarget';
import { gatherChip } from './contextChips';
import { runWelcomeAction } from './welcomeActions';
import { imageAction } from './imageActions';
import { applyToSelection, copyCode, insertAtCursor, openAsNewFile, openLink } from './codeActions';

export interface ChatControllerDeps {
  services: HostServices;
  storageDir: string;
  memento: vscode.Memento;
  agent?: AgentService;
}

/**
 * Acts on validated webview messages. Every action is one the user asked for in the panel; ids in a
 * message only select among chats, turns and chips the host already knows.
 */
export class ChatController implements vscode.Disposable {
  readonly session: ChatSession;
  private readonly answers: AnswerStarter;
  readonly agentReview: AgentReview | undefined;
  private poster: (msg: ToWebview) => void = () => undefined;
  private readonly posted = new vscode.EventEmitter<ToWebview>();
  /** Every message posted to the webview (shown or not): for the test hook. */
  readonly onDidPost = this.posted.event;
  private readonly disposables: vscode.Disposable[] = [this.posted];
  /** The model setting last seen, to tell a model pick from other settings changes. */
  private lastModel: string;

  constructor(private readonly deps: ChatControllerDeps) {
    this.session = new ChatSession(deps.services, deps.storageDir, deps.memento, () => void this.postList());
    this.answers = new AnswerStarter(deps.services, this.session, (msg, chatId) => this.postFor(msg, chatId), deps.agent);
    this.agentReview = deps.agent && new AgentReview(deps.agent, () => this.session.store(), (msg, chatId) => this.postFor(msg, chatId));
    this.lastModel = deps.services.config.get().model;
    this.disposables.push(
      this.posted,
      deps.services.config.onDidChange((s) => void this.onSettingsChange(s.model)),
      deps.services.secrets.onDidChange(() => void this.postSettings()),
    );
  }

  setPoster(post: (msg: ToWebview) => void): void {
    this.poster = post;
  }

  post(msg: ToWebview): void {
    this.poster(msg);
    this.posted.fire(msg);
  }

  /** Stream messages reach the webview only while it shows their chat; a switch back reloads the snapshot. */
  private postFor(msg: ToWebview, chatId: string): void {
    if (chatId === this.session.activeChatId) this.post(msg);
  }

  async handle(msg: FromWebview): Promise<void> {
    const s = this.session;
    switch (msg.type) {
      case 'webview/ready': return; // the view provider answers it with the init/state snapshot
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
      case 'code/newFile': return this.codeAction(msg);
      case 'link/open': return openLink(msg.href);
      case 'error/action': return this.errorAction(msg);
      case 'welcome/action': return runWelcomeAction(msg.action);
      case 'image/pick': case 'image/open': return imageAction(msg, this.session, (m) => this.post(m));
      case 'agent/approve': case 'agent/reviewCall': case 'agent/restore': case 'agent/review': case 'agent/acceptAll': case 'agent/rejectFile':
        return this.agentReview?.handle(msg);
      default: assertNever(msg, 'webview message');
    }
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
      const chip = await gatherChip(msg.kind);
      if (chip) s.chips.push(chip);
    } else {
      s.chips = s.chips.filter((c) => c.id !== msg.chipId);
    }
    this.post({ type: 'context/chips', chips: s.chipViews() });
  }

  /**
   * A question from an editor command (Explain): sent as if typed in the panel, in a new chat unless the open
   * one is where it belongs (askTarget). The snapshot posted afterwards shows the new turn and lets the panel
   * adopt the running answer (its Stop button included).
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
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `${chat.title.replace(/[\\/:*?"<>|\n]+/g, ' ').trim().slice(0, 80) || 'chat'}.md`;
    const target = await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Export chat as Markdown'),
      filters: { [vscode.l10n.t('Markdown')]: ['md'] },
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, Buffer.from(exportMarkdown(chat, exportLabels()), 'utf8'));
  }

  private async setChatSettings(chatId: string, settings: { model?: string; thinking?: 'auto' | 'enabled' | 'disabled' }): Promise<void> {
    const store = await this.session.store();
    if (store.has(chatId)) await store.setChatSettings(chatId, settings);
    else if (chatId === this.session.activeChatId) Object.assign(this.session.draft, settings);
    else return;
    await this.postSettings();
  }

  private async codeAction(msg: Extract<FromWebview, { type: `code/${string}` }>): Promise<void> {
    const chat = await this.session.activeChat();
    if (!isFromAnswers([chat], msg.code)) {
      this.deps.services.log.warn(`Ignored ${msg.type}: the code is not from an answer in this chat.`);
      return;
    }
    switch (msg.type) {
      case 'code/copy':
        return copyCode(msg.code);
      case 'code/insert':
        return insertAtCursor(msg.code);
      case 'code/apply':
        await applyToSelection(msg.code, this.deps.services.proposals);
        return;
      case 'code/newFile':
        return openAsNewFile(msg.code, msg.lang);
    }
  }

  private async errorAction(msg: Extract<FromWebview, { type: 'error/action' }>): Promise<void> {
    const chat = await this.liveChat(msg.chatId);
    switch (msg.action) {
      case 'retry':
        if (chat) await this.answers.retry(chat, msg.requestId, msg.turnId);
        return;
      case 'switchModel':
        if (!chat || !msg.model) return runErrorAction('switchModel');
        await this.setChatSettings(chat.id, { model: msg.model });
        await this.answers.retry(chat, msg.requestId, msg.turnId);
        return;
      case 'setToken':
      case 'openSettings':
        return runErrorAction(msg.action);
    }
  }

  private async liveChat(chatId: string): Promise<Chat | undefined> {
    const store = await this.session.store();
    return isChatId(chatId) && store.has(chatId) ? store.load(chatId) : undefined;
  }

  private async postList(): Promise<void> {
    this.post({ type: 'chat/list', chats: await this.session.chatList() });
  }

  /** GLM: Select Model (or the setting) picks the model of the open chat too: the picker shows what was chosen. */
  private async onSettingsChange(model: string): Promise<void> {
    if (model !== this.lastModel) {
      this.lastModel = model;
      const store = await this.session.store();
      if (store.has(this.session.activeChatId)) await store.setChatSettings(this.session.activeChatId, { model });
      else delete this.session.draft.model;
    }
    await this.postSettings();
  }

  private async postSettings(): Promise<void> {
    this.post(await this.session.settingsUpdate());
  }

  /** Focuses the input of the panel (after the view is revealed). */
  focusInput(): void {
    this.post({ type: 'input/focus' });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    void this.session.dispose();
  }
}

function exportLabels(): ExportLabels {
  return {
    user: vscode.l10n.t('You'),
    assistant: vscode.l10n.t('GLM'),
    thinking: vscode.l10n.t('Thinking'),
    context: vscode.l10n.t('Attached context'),
    unfinished: (status) => vscode.l10n.t('Answer {0} before it finished.', status),
    usage: (prompt, completion) => vscode.l10n.t('Tokens: {0} prompt, {1} completion', prompt, completion),
    exportedAt: (iso) => vscode.l10n.t('Exported {0}', iso),
  };
}
