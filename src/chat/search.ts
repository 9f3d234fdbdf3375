// Full-text search over every message of every chat, old branches included. A linear scan over cached
// lower-case text: substring matches work for code and CJK (no word splitting to get wrong), and a scan
// of ~10 MB of history takes a few milliseconds, so an inverted index would buy nothing measurable.
import type { Chat } from './conversation';
import type { HistoryStore } from './historyStore';

export interface SearchHit {
  chatId: string;
  turnId: string;
  chatTitle: string;
  role: 'user' | 'answer';
  /** A short excerpt around the first match, with the matched ranges inside it. */
  snippet: string;
  ranges: Array<[start: number, end: number]>;
  at: number;
}

interface Doc {
  chatId: string;
  turnId: string;
  role: 'user' | 'answer';
  text: string;
  lower: string;
  at: number;
}

const BEFORE = 40;
const AFTER = 100;

export class SearchIndex {
  private readonly docs = new Map<string, Doc[]>();
  private readonly titles = new Map<string, string>();

  setChat(chat: Chat): void {
    const docs: Doc[] = [];
    for (const turn of chat.turns.values()) {
      if (!turn.text) continue;
      docs.push({
        chatId: chat.id, turnId: turn.id, role: turn.kind, text: turn.text,
        lower: turn.text.toLowerCase(), at: turn.createdAt,
      });
    }
    this.docs.set(chat.id, docs);
    this.titles.set(chat.id, chat.title);
  }

  removeChat(chatId: string): void {
    this.docs.delete(chatId);
    this.titles.delete(chatId);
  }

  /** Messages containing every whitespace-separated term (case-insensitive), newest first. */
  search(query: string, limit = 50): SearchHit[] {
    const terms = [...new Set(query.toLowerCase().split(/\s+/).filter(Boolean))];
    if (terms.length === 0) return [];
    const found: Array<{ doc: Doc; first: number }> = [];
    for (const docs of this.docs.values()) {
      for (const doc of docs) {
        const first = firstMatch(doc.lower, terms);
        if (first >= 0) found.push({ doc, first });
      }
    }
    // Snippets only for what is shown: a common word can match every message.
    found.sort((a, b) => b.doc.at - a.doc.at);
    return found.slice(0, limit).map(({ doc, first }) => ({
      chatId: doc.chatId, turnId: doc.turnId, chatTitle: this.titles.get(doc.chatId) ?? '', role: doc.role, at: doc.at,
      ...snippetAt(doc, first, terms),
    }));
  }
}

/** Offset of the earliest term if every term occurs, else -1. */
function firstMatch(lower: string, terms: string[]): number {
  let first = Infinity;
  for (const term of terms) {
    const at = lower.indexOf(term);
    if (at < 0) return -1;
    first = Math.min(first, at);
  }
  return first;
}

function snippetAt(doc: Doc, at: number, terms: string[]): { snippet: string; ranges: Array<[number, number]> } {
  // Lower-casing can change the length of a few characters (e.g. 'İ'); then offsets follow the lower text.
  const source = doc.lower.length === doc.text.length ? doc.text : doc.lower;
  let start = Math.max(0, at - BEFORE);
  let end = Math.min(source.length, at + AFTER);
  if (start > 0) {
    const space = source.indexOf(' ', start);
    if (space >= 0 && space < at) start = space + 1;
  }
  if (end < source.length) {
    const space = source.lastIndexOf(' ', end);
    if (space > at) end = space;
  }
  const prefix = start > 0 ? '…' : '';
  const body = source.slice(start, end);
  const lowerBody = doc.lower.slice(start, end);
  const ranges: Array<[number, number]> = [];
  for (const term of terms) {
    for (let i = lowerBody.indexOf(term); i >= 0; i = lowerBody.indexOf(term, i + term.length)) {
      ranges.push([prefix.length + i, prefix.length + i + term.length]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  // The snippet is shown on one line: newlines become spaces (same length, so ranges stay valid).
  return { snippet: prefix + body.replace(/\s/g, ' ') + (end < source.length ? '…' : ''), ranges };
}

/** Keeps a SearchIndex in step with a HistoryStore: built on first use, chats re-read when they change. */
export class HistorySearch {
  private readonly index = new SearchIndex();
  private built = false;
  private readonly dirty = new Set<string>();
  private readonly subscription: { dispose(): void };

  constructor(private readonly store: HistoryStore) {
    this.subscription = store.onDidChange((chatId) => this.dirty.add(chatId));
  }

  dispose(): void {
    this.subscription.dispose();
  }

  async search(query: string, limit?: number): Promise<SearchHit[]> {
    if (!this.built) {
      for (const chat of await this.store.loadAll()) this.index.setChat(chat);
      this.built = true;
      this.dirty.clear();
    }
    for (const chatId of [...this.dirty]) {
      this.dirty.delete(chatId);
      if (this.store.has(chatId)) this.index.setChat(await this.store.load(chatId));
      else this.index.removeChat(chatId);
    }
    return this.index.search(query, limit);
  }
}
