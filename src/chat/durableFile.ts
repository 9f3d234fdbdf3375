// The three disk operations the history store is built on: an fsync'd append, a read that survives a
// torn last line, and an atomic replace (temp file, fsync, rename).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

/** Appends whole lines and waits until they are on disk: after this resolves a crash cannot lose them. */
export async function appendDurably(file: string, lines: string[]): Promise<void> {
  if (lines.length === 0) return;
  const handle = await fs.open(file, 'a');
  try {
    await handle.writeFile(lines.map((l) => l + '\n').join(''), 'utf8');
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

export interface LogRead {
  lines: unknown[];
  /** Lines that were not JSON (a torn tail, or damage mid-file), skipped rather than fatal. */
  skipped: number;
  /** Bytes of the file after any torn tail was cut. */
  size: number;
}

/**
 * Reads a JSONL file. A crash mid-append can leave a partial last line (no newline): it is dropped and the
 * file truncated to the last complete line, so the next append does not glue onto the fragment.
 */
export async function readJsonLines(file: string): Promise<LogRead> {
  const data = await fs.readFile(file);
  const end = data.lastIndexOf(0x0a) + 1;
  let skipped = 0;
  if (end < data.length) {
    skipped++;
    await fs.truncate(file, end);
  }
  const lines: unknown[] = [];
  // Cut at byte offsets before decoding: a torn multi-byte character must not spill into the kept lines.
  for (const text of data.subarray(0, end).toString('utf8').split('\n')) {
    if (text.trim() === '') continue;
    try {
      lines.push(JSON.parse(text));
    } catch {
      skipped++;
    }
  }
  return { lines, skipped, size: end };
}

/** Replaces a file so that readers see either the old or the new content, never a mix or nothing. */
export async function writeAtomically(file: string, text: string | Uint8Array): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(temp, 'w');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(temp, file);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
  await syncDirectory(path.dirname(file));
}

/** Makes a rename durable on POSIX; Windows cannot open directories, and does not need it. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort: some filesystems refuse fsync on a directory.
  }
}
