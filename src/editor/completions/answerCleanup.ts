// From a chat model's answer to the bare code it meant to insert. Chat models are told to answer with
// code only, yet they wrap it in fences, announce it ("Here is the completion:") or explain it afterwards.
import { parseCodeBlocks } from '../codeExtraction';

export interface CleanAnswer {
  code: string;
  /** The answer said it is done (a closing fence): nothing after it belongs to the completion. */
  closed: boolean;
}

const THINK = /<think>[\s\S]*?(?:<\/think>\s*|$)/g;
const CURSOR_MARK = /<\|CURSOR\|>/g;

/** Openings of a sentence that talks about the code instead of being code (English and Chinese). */
const PROSE_START = /^(?:here(?:'s| is| are)|sure\b|certainly\b|of course\b|okay\b|ok,|the (?:completion|code|missing|rest)\b|this (?:completes|code|completion|will|adds)\b|i(?:'ll| will| have)\b|below\b|note\b|explanation\b|以下|这是|好的|下面|补全|代码如下|说明)/i;

function isProse(line: string): boolean {
  const t = line.trim();
  if (!PROSE_START.test(t)) return false;
  // Code that happens to start with such a word (`here = 1`, `note(x)`) has code punctuation right after it.
  return !/^[\w$]+\s*[=(.[]/.test(t);
}

/** `final` false: the answer is still streaming, so a growing last line may still turn into a fence. */
export function cleanAnswer(raw: string, final: boolean): CleanAnswer {
  const text = raw.replace(/\r\n?/g, '\n').replace(THINK, '').replace(CURSOR_MARK, '');
  const fenceAt = text.search(/^ {0,3}(?:```|~~~)/m);
  if (fenceAt >= 0 && text.slice(0, fenceAt).split('\n').every((l) => l.trim() === '' || isProse(l))) {
    const block = parseCodeBlocks(text.slice(fenceAt), final)[0];
    if (block) return { code: block.code, closed: block.closed };
  }
  const lines = text.split('\n');
  while (lines.length > 0 && (isProse(lines[0]) || (lines[0].trim() === '' && lines.length > 1 && isProse(lines[1])))) lines.shift();
  return dropTrailingProse(lines);
}

/** An explanation after the code starts with a blank line and a prose sentence; everything from there goes. */
function dropTrailingProse(lines: string[]): CleanAnswer {
  for (let i = 1; i < lines.length; i++) {
    if (lines[i - 1].trim() === '' && isProse(lines[i])) {
      return { code: lines.slice(0, i - 1).join('\n'), closed: true };
    }
  }
  return { code: lines.join('\n'), closed: false };
}
