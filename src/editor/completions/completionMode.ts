// Line or block: how much a completion at this cursor may insert, and what that means for the request
// (stop sequences, max_tokens). Chosen from the text around the cursor only, so it is cheap per keystroke.

export type CompletionMode = 'line' | 'block';

export interface CursorLine {
  /** The cursor line's text before the cursor. */
  linePrefix: string;
  /** The cursor line's text after the cursor. */
  lineSuffix: string;
}

/** A line ending like this opens a block the model may fill (braces, calls, Python/YAML colons, arrows, Ruby/Lua/shell keywords). */
const OPENS_BLOCK = /(?:[{([:]|=>|->|\b(?:then|do|else|begin))\s*$/;
/** What editors auto-insert after the cursor: closing brackets, quotes, a semicolon or comma. */
const CLOSERS_ONLY = /^[\s)\]}'"`;,>]*$/;

export function completionMode(line: CursorLine): CompletionMode {
  // Code after the cursor: only the rest of this line can be completed.
  if (!CLOSERS_ONLY.test(line.lineSuffix)) return 'line';
  if (line.linePrefix.trim() === '') return 'block';
  return OPENS_BLOCK.test(line.linePrefix) ? 'block' : 'line';
}

/**
 * Stop sequences sent with the request. They must never cut a fenced or prose-wrapped answer short
 * (chat models wrap code in fences despite the instructions), so a plain newline is not one of them:
 * a line completion needs no blank line, a block ends at two. The exact end (first line, end of the
 * block) is found while the answer streams and the connection is closed there (see `completionShape`).
 * Zhipu endpoints take only the first word.
 */
export function stopSequences(mode: CompletionMode): string[] {
  return mode === 'line' ? ['\n\n'] : ['\n\n\n'];
}

/** Room for the answer: a line is short; a block is a handful of lines, with margin for a fence around it. */
export function maxTokensFor(mode: CompletionMode): number {
  return mode === 'line' ? 64 : 256;
}
