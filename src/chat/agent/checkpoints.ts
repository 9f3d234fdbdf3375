// Checkpoints of agent turns: the content each file had before the first change a turn made to it (absent
// for files the turn created). Restoring a turn puts back every file that turn or any later turn changed,
// as it was before that turn, and forgets those checkpoints. Kept as one JSON file per chat under the
// extension's storage, so Restore works after a window reload.

import * as path from 'node:path';
import { promises as fsp } from 'node:fs';
import { writeAtomically } from '../durableFile';

interface TurnCheckpoint {
  turnId: string;
  at: number;
  /** abs path -> content before the turn; null when the file did not exist. */
  files: Record<string, string | null>;
}

export interface RestorePlan {
  turnId: string;
  /** Files to put back: `content` undefined means delete (the agent created it). */
  files: Array<{ abs: string; content: string | undefined }>;
}

export class CheckpointStore {
  private readonly cache = new Map<string, TurnCheckpoint[]>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly dir: string, private readonly now: () => number = Date.now) {}

  /** Remembers `before` for `abs` unless this turn already changed the file. */
  async recordBefore(chatId: string, turnId: string, abs: string, before: string | undefined): Promise<void> {
    const list = await this.load(chatId);
    let turn = list.find((t) => t.turnId === turnId);
    if (!turn) {
      turn = { turnId, at: this.now(), files: {} };
      list.push(turn);
    }
    if (Object.hasOwn(turn.files, abs)) return;
    turn.files[abs] = before ?? null;
    await this.save(chatId, list);
  }

  /** Files a turn changed (absolute paths), for "N files changed". */
  async changedBy(chatId: string, turnId: string): Promise<string[]> {
    const turn = (await this.load(chatId)).find((t) => t.turnId === turnId);
    return turn ? Object.keys(turn.files) : [];
  }

  /** What restoring `turnId` would do; undefined when there is no checkpoint for it. */
  async plan(chatId: string, turnId: string): Promise<RestorePlan | undefined> {
    const list = await this.load(chatId);
    const start = list.findIndex((t) => t.turnId === turnId);
    if (start === -1) return undefined;
    const files = new Map<string, string | undefined>();
    // The earliest record of each file from this turn on is its content before this turn.
    for (const turn of list.slice(start)) {
      for (const [abs, before] of Object.entries(turn.files)) if (!files.has(abs)) files.set(abs, before ?? undefined);
    }
    return { turnId, files: [...files].map(([abs, content]) => ({ abs, content })) };
  }

  /** After the files were put back: forget the checkpoints of that turn and every later one. */
  async forgetFrom(chatId: string, turnId: string): Promise<void> {
    const list = await this.load(chatId);
    const start = list.findIndex((t) => t.turnId === turnId);
    if (start === -1) return;
    list.splice(start);
    await this.save(chatId, list);
  }

  /** Drops one file from a turn's checkpoint (the user rejected that file and it was put back). */
  async forgetFile(chatId: string, turnId: string, abs: string): Promise<void> {
    const list = await this.load(chatId);
    const turn = list.find((t) => t.turnId === turnId);
    if (!turn || !Object.hasOwn(turn.files, abs)) return;
    delete turn.files[abs];
    await this.save(chatId, list);
  }

  private file(chatId: string): string {
    return path.join(this.dir, `${chatId.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`);
  }

  private async load(chatId: string): Promise<TurnCheckpoint[]> {
    const cached = this.cache.get(chatId);
    if (cached) return cached;
    let list: TurnCheckpoint[] = [];
    try {
      const parsed = JSON.parse(await fsp.readFile(this.file(chatId), 'utf8')) as unknown;
      if (Array.isArray(parsed)) list = parsed.filter(isCheckpoint);
    } catch {
      // none yet, or unreadable: start empty rather than fail the agent turn
    }
    this.cache.set(chatId, list);
    return list;
  }

  private save(chatId: string, list: TurnCheckpoint[]): Promise<void> {
    const text = JSON.stringify(list);
    const write = this.queue.then(async () => {
      await fsp.mkdir(this.dir, { recursive: true });
      await writeAtomically(this.file(chatId), text);
    });
    this.queue = write.catch(() => undefined);
    return write;
  }
}

function isCheckpoint(v: unknown): v is TurnCheckpoint {
  const t = v as TurnCheckpoint;
  return typeof t === 'object' && t !== null && typeof t.turnId === 'string' && typeof t.files === 'object' && t.files !== null;
}
