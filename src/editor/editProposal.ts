// What a proposed edit means before it touches a document: which hunks a decision takes, which changes only
// re-indent (the diff editor hides them by default), and whether the text it was made against is still there.
import { describeHunk, type Hunk } from './diffHunks';

/** Which changes of a proposal to apply: all, none, or the indexes of chosen hunks. */
export type Decision = 'all' | 'none' | number[];

/** The hunk indexes a decision accepts, in order, without duplicates or indexes out of range. */
export function acceptedHunks(decision: Decision, hunks: readonly Hunk[]): number[] {
  if (decision === 'all') return hunks.map((h) => h.index);
  if (decision === 'none') return [];
  const known = new Set(hunks.map((h) => h.index));
  return [...new Set(decision)].filter((i) => known.has(i)).sort((a, b) => a - b);
}

/**
 * Lines of the hunk whose only change is leading or trailing whitespace: original lines that reappear among
 * the new lines with other whitespace (matched as multisets, so code wrapped in a new block still counts).
 */
export function reindentedLines(hunk: Hunk): number {
  const unmatched = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, n: number): void => void map.set(key, (map.get(key) ?? 0) + n);
  for (const line of hunk.newLines) add(unmatched, line, 1);
  const rest: string[] = [];
  for (const line of hunk.originalLines) {
    if ((unmatched.get(line) ?? 0) > 0) add(unmatched, line, -1);
    else rest.push(line);
  }
  const trimmed = new Map<string, number>();
  for (const [line, n] of unmatched) if (n > 0 && line.trim() !== '') add(trimmed, line.trim(), n);
  let count = 0;
  for (const line of rest) {
    const key = line.trim();
    if ((trimmed.get(key) ?? 0) > 0) {
      add(trimmed, key, -1);
      count++;
    }
  }
  return count;
}

/** True when every line of the hunk differs from its counterpart only in leading or trailing whitespace. */
export function isWhitespaceOnly(hunk: Hunk): boolean {
  return hunk.originalLines.length === hunk.newLines.length && reindentedLines(hunk) === hunk.newLines.length;
}

/** What a proposal changes, for its title and notification: hunks, and lines a default diff view would hide. */
export interface ProposalSummary {
  changes: number;
  reindented: number;
}

export function summarize(hunks: readonly Hunk[]): ProposalSummary {
  return { changes: hunks.length, reindented: hunks.reduce((n, h) => n + reindentedLines(h), 0) };
}

/** A hunk as one row of the "Choose Changes" list: lines counted from `firstLine` (1-based). */
export interface HunkRow {
  index: number;
  start: number;
  end: number;
  removed: number;
  added: number;
  /** Changes only whitespace at the start or end of lines. */
  whitespaceOnly: boolean;
  /** A non-blank line of the change to recognize it by. */
  sample: string;
}

export function hunkRows(hunks: readonly Hunk[], firstLine: number): HunkRow[] {
  return hunks.map((h) => ({
    index: h.index,
    ...describeHunk(h, firstLine),
    whitespaceOnly: isWhitespaceOnly(h),
    sample: ([...h.newLines, ...h.originalLines].find((l) => l.trim() !== '') ?? '').trim(),
  }));
}

/** `full` with the span [start, end) replaced by `text`. */
export function spliceText(full: string, start: number, end: number, text: string): string {
  return full.slice(0, start) + text + full.slice(end);
}

/**
 * A proposal may only apply where the document still holds the text it was made against: nothing was typed
 * inside the tracked span (`touched`), and the span's text is what the proposal started from.
 */
export function isStale(current: string, before: string, touched: boolean): boolean {
  return touched || current !== before;
}
