// Line diff (Myers' O(ND) algorithm) grouped into hunks, so a proposal can be accepted change by change.

export interface Hunk {
  /** Position in the list of hunks, stable for accept/reject choices. */
  index: number;
  /** 0-based index of the first original line the hunk replaces (where it inserts, when it removes none). */
  originalStart: number;
  originalLines: string[];
  /** 0-based index of the hunk's first line in the new text. */
  newStart: number;
  newLines: string[];
}

/** Above this many differing lines the diff is not worth computing: one hunk replaces everything. */
const MAX_EDIT_DISTANCE = 4000;

export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Hunks turning `original` into `proposed` (both as whole texts; line ends are normalized). */
export function computeHunks(original: string, proposed: string): Hunk[] {
  return diffLines(splitLines(original), splitLines(proposed));
}

export function diffLines(a: readonly string[], b: readonly string[]): Hunk[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops = myers(a.slice(start, endA), b.slice(start, endB));
  const hunks: Hunk[] = [];
  let x = start;
  let y = start;
  let current: Hunk | undefined;
  for (const op of ops) {
    if (op === '=') {
      current = undefined;
      x++;
      y++;
      continue;
    }
    if (!current) {
      current = { index: hunks.length, originalStart: x, originalLines: [], newStart: y, newLines: [] };
      hunks.push(current);
    }
    if (op === '-') current.originalLines.push(a[x++]);
    else current.newLines.push(b[y++]);
  }
  return hunks;
}

type Op = '=' | '-' | '+';

function myers(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return [...Array<Op>(n).fill('-'), ...Array<Op>(m).fill('+')];
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] holds v[-d..d] as it was before step d (only that band is read when backtracking).
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, n, m);
    }
  }
  // Too different: remove all, insert all.
  return [...Array<Op>(n).fill('-'), ...Array<Op>(m).fill('+')];
}

function backtrack(trace: Int32Array[], n: number, m: number): Op[] {
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const band = trace[d];
    const at = (k: number): number => band[k + d];
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push('=');
      x--;
      y--;
    }
    if (d > 0) {
      if (x === prevX) {
        ops.push('+');
      } else {
        ops.push('-');
      }
    }
    x = prevX;
    y = prevY;
  }
  return ops.reverse();
}

/** The original lines with the accepted hunks applied (the others keep the original lines). */
export function applyHunks(original: readonly string[], hunks: readonly Hunk[], accepted: Iterable<number>): string[] {
  const take = new Set(accepted);
  const out: string[] = [];
  let pos = 0;
  for (const h of [...hunks].sort((p, q) => p.originalStart - q.originalStart)) {
    out.push(...original.slice(pos, h.originalStart));
    out.push(...(take.has(h.index) ? h.newLines : h.originalLines));
    pos = h.originalStart + h.originalLines.length;
  }
  out.push(...original.slice(pos));
  return out;
}

/** `applyHunks` on whole texts, joined with `eol` (the document's line end). */
export function applySelectedHunks(original: string, hunks: readonly Hunk[], accepted: Iterable<number>, eol = '\n'): string {
  return applyHunks(splitLines(original), hunks, accepted).join(eol);
}

/** A one-line label for a hunk, e.g. "lines 3-5: 2 removed, 3 added", counted from `firstLine` (1-based). */
export function describeHunk(h: Hunk, firstLine = 1): { start: number; end: number; removed: number; added: number } {
  const start = firstLine + h.originalStart;
  return { start, end: start + Math.max(h.originalLines.length, 1) - 1, removed: h.originalLines.length, added: h.newLines.length };
}
