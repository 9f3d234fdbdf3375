// Text that goes back to the model is bounded: a file is read in pages with a "lines a-b of n" marker, and
// long outputs are cut in the middle (the start says what ran, the end holds the error and the summary),
// always with a marker that says how much was cut, so the model never mistakes a cut for the whole.

/** Lines per read_file page and the longest line kept whole. */
export const PAGE_LINES = 400;
export const PAGE_CHARS = 40_000;
export const MAX_LINE_CHARS = 2_000;

export function truncateMiddle(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const head = Math.floor(maxChars * 0.4);
  const tail = maxChars - head;
  const cut = text.length - head - tail;
  return `${text.slice(0, head)}\n[… ${cut.toLocaleString('en-US')} characters cut …]\n${text.slice(text.length - tail)}`;
}

/** Keeps the first `max` lines of a list-like result with a marker saying how many more there were. */
export function limitLines(lines: readonly string[], max: number, what: string): string {
  if (lines.length <= max) return lines.join('\n');
  return `${lines.slice(0, max).join('\n')}\n[… ${lines.length - max} more ${what} not shown; narrow the request …]`;
}

export interface Page {
  text: string;
  first: number;
  last: number;
  total: number;
}

/** One page of a file, numbered from `start` (1-based); `end` inclusive, else as much as fits a page. */
export function pageOf(content: string, start = 1, end?: number): Page | { error: string } {
  const lines = splitLines(content);
  const total = lines.length;
  if (start > total) return { error: `start_line ${start} is past the end of the file (${total} lines).` };
  const from = Math.max(1, start);
  const limit = Math.min(total, end ?? total, from + PAGE_LINES - 1);
  const out: string[] = [];
  let chars = 0;
  let last = from - 1;
  for (let i = from; i <= limit; i++) {
    const line = lines[i - 1];
    const shown = line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)} [… line cut at ${MAX_LINE_CHARS} of ${line.length} characters]` : line;
    if (out.length > 0 && chars + shown.length > PAGE_CHARS) break;
    out.push(shown);
    chars += shown.length + 1;
    last = i;
  }
  return { text: out.join('\n'), first: from, last, total };
}

export function pageHeader(page: Page, path: string): string {
  const more = page.last < page.total ? `; continue with start_line ${page.last + 1}` : '';
  return `${path}: lines ${page.first}-${page.last} of ${page.total}${more}`;
}

export function splitLines(content: string): string[] {
  const lines = content.split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Binary files are refused rather than sent as mojibake: a NUL byte in the first 8 KB marks one. */
export function isBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

/** Terminal output without colour codes, OSC sequences (shell integration marks) and carriage-return redraws. */
export function plainTerminalText(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g, '')
    // eslint-disable-next-line no-control-regex
    .replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '')
    .replace(/\r\n/g, '\n')
    .replace(/[^\n]*\r(?!\n)/g, '');
}
