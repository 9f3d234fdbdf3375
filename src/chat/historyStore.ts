// Crash-safe chat history: one append-only JSONL event log per chat under `dir/chats`, deleted chats moved
// to `dir/trash` until purged (so delete can be undone), and `dir/index.json` (replaced atomically, at most
// every INDEX_DELAY_MS) as a cache of titles and dates. The logs are the truth: each summary records the
// log size it was taken at, and open() re-reads any log whose size differs (a crash before the index caught up).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { appendDurably, readJsonLines } from './durableFile';
import { isChatId, loadIndex, logFile, writeIndex, type ChatSummary } from './historyIndex';
import { applyEvent, emptyChat, markInterrupted, type AnswerEnd, type Chat, type ChatEvent, type Turn } from './conversation';
import { chatImages, type ChatImages } from './imageFiles';
import type { ThinkingMode } from '../glm/types';
import type { AgentMeta, AgentPart } from '../shared/agentProtocol';

export interface HistoryStoreOptions {
  /** Streamed deltas are written at least this often (ms)... */
  flushMs?: number;
  /** ...or as soon as this many characters are pending. */
  flushBytes?: number;
  now?: () => number;
  /** Background write failures (the caller of a buffered delta is long gone). */
  onError?: (err: unknown) => void;
}

const INDEX_DELAY_MS = 500;
/**
 * Budget for streamed deltas: one fsync'd append per second (or per 64K characters) while an answer streams.
 * An append per kilobyte cost a fsync every ~150 ms at model pace. What a crash can lose is bounded by the
 * budget; the end of an answer (done, stopped, failed) and `flush()` on deactivate write everything at once.
 */
const DELTA_FLUSH_MS = 1000;
const DELTA_FLUSH_CHARS = 64 * 1024;

export class HistoryStore {
  private readonly index = new Map<string, ChatSummary>();
  private readonly chats = new Map<string, Promise<Chat>>();
  private readonly pending = new Map<string, Map<string, { text: string; thinking: string }>>();
  private pendingChars = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private queue: Promise<void> = Promise.resolve();
  private indexWriteQueued = false;
  private indexTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly sizes = new Map<string, number>();
  private readonly listeners = new Set<(chatId: string) => void>();
  private readonly flushMs: number;
  private readonly flushBytes: number;
  private readonly now: () => number;
  private readonly onError: (err: unknown) => void;
  readonly images: ChatImages; // files beside the logs, moved and removed with them

  private constructor(private readonly dir: string, opts: HistoryStoreOptions) {
    this.images = chatImages(dir);
    this.flushMs = opts.flushMs ?? DELTA_FLUSH_MS;
    this.flushBytes = opts.flushBytes ?? DELTA_FLUSH_CHARS;
    this.now = opts.now ?? Date.now;
    this.onError = opts.onError ?? (() => undefined);
  }

  static async open(dir: string, opts: HistoryStoreOptions = {}): Promise<HistoryStore> {
    const store = new HistoryStore(dir, opts);
    await store.reconcile();
    return store;
  }

  /** Live chats, newest first. */
  list(): ChatSummary[] {
    return [...this.index.values()].filter((s) => s.deletedAt === undefined).sort((a, b) => b.updatedAt - a.updatedAt);
  }

  listDeleted(): ChatSummary[] {
    return [...this.index.values()].filter((s) => s.deletedAt !== undefined);
  }

  has(chatId: string): boolean {
    const summary = this.index.get(chatId);
    return summary !== undefined && summary.deletedAt === undefined;
  }

  onDidChange(listener: (chatId: string) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  /** `id` lets the host name a draft chat before its first message makes it real. */
  async create(init: { id?: string; title: string; model?: string; thinking?: ThinkingMode }): Promise<Chat> {
    const id = init.id ?? randomUUID();
    if (!isChatId(id) || this.index.has(id)) throw new Error('Invalid or existing chat id');
    const at = this.now();
    const chat = emptyChat(id, init.title, at);
    const ev: ChatEvent = { e: 'chat', v: 1, id, title: init.title, at, model: init.model, thinking: init.thinking };
    applyEvent(chat, ev);
    this.chats.set(id, Promise.resolve(chat));
    this.index.set(id, { id, title: init.title, createdAt: at, updatedAt: at, messageCount: 0 });
    this.sizes.set(id, 0);
    await this.write(id, [ev]);
    return chat;
  }

  /** A live chat; throws for unknown or deleted ids. */
  async load(chatId: string): Promise<Chat> {
    if (!this.has(chatId)) throw new Error(`No chat ${String(chatId)}`);
    let chat = this.chats.get(chatId);
    if (!chat) {
      chat = this.readChat(this.fileOf(chatId, false));
      this.chats.set(chatId, chat);
      chat.catch(() => this.chats.delete(chatId));
    }
    return chat;
  }

  async loadAll(): Promise<Chat[]> {
    return Promise.all(this.list().map((s) => this.load(s.id)));
  }

  /** Adds a turn (it becomes the active leaf). Answers start as `streaming` with empty text. */
  async addTurn(chatId: string, turn: Turn): Promise<void> {
    await this.record(chatId, { e: 'turn', turn, at: this.now() });
  }

  newTurnId(): string {
    return randomUUID();
  }

  /** Applies a streamed piece at once in memory; on disk it is batched (flushMs / flushBytes). */
  appendDelta(chat: Chat, turnId: string, part: { text?: string; thinking?: string }): void {
    if (!this.has(chat.id)) return;
    applyEvent(chat, { e: 'delta', id: turnId, ...part });
    let turns = this.pending.get(chat.id);
    if (!turns) this.pending.set(chat.id, (turns = new Map()));
    const buf = turns.get(turnId) ?? { text: '', thinking: '' };
    buf.text += part.text ?? '';
    buf.thinking += part.thinking ?? '';
    turns.set(turnId, buf);
    this.pendingChars += (part.text?.length ?? 0) + (part.thinking?.length ?? 0);
    if (this.pendingChars >= this.flushBytes) void this.flush().catch(this.onError);
    else this.timer ??= setTimeout(() => void this.flush().catch(this.onError), this.flushMs);
  }

  /** Agent mode: a tool step, a round's thinking or the turn's changed files / rules, as one log event. */
  async recordAgent(chatId: string, turnId: string, update: { part?: AgentPart; meta?: Partial<AgentMeta> }): Promise<void> {
    await this.record(chatId, { e: 'agent', id: turnId, ...update });
  }

  async finishAnswer(chatId: string, turnId: string, end: AnswerEnd): Promise<void> {
    await this.record(chatId, { e: 'end', id: turnId, at: this.now(), ...end });
  }

  /** The client fell back from `fromModel` while answering `turnId`: kept so a reopened chat says so. */
  async recordFallback(chatId: string, turnId: string, fromModel: string, toModel: string): Promise<void> {
    await this.record(chatId, { e: 'fallback', id: turnId, fromModel, toModel, at: this.now() });
  }

  async rename(chatId: string, title: string): Promise<void> {
    await this.record(chatId, { e: 'title', title, at: this.now() });
  }

  async setActiveLeaf(chatId: string, leafId: string): Promise<void> {
    await this.record(chatId, { e: 'active', leafId, at: this.now() });
  }

  async setChatSettings(chatId: string, settings: { model?: string | null; thinking?: ThinkingMode | null }): Promise<void> {
    await this.record(chatId, { e: 'settings', ...settings, at: this.now() });
  }

  /** Moves the chat to the trash; `restore` undoes it until `purgeDeleted` removes it for good. */
  async delete(chatId: string): Promise<void> {
    if (!this.has(chatId)) return;
    await this.flush();
    await this.enqueue(() => fs.rename(this.fileOf(chatId, false), this.fileOf(chatId, true)).then(() => this.images.move(chatId, true)));
    this.index.get(chatId)!.deletedAt = this.now();
    this.chats.delete(chatId);
    await this.saveIndex();
    this.emit(chatId);
  }

  async restore(chatId: string): Promise<void> {
    const summary = this.index.get(chatId);
    if (!isChatId(chatId) || summary?.deletedAt === undefined) return;
    await this.enqueue(() => fs.rename(this.fileOf(chatId, true), this.fileOf(chatId, false)).then(() => this.images.move(chatId, false)));
    delete summary.deletedAt;
    await this.saveIndex();
    this.emit(chatId);
  }

  /** Removes deleted chats for good once they have been in the trash `olderThanMs`. */
  async purgeDeleted(olderThanMs = 0): Promise<number> {
    const cutoff = this.now() - olderThanMs;
    const doomed = this.listDeleted().filter((s) => s.deletedAt! <= cutoff);
    for (const s of doomed) {
      await this.enqueue(() => fs.rm(this.fileOf(s.id, true), { force: true }).then(() => this.images.remove(s.id)));
      this.index.delete(s.id);
    }
    if (doomed.length > 0) await this.saveIndex();
    return doomed.length;
  }

  /** Writes every buffered delta and waits for all queued writes. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batches = [...this.pending.entries()];
    this.pending.clear();
    this.pendingChars = 0;
    for (const [chatId, turns] of batches) {
      const events: ChatEvent[] = [...turns.entries()].map(([id, b]) => ({
        e: 'delta', id, ...(b.text ? { text: b.text } : {}), ...(b.thinking ? { thinking: b.thinking } : {}),
      }));
      if (this.index.get(chatId)?.deletedAt === undefined) void this.write(chatId, events).catch(this.onError);
    }
    await this.queue;
  }

  async close(): Promise<void> {
    await this.flush();
    if (this.indexTimer) await this.saveIndex();
  }

  private async record(chatId: string, ev: ChatEvent): Promise<void> {
    const chat = await this.load(chatId);
    applyEvent(chat, ev);
    await this.flushChat(chatId);
    await this.write(chatId, [ev], { title: chat.title, updatedAt: chat.updatedAt, messageCount: chat.turns.size });
    this.emit(chatId);
  }

  /** Keeps a chat's buffered deltas ahead of its next event in the log. */
  private async flushChat(chatId: string): Promise<void> {
    if (this.pending.has(chatId)) await this.flush();
  }

  /** `summary`: what the index says once these events are on disk (never ahead of the log). */
  private async write(chatId: string, events: ChatEvent[], summary?: Pick<ChatSummary, 'title' | 'updatedAt' | 'messageCount'>): Promise<void> {
    const file = this.fileOf(chatId, false);
    const lines = events.map((e) => JSON.stringify(e));
    await this.enqueue(async () => {
      await appendDurably(file, lines);
      const size = (this.sizes.get(chatId) ?? 0) + lines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
      this.sizes.set(chatId, size);
      const entry = this.index.get(chatId);
      if (entry) Object.assign(entry, summary, { size });
    });
    if (summary) this.scheduleIndex();
  }

  /** Titles and dates change often while chatting; the index follows shortly (it is only a cache). */
  private scheduleIndex(): void {
    this.indexTimer ??= setTimeout(() => {
      this.indexTimer = undefined;
      void this.saveIndex().catch(this.onError);
    }, INDEX_DELAY_MS);
  }

  private saveIndex(): Promise<void> {
    if (this.indexTimer) clearTimeout(this.indexTimer);
    this.indexTimer = undefined;
    if (this.indexWriteQueued) return this.queue;
    this.indexWriteQueued = true;
    return this.enqueue(() => {
      this.indexWriteQueued = false;
      return writeIndex(this.dir, this.index.values());
    });
  }

  /** One write at a time, in call order; a failed write does not block the ones after it. */
  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task);
    this.queue = run.catch((err) => this.onError(err));
    return run;
  }

  private emit(chatId: string): void {
    for (const l of this.listeners) l(chatId);
  }

  private fileOf(chatId: string, deleted: boolean): string {
    return logFile(this.dir, chatId, deleted);
  }

  private async readChat(file: string): Promise<Chat> {
    const { lines, size } = await readJsonLines(file);
    const chat = emptyChat(path.basename(file, '.jsonl'), '', 0);
    this.sizes.set(chat.id, size);
    for (const line of lines) {
      if (line && typeof line === 'object' && typeof (line as { e?: unknown }).e === 'string') applyEvent(chat, line as ChatEvent);
    }
    markInterrupted(chat);
    return chat;
  }

  private async reconcile(): Promise<void> {
    const { index, changed } = await loadIndex(this.dir, async (file, id) => {
      const chat = await this.readChat(file);
      return {
        id, title: chat.title, createdAt: chat.createdAt, updatedAt: chat.updatedAt, messageCount: chat.turns.size, size: this.sizes.get(id),
      };
    });
    for (const [id, summary] of index) this.index.set(id, summary);
    if (changed) await this.saveIndex();
  }
}
