// Fitting model-written code to where it goes: its own indentation is re-based onto the target line's
// indentation and converted to the document's unit (tabs or N spaces).

export interface IndentStyle {
  useTabs: boolean;
  /** Columns per level (the tab size when `useTabs`). */
  size: number;
}

export interface FitOptions {
  /** Indentation of the line the code goes to (the selection's first line or the cursor line). */
  baseIndent: string;
  /** The document's indentation unit. */
  style: IndentStyle;
  /**
   * True when the code starts in the middle of a line (a selection that begins after other code): the
   * first line then gets no indentation, and the other lines keep theirs (converted to the document's
   * unit), since the model saw them with their absolute indentation and answers alike.
   */
  firstLineIndented?: boolean;
}

export function leadingWhitespace(line: string): string {
  return /^[ \t]*/.exec(line)![0];
}

function width(ws: string, tabSize: number): number {
  let w = 0;
  for (const ch of ws) w = ch === '\t' ? w + tabSize - (w % tabSize) : w + 1;
  return w;
}

/**
 * The indentation unit a text uses. Tabs win when more lines start with a tab; for spaces the most
 * frequent change of indentation between consecutive lines is the unit. `fallback` serves when the text cannot tell.
 */
export function detectIndentation(text: string, fallback: IndentStyle): IndentStyle {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  let tabs = 0;
  let spaces = 0;
  for (const l of lines) {
    if (l.startsWith('\t')) tabs++;
    else if (l.startsWith(' ')) spaces++;
  }
  if (tabs === 0 && spaces === 0) return fallback;
  if (tabs > spaces) return { useTabs: true, size: fallback.size };
  const counts = new Map<number, number>();
  let previous = 0;
  for (const l of lines) {
    const ws = leadingWhitespace(l);
    if (ws.includes('\t')) continue;
    const delta = Math.abs(ws.length - previous);
    if (delta >= 2 && delta <= 8) counts.set(delta, (counts.get(delta) ?? 0) + 1);
    previous = ws.length;
  }
  let best = 0;
  let bestCount = 0;
  for (const [delta, count] of counts) {
    if (count > bestCount || (count === bestCount && delta < best)) {
      best = delta;
      bestCount = count;
    }
  }
  return { useTabs: false, size: best || fallback.size };
}

/** Re-indents `code` (lines joined by '\n') for its target; blank lines become empty. */
export function fitIndentation(code: string, opts: FitOptions): string {
  const lines = code.split('\n');
  const own = detectIndentation(code, opts.style);
  const ownTab = own.useTabs ? own.size : opts.style.size;
  const widths = lines.map((l) => (l.trim() === '' ? undefined : width(leadingWhitespace(l), ownTab)));
  const present = widths.filter((w): w is number => w !== undefined);
  const min = opts.firstLineIndented ? 0 : present.length > 0 ? Math.min(...present) : 0;
  const base = opts.firstLineIndented ? '' : opts.baseIndent;
  return lines
    .map((line, i) => {
      const w = widths[i];
      if (w === undefined) return '';
      const content = line.slice(leadingWhitespace(line).length);
      if (i === 0 && opts.firstLineIndented) return content;
      const relative = w - min;
      const levels = Math.floor(relative / own.size);
      const rest = relative % own.size;
      const unit = opts.style.useTabs ? '\t' : ' '.repeat(opts.style.size);
      return base + unit.repeat(levels) + ' '.repeat(rest) + content;
    })
    .join('\n');
}
