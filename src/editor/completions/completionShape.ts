// Fitting cleaned model code to the cursor: drop what repeats the text before the cursor, fit the
// indentation, end at the end of the line or block, and cut what the text after the cursor already has.
import { detectIndentation, leadingWhitespace, type IndentStyle } from '../indentation';
import { cleanAnswer } from './answerCleanup';
import { completionMode, type CompletionMode, type CursorLine } from './completionMode';

export interface ShapeContext extends CursorLine {
  mode: CompletionMode;
  /** A few lines before the cursor line, nearest last. */
  linesAbove: string[];
  /** A few lines after the cursor line, nearest first. */
  linesBelow: string[];
  indent: IndentStyle;
}

export interface Shaped {
  /** The text to insert at the cursor; empty when there is nothing worth showing. */
  text: string;
  /** The completion reached its end (line end, block end, text below): reading more of the answer is useless. */
  ended: boolean;
}

const CLOSING_LINE = /^[)\]}]+[;,)]*$|^end\b/;
const MAX_LINES = 20;

/** The whole pipeline for a finished answer; undefined when nothing (new) would be inserted. */
export function postProcess(raw: string, ctx: ShapeContext): string | undefined {
  const { text } = shapeAnswer(raw, ctx, true);
  return text.trim() === '' ? undefined : text;
}

/** While streaming (`final` false) only complete lines are judged, so a growing line never ends a block early. */
export function shapeAnswer(raw: string, ctx: ShapeContext, final: boolean): Shaped {
  const lastNewline = raw.lastIndexOf('\n');
  if (!final && lastNewline < 0) return { text: '', ended: false };
  const clean = cleanAnswer(final ? raw : raw.slice(0, lastNewline), true);
  let lines = clean.code === '' && !final ? [] : clean.code.split('\n');
  lines = dropRepeatedAbove(lines, ctx);
  if (lines.length === 0) return { text: '', ended: clean.closed };
  lines[0] = dropRepeatedPrefix(lines[0], ctx.linePrefix);
  const fitted = fitIndent(lines.slice(0, MAX_LINES + 1), ctx);
  const end = endOfCompletion(fitted, ctx);
  const ended = clean.closed || end < lines.length || (!final && ctx.mode === 'line');
  const kept = cutSuffixOverlap(fitted.slice(0, end), ctx);
  const text = kept.join('\n').replace(/\s+$/, '');
  return { text: isAlreadyThere(text, ctx) ? '' : text, ended };
}

/** Models often restart from the line(s) above the cursor; those lines are already in the document. */
function dropRepeatedAbove(lines: string[], ctx: ShapeContext): string[] {
  if (ctx.linePrefix.trim() !== '') return lines;
  const above = ctx.linesAbove.filter((l) => l.trim() !== '').slice(-3).map((l) => l.trim());
  let start = 0;
  while (start < lines.length && lines[start].trim() === '') start++;
  for (let n = Math.min(above.length, lines.length - start); n > 0; n--) {
    const head = lines.slice(start, start + n).map((l) => l.trim());
    if (head.every((l, i) => l === above[above.length - n + i])) return lines.slice(start + n);
  }
  return lines;
}

/**
 * The model may rewrite the start of the cursor line (`const x = ` answered as `const x = 42;`) or the
 * word being typed (`for i in r` answered as `range(3):`).
 */
function dropRepeatedPrefix(first: string, linePrefix: string): string {
  const typed = linePrefix.trimStart();
  const said = first.trimStart();
  if (typed !== '' && said.startsWith(typed) && said.length > typed.length) return said.slice(typed.length);
  const word = /[\w$]+$/.exec(typed)?.[0];
  if (word && said.startsWith(word) && /^[\w$]/.test(said.slice(word.length))) return said.slice(word.length);
  return first;
}

/**
 * Index of the first line that is not part of the completion. On an empty line the block is the cursor's
 * level; after an opener (`if (x) {`) it is what is deeper than the cursor line, plus its closing line.
 */
function endOfCompletion(lines: string[], ctx: ShapeContext): number {
  if (ctx.mode === 'line') return 1;
  const emptyLine = ctx.linePrefix.trim() === '';
  const lineIndent = width(leadingWhitespace(ctx.linePrefix), ctx.indent.size);
  const level = emptyLine ? lineIndent : lineIndent + 1;
  for (let i = 1; i < lines.length && i < MAX_LINES; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    if (width(leadingWhitespace(line), ctx.indent.size) < level) return !emptyLine && CLOSING_LINE.test(line.trim()) ? i + 1 : i;
  }
  return Math.min(lines.length, MAX_LINES);
}

function width(ws: string, tabSize: number): number {
  let w = 0;
  for (const ch of ws) w = ch === '\t' ? w + tabSize - (w % tabSize) : w + 1;
  return w;
}

/**
 * Lines after the first get the document's indentation unit. On an empty line the model's first line is
 * taken as the cursor's level (whatever indentation it wrote) and the others keep their depth relative to it;
 * after code on the line they keep their own (absolute) depth, as the model saw the file.
 */
function fitIndent(lines: string[], ctx: ShapeContext): string[] {
  if (lines.length === 0) return lines;
  const own = detectIndentation(lines.slice(1).join('\n'), ctx.indent);
  const emptyLine = ctx.linePrefix.trim() === '';
  const firstWs = leadingWhitespace(lines[0]);
  const target = emptyLine ? width(ctx.linePrefix, ctx.indent.size) : 0;
  const base = emptyLine ? baseColumn(lines, target, own.size) : 0;
  const unit = ctx.indent.useTabs ? '\t' : ' '.repeat(ctx.indent.size);
  const out = lines.map((line, i) => {
    if (i === 0) return emptyLine ? line.slice(firstWs.length) : line;
    if (line.trim() === '') return '';
    const cols = Math.max(0, target + ((width(leadingWhitespace(line), own.size) - base) / own.size) * ctx.indent.size);
    const levels = Math.floor(cols / ctx.indent.size);
    return unit.repeat(levels) + ' '.repeat(Math.round(cols - levels * ctx.indent.size)) + line.trimStart();
  });
  return out;
}

/**
 * Where the model's own column 0 of the cursor level is. Models answer an empty indented line either
 * relative to the cursor (first line at 0, the rest relative to it) or with the first line bare and the
 * rest at their absolute columns. The step to the next line tells which: after a line that opens a block
 * it goes deeper, otherwise not.
 */
function baseColumn(lines: string[], target: number, tabSize: number): number {
  const code = lines.filter((l) => l.trim() !== '');
  const first = width(leadingWhitespace(code[0] ?? ''), tabSize);
  if (code.length < 2 || first >= target) return first;
  const step = width(leadingWhitespace(code[1]), tabSize) - first;
  const deeper = completionMode({ linePrefix: code[0], lineSuffix: '' }) === 'block';
  const relativeFits = deeper ? step > 0 : step <= 0;
  return relativeFits ? first : target;
}

/** Cuts the tail that repeats the text after the cursor: the rest of the line, or the next lines. */
function cutSuffixOverlap(lines: string[], ctx: ShapeContext): string[] {
  const rest = ctx.lineSuffix.trim();
  if (lines.length === 1 && rest !== '') {
    const line = lines[0].replace(/\s+$/, '');
    // Longest end of the answer that equals a start of the rest of the line (`)` `);` `) {`).
    for (let k = Math.min(rest.length, line.length); k > 0; k--) {
      if (line.endsWith(rest.slice(0, k)) && (k === rest.length || k >= 2 || /[)\]}'"`;]/.test(rest[0]))) return [line.slice(0, line.length - k)];
    }
    return lines;
  }
  const below = ctx.linesBelow.filter((l) => l.trim() !== '').map((l) => l.trim());
  if (below.length === 0) return lines;
  for (let i = 1; i < lines.length; i++) {
    const tail = lines.slice(i).filter((l) => l.trim() !== '').map((l) => l.trim());
    if (tail.length > 0 && tail.every((l, j) => l === below[j])) return lines.slice(0, i);
  }
  return lines;
}

/** An answer that only restates the text after the cursor inserts nothing new. */
function isAlreadyThere(text: string, ctx: ShapeContext): boolean {
  const t = text.trim();
  if (t === '') return true;
  const after = [ctx.lineSuffix, ...ctx.linesBelow].join('\n').trimStart();
  return after.startsWith(t);
}
