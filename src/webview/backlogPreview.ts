// Where the end of a backlog can be rendered on its own. When text arrives faster than it renders (a
// burst, a long answer from history), a slice per frame works through it from the front, which takes
// frames in proportion to its size, while the reader, pinned to the bottom, looks at the end. So the end
// is shown at once, rendered from a seam near it, until the slices reach the seam. A seam is a blank
// line outside code fences; when the text ends inside a fence, the fence's opening line. The fences are
// followed as the text arrives (a piece costs its own length), so finding a seam reads only the end, not
// a backlog of megabytes. A blank line inside a list item or a raw-HTML block can make the seam's first
// lines render otherwise than they will: only for the frames until the slices arrive there, when the
// preview gives way to the real rendering. Pure: no DOM.

const FENCE_LINE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

interface Fence { marker: string; start: number }

export class FenceTracker {
  private length = 0;                               // characters seen
  private line = '';                                // the last line, not ended yet
  private open: Fence | undefined;                  // the fence open after the last ended line
  private spans: Array<[number, number]> = [];      // closed fences that end within `reach` of the end

  /** `reach`: how far from the end a seam may be. */
  constructor(private readonly reach: number) {}

  push(text: string): void {
    let lineStart = this.length - this.line.length;
    let from = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
      const line = this.line + text.slice(from, nl);
      this.line = '';
      this.open = this.afterLine(line, lineStart, this.open);
      lineStart += line.length + 1;
      from = nl + 1;
    }
    this.line += text.slice(from);
    this.length += text.length;
    const keepFrom = this.length - this.reach;
    if (this.spans.length && this.spans[0][1] < keepFrom) this.spans = this.spans.filter(([, end]) => end >= keepFrom);
  }

  /**
   * The offset (in all the text pushed) from which its end may render alone: the earliest seam within
   * `reach` of the end, so the preview shows as much as it may; undefined when there is none. `end` is
   * the text's last `reach` characters (all of it when shorter).
   */
  seam(end: string): number | undefined {
    const from = this.length - end.length;
    const lineStart = this.length - this.line.length;
    const spans = [...this.spans];
    const open = this.line ? this.afterLine(this.line, lineStart, this.open, spans) : this.open;
    if (open) return open.start >= from ? open.start : undefined;
    for (let at = end.indexOf('\n\n'); at >= 0; at = end.indexOf('\n\n', at + 1)) {
      if (at + 2 >= end.length) return undefined;
      const abs = from + at;
      if (!spans.some(([a, b]) => abs > a && abs < b)) return abs + 2;
    }
    return undefined;
  }

  /** The fence open after `line` (starting at `start`), given the one open before it; a fence it closes goes to `spans`. */
  private afterLine(line: string, start: number, open: Fence | undefined, spans = this.spans): Fence | undefined {
    const m = FENCE_LINE.exec(line);
    if (!m) return open;
    const [, marker, rest] = m;
    if (!open) return marker[0] === '`' && rest.includes('`') ? undefined : { marker, start };   // with a backtick after it: inline code
    if (marker[0] !== open.marker[0] || marker.length < open.marker.length || rest.trim()) return open;
    spans.push([open.start, start + line.length]);
    return undefined;
  }
}
