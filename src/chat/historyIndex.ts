// The index of the history folder: one summary per chat, kept in `index.json` as a cache. It is checked
// against the logs on open: a summary whose recorded log size differs from the file is rebuilt from the log.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeAtomically } from './durableFile';

export interface ChatSummary {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  messageCount: number;
  deletedAt?: number;
  /** Bytes of the log this summary describes. */
  size?: number;
}

const CHAT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Ids also name files: anything else (e.g. from a webview message) must never reach a path. */
export function isChatId(id: unknown): id is string {
  return typeof id === 'string' && CHAT_ID.test(id);
}

export function logFile(dir: string, chatId: string, deleted: boolean): string {
  if (!isChatId(chatId)) throw new Error('Invalid chat id');
  return path.join(dir, deleted ? 'trash' : 'chats', `${chatId}.jsonl`);
}

export function writeIndex(dir: string, summaries: Iterable<ChatSummary>): Promise<void> {
  return writeAtomically(path.join(dir, 'index.json'), JSON.stringify({ v: 1, chats: [...summaries] }));
}

/**
 * Reads the index and makes it agree with the logs (a crash can fall between a log append and the index
 * write): logs missing from it or grown since are summarized again, a log's folder decides whether the
 * chat is deleted, summaries without a log are dropped, and stray temp files of an interrupted write go.
 */
export async function loadIndex(
  dir: string,
  summarize: (file: string, id: string) => Promise<ChatSummary>,
): Promise<{ index: Map<string, ChatSummary>; changed: boolean }> {
  await fs.mkdir(path.join(dir, 'chats'), { recursive: true });
  await fs.mkdir(path.join(dir, 'trash'), { recursive: true });
  let saved: ChatSummary[] = [];
  try {
    const parsed = JSON.parse(await fs.readFile(path.join(dir, 'index.json'), 'utf8')) as { chats?: ChatSummary[] };
    saved = Array.isArray(parsed.chats) ? parsed.chats.filter((s) => isChatId(s?.id)) : [];
  } catch {
    // Missing or damaged: rebuilt from the logs below.
  }
  const known = new Map(saved.map((s) => [s.id, s]));
  const index = new Map<string, ChatSummary>();
  let changed = false;
  for (const deleted of [false, true]) {
    const folder = path.join(dir, deleted ? 'trash' : 'chats');
    for (const name of await fs.readdir(folder)) {
      const id = name.endsWith('.jsonl') ? name.slice(0, -6) : '';
      if (!isChatId(id)) continue;
      const file = path.join(folder, name);
      const stat = await fs.stat(file);
      let summary = known.get(id);
      if (!summary || summary.size !== stat.size) {
        const deletedAt = summary?.deletedAt;
        summary = await summarize(file, id);
        if (deletedAt !== undefined) summary.deletedAt = deletedAt;
        changed = true;
      }
      if (deleted && summary.deletedAt === undefined) {
        summary.deletedAt = stat.mtimeMs;
        changed = true;
      } else if (!deleted && summary.deletedAt !== undefined) {
        delete summary.deletedAt;
        changed = true;
      }
      index.set(id, summary);
    }
  }
  if (index.size !== known.size) changed = true;
  for (const name of await fs.readdir(dir)) {
    if (name.startsWith('.index.json.') && name.endsWith('.tmp')) await fs.rm(path.join(dir, name), { force: true });
  }
  return { index, changed };
}
