// Where the end of a backlog can be rendered on its own. When text arrives faster than it renders (a
// burst, a long answer from history), a slice per frame works through it from the front, which takes
// frames in proportion to its size, while the reader, pinned to the bottom, looks at the end. So the end
// is shown at once, rendered from a seam near it, until the slices reach the seam. A seam is a blank
// line outside code fences; when the text ends inside a fence, the fence's opening line. Finding it scans
// for fence lines only, far cheaper than lexing. A blank line inside a list item or a raw-HTML block can
// make the seam's first lines render otherwise than they will: only for the frames until the slices
// arrive there, when the preview gives way to the real rendering. Pure: no DOM.

const FENCE_LINE = /^ {0,3}(`{3,}|~{3,})(.*)$/gm;

interface Fence { marker: string; start: number }

/**
 * The offset in `backlog` from which its end may render alone: the earliest seam at most `max` characters
 * before its end; undefined when there is none. `before` is the text between the last complete block and the backlog (it
 * says whether the backlog starts inside a fence).
 */
export function previewSeam(before: string, backlog: string, max: number): number | undefined {
  const from = Math.max(0, backlog.length - max);
  let open = openFenceAfter(before, undefined, -Infinity).open;
  if (open) open = { ...open, start: -Infinity };
  const scan = openFenceAfter(backlog, open, from);
  if (scan.open) return scan.open.start >= from ? scan.open.start : undefined;
  // The first blank line within reach, so the preview fills as much of a screen as `max` allows.
  for (let at = backlog.indexOf('\n\n', from); at >= 0; at = backlog.indexOf('\n\n', at + 1)) {
    if (at + 2 >= backlog.length) return undefined;
    if (!scan.fenced.some(([a, b]) => at > a && at < b)) return at + 2;
  }
  return undefined;
}

/** The fence still open at the end of `text` (given the one open at its start), and the fenced spans from `from` on. */
function openFenceAfter(text: string, open: Fence | undefined, from: number): { open: Fence | undefined; fenced: Array<[number, number]> } {
  const fenced: Array<[number, number]> = [];
  FENCE_LINE.lastIndex = 0;
  for (let m = FENCE_LINE.exec(text); m; m = FENCE_LINE.exec(text)) {
    const [, marker, rest] = m;
    if (!open) {
      if (marker[0] === '`' && rest.includes('`')) continue;   // not a fence: an inline code span
      open = { marker, start: m.index };
    } else if (marker[0] === open.marker[0] && marker.length >= open.marker.length && !rest.trim()) {
      if (m.index + m[0].length >= from) fenced.push([open.start, m.index + m[0].length]);
      open = undefined;
    }
  }
  return { open, fenced };
}
