// The chats panel: new, switch, rename, delete (with undo), export, and full-text search over every
// message of every chat (the host searches; hits come back with plain-text snippets).
import type { ChatSummary, SearchHit } from '../shared/protocol';
import { h } from './dom';
import { icon, type IconName } from './icons';
import { t } from './strings';

export interface ChatListEvents {
  newChat(): void;
  switchChat(chatId: string, turnId?: string): void;
  rename(chatId: string, title: string): void;
  remove(chatId: string): void;
  undoDelete(chatId: string): void;
  exportChat(chatId: string): void;
  search(query: string): void;
}

export class ChatList {
  readonly el: HTMLElement;
  private readonly list: HTMLElement;
  private readonly searchBox: HTMLInputElement;
  private readonly toast: HTMLElement;
  private chats: ChatSummary[] = [];
  private activeId = '';
  private query = '';
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private toastTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly events: ChatListEvents) {
    this.searchBox = h('input', { class: 'search-box', label: t('search'), attrs: { type: 'search', placeholder: t('search') } });
    this.searchBox.addEventListener('input', () => this.onSearchInput());
    this.searchBox.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.searchBox.value) { e.preventDefault(); this.searchBox.value = ''; this.onSearchInput(); }
    });
    const newButton = h('button', { class: 'text-button primary', text: t('newChat'), attrs: { type: 'button' }, on: { click: () => events.newChat() } });
    newButton.prepend(icon('add'));
    this.list = h('ul', { class: 'chat-items', attrs: { 'aria-label': t('chats') } });
    this.toast = h('div', { class: 'toast', attrs: { role: 'status' } });
    this.toast.hidden = true;
    this.el = h('nav', { class: 'chat-list', attrs: { 'aria-label': t('chats') } },
      h('div', { class: 'chat-list-head' }, newButton, this.searchBox), this.list, this.toast);
  }

  setChats(chats: ChatSummary[], activeId = this.activeId): void {
    this.chats = chats;
    this.activeId = activeId;
    if (!this.query) this.renderChats();
  }

  setActive(chatId: string): void {
    this.activeId = chatId;
    if (!this.query) this.renderChats();
  }

  showResults(query: string, hits: SearchHit[]): void {
    if (query !== this.query) return;   // a newer query is on its way
    if (hits.length === 0) {
      this.list.replaceChildren(h('li', { class: 'no-results', text: t('noResults') }));
      return;
    }
    this.list.replaceChildren(...hits.map((hit) => {
      const snippet = h('span', { class: 'hit-snippet' });
      let at = 0;
      for (const [start, end] of hit.ranges) {
        if (start < at || end > hit.snippet.length) continue;
        snippet.append(hit.snippet.slice(at, start), h('mark', { text: hit.snippet.slice(start, end) }));
        at = end;
      }
      snippet.append(hit.snippet.slice(at));
      const open = h('button', { class: 'chat-item-main', attrs: { type: 'button' },
        on: { click: () => this.events.switchChat(hit.chatId, hit.turnId) } },
        h('span', { class: 'chat-title', text: hit.chatTitle || t('untitled') }), snippet);
      return h('li', { class: 'chat-item hit' }, open);
    }));
  }

  showDeleted(chatId: string, title: string): void {
    const undo = h('button', { class: 'text-button', text: t('undo'), attrs: { type: 'button' },
      on: { click: () => { this.toast.hidden = true; this.events.undoDelete(chatId); } } });
    this.toast.replaceChildren(h('span', { text: t('deleted', title || t('untitled')) }), undo);
    this.toast.hidden = false;
    if (this.toastTimer) clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => { this.toast.hidden = true; }, 10_000);
    undo.focus();
  }

  focusSearch(): void {
    this.searchBox.focus();
  }

  private onSearchInput(): void {
    if (this.searchTimer) clearTimeout(this.searchTimer);
    this.query = this.searchBox.value.trim();
    if (!this.query) { this.renderChats(); return; }
    this.searchTimer = setTimeout(() => this.events.search(this.query), 150);
  }

  private renderChats(): void {
    this.list.replaceChildren(...this.chats.map((chat) => this.item(chat)));
  }

  private item(chat: ChatSummary): HTMLElement {
    const title = chat.title || t('untitled');
    const main = h('button', { class: 'chat-item-main', attrs: { type: 'button', 'aria-current': chat.id === this.activeId ? 'true' : 'false' },
      on: { click: () => this.events.switchChat(chat.id) } },
      h('span', { class: 'chat-title', text: title }),
      chat.preview ? h('span', { class: 'chat-preview', text: chat.preview }) : null);
    const li = h('li', { class: `chat-item${chat.id === this.activeId ? ' active' : ''}` }, main,
      this.action('edit', t('rename'), () => this.startRename(li, chat)),
      this.action('export', t('export'), () => this.events.exportChat(chat.id)),
      this.action('trash', t('delete'), () => this.events.remove(chat.id)));
    return li;
  }

  private action(name: IconName, label: string, onClick: () => void): HTMLButtonElement {
    const b = h('button', { class: 'icon-button', label, attrs: { type: 'button' }, on: { click: onClick } });
    b.append(icon(name));
    return b;
  }

  private startRename(li: HTMLElement, chat: ChatSummary): void {
    const input = h('input', { class: 'rename-box', label: t('renamePrompt'), attrs: { type: 'text', maxlength: '200' } });
    input.value = chat.title;
    let done = false;
    const commit = (save: boolean): void => {
      if (done) return;
      done = true;
      const title = input.value.trim();
      if (save && title && title !== chat.title) this.events.rename(chat.id, title);
      this.renderChats();
    };
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') { e.preventDefault(); commit(true); }
      if (e.key === 'Escape') { e.preventDefault(); commit(false); }
    });
    input.addEventListener('blur', () => commit(true));
    li.replaceChildren(input);
    input.focus();
    input.select();
  }
}
