// Limits of the markdown path. Model output can be anything (10,000 nested list levels, a megabyte line,
// thousands of nested HTML tags); the parser and the sanitizer recurse on nesting, and their cost grows
// faster than the text on some shapes. Past a limit the rest of the answer is shown as escaped text under
// a quiet note, so a turn always renders, in time that grows with its length and no faster.
import type { UiStringKey } from '../shared/protocol';

export const renderLimits = {
  /** Quote markers, list markers and indentation levels, or open HTML elements, at one point. */
  depth: 40,
  /** One line; a longer one is data, not prose, and some inline rules scan it more than once. */
  lineChars: 20_000,
  /** A run of backticks (code span delimiters are matched by run length). */
  backticks: 64,
  /** Emphasis and link delimiters on one line (matching them is quadratic on unbalanced runs). */
  delimiters: 1_000,
  /** Top-level blocks of one answer. */
  blocks: 20_000,
  /** One top-level block (a table or list of this size renders as text). */
  blockChars: 100_000,
} as const;

export type LimitReason = 'depth' | 'line' | 'blocks' | 'size' | 'failed';

export const limitNotes: Record<LimitReason, UiStringKey> = {
  depth: 'renderLimitDepth', line: 'renderLimitLine', blocks: 'renderLimitBlocks', size: 'renderLimitSize', failed: 'renderFailed',
};

export interface LimitHit {
  /** Offset (in the scanned text) of the first line that is shown as text. */
  at: number;
  reason: LimitReason;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const PREFIX = /^(?:[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))*[ \t]*/;
// Elements that nest in model HTML; anything else in angle brackets (generics, placeholders) is not counted.
const TAGS = 'a|abbr|article|aside|b|blockquote|code|dd|del|details|div|dl|dt|em|figure|font|footer|h[1-6]|header|i|ins|kbd|li|main|mark|nav|ol|p|pre|q|s|section|small|span|strong|sub|summary|sup|table|tbody|td|tfoot|th|thead|tr|u|ul';
const TAG = new RegExp(`<(/?)(?:${TAGS})(?:\\s[^<>]*)?>`, 'gi');
const CODE_SPAN = /`[^`\n]*`/g;
const TICKS = new RegExp(`\`{${renderLimits.backticks + 1}}`);
const DELIMITERS = /[*_[\]]/g;

/**
 * Scans complete lines, in order, for the first one past a limit. Keeps its place between calls, so a
 * streamed answer is scanned once in total, not once per frame.
 */
export class LimitScanner {
  private pos = 0;
  private fence: string | undefined;
  private htmlDepth = 0;

  /** Looks at the lines of `text` from where the last call stopped; `final` includes an unterminated last line. */
  scan(text: string, final = false): LimitHit | undefined {
    while (this.pos < text.length) {
      const nl = text.indexOf('\n', this.pos);
      const end = nl < 0 ? text.length : nl;
      const line = text.slice(this.pos, end);
      // A line still arriving is checked without moving on: its nesting can only grow.
      const complete = nl >= 0 || final;
      const hit = complete ? this.line(line) : this.fence === undefined ? this.nesting(line, false) : undefined;
      if (hit) return { at: this.pos, reason: hit };
      if (line.length > renderLimits.lineChars) return { at: this.pos, reason: 'line' };
      if (!complete) return undefined;
      this.pos = end + 1;
    }
    return undefined;
  }

  /** The first `n` characters of the scanned text were dropped (committed): offsets move back by `n`. */
  rebase(n: number): void {
    this.pos = Math.max(0, this.pos - n);
  }

  private line(line: string): LimitReason | undefined {
    if (TICKS.test(line)) return 'line';
    const fence = FENCE.exec(line);
    if (this.fence !== undefined) {
      if (fence && fence[1][0] === this.fence[0] && fence[1].length >= this.fence.length && /^[\s`~]*$/.test(line)) this.fence = undefined;
      return undefined;
    }
    const hit = this.nesting(line, true) ?? (count(line, DELIMITERS) > renderLimits.delimiters ? 'line' : undefined);
    if (!hit && fence) this.fence = fence[1];
    return hit;
  }

  /** Quote and list nesting of the line, and open HTML elements after it (kept when `commit`). */
  private nesting(line: string, commit: boolean): LimitReason | undefined {
    if (depthOf(PREFIX.exec(line)![0]) > renderLimits.depth) return 'depth';
    if (!line.includes('<')) return undefined;
    const prose = line.replace(CODE_SPAN, '');
    let depth = this.htmlDepth;
    TAG.lastIndex = 0;
    for (let m = TAG.exec(prose); m; m = TAG.exec(prose)) {
      depth = Math.max(0, depth + (m[1] ? -1 : 1));
      if (depth > renderLimits.depth) return 'depth';
    }
    if (commit) this.htmlDepth = depth;
    return undefined;
  }
}

/** Nesting levels a line prefix opens: each marker, and each two columns of a run of indentation. */
function depthOf(prefix: string): number {
  let depth = 0;
  let run = 0;
  for (const ch of prefix) {
    if (ch === ' ' || ch === '\t') {
      run += ch === '\t' ? 4 : 1;
      continue;
    }
    depth += Math.floor(run / 2);
    run = 0;
    if (ch === '>' || ch === '-' || ch === '*' || ch === '+' || ch === '.' || ch === ')') depth++;
  }
  return depth + Math.floor(run / 2);
}

function count(text: string, pattern: RegExp): number {
  pattern.lastIndex = 0;
  let n = 0;
  while (pattern.exec(text)) n++;
  return n;
}
