// The prompt of one completion: a window of whole lines around the cursor, sized in tokens (not lines,
// since a line of minified code costs a hundred lines of braces), the file's path and language, and a few
// snippets of the other open editors. Cost per keystroke is the window, never the whole document.
import type { ChatMessage } from '../../glm/types';
import type { CompletionMode } from './completionMode';

export interface TextEstimator {
  estimateText(text: string): number;
}

export interface CompletionDocument {
  /** Workspace-relative path (or the untitled name) the model sees. */
  path: string;
  languageId: string;
  /** Text before and after the cursor: the whole document or a generous window of lines around the cursor. */
  prefix: string;
  suffix: string;
}

export interface Snippet {
  path: string;
  text: string;
}

export interface PromptBudget {
  prefixTokens: number;
  suffixTokens: number;
  snippetTokens: number;
}

export const DEFAULT_BUDGET: PromptBudget = { prefixTokens: 1500, suffixTokens: 500, snippetTokens: 600 };

export interface PromptWindow {
  prefix: string;
  suffix: string;
}

/** Marks the cursor in the file the model sees; the mock server looks for it too. */
export const CURSOR = '<|CURSOR|>';

/** Whole lines before the cursor (plus the cursor line's start) and after it, each within its budget. */
export function promptWindow(doc: CompletionDocument, budget: PromptBudget, estimator: TextEstimator): PromptWindow {
  return {
    prefix: takeLines(doc.prefix, budget.prefixTokens, estimator, 'end'),
    suffix: takeLines(doc.suffix, budget.suffixTokens, estimator, 'start'),
  };
}

/** Lines from one end of `text`, walking line by line so a huge document costs only what is kept. */
function takeLines(text: string, budget: number, estimator: TextEstimator, from: 'start' | 'end'): string {
  let used = 0;
  let cut = from === 'end' ? text.length : 0;
  // The cursor line's own part always goes in, even over budget.
  let first = true;
  while (from === 'end' ? cut > 0 : cut < text.length) {
    const next = from === 'end' ? text.lastIndexOf('\n', cut - 2) + 1 : nextLineEnd(text, cut);
    const line = from === 'end' ? text.slice(next, cut) : text.slice(cut, next);
    const cost = estimator.estimateText(line);
    if (!first && used + cost > budget) break;
    used += cost;
    cut = next;
    first = false;
  }
  return from === 'end' ? text.slice(cut) : text.slice(0, cut);
}

function nextLineEnd(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl + 1;
}

/** Snippets in order of relevance, as many as fit the budget (a snippet is cut to whole lines if needed). */
export function fitSnippets(snippets: Snippet[], budget: number, estimator: TextEstimator): Snippet[] {
  const out: Snippet[] = [];
  let left = budget;
  for (const s of snippets) {
    const text = takeLines(s.text, left, estimator, 'start');
    const cost = estimator.estimateText(text);
    if (cost > left || text.trim() === '') break;
    out.push({ path: s.path, text });
    left -= cost;
  }
  return out;
}

const SYSTEM = [
  'You are a code completion engine inside a code editor.',
  `The user shows a file with the cursor marked ${CURSOR}. Answer with ONLY the code to insert at the cursor:`,
  'no explanations, no markdown fences, no repetition of the code before or after the cursor.',
  'Keep the indentation of the surrounding code. Answer with nothing if nothing should be inserted.',
].join(' ');

export function completionMessages(doc: CompletionDocument, window: PromptWindow, snippets: Snippet[], mode: CompletionMode): ChatMessage[] {
  const parts: string[] = [];
  for (const s of snippets) parts.push(`<snippet path="${s.path}">\n${s.text.replace(/\n$/, '')}\n</snippet>`);
  const scope = mode === 'line' ? 'Complete the current line only.' : 'Complete the current statement or block (a few lines at most).';
  parts.push(`<file path="${doc.path}" language="${doc.languageId}">\n${window.prefix}${CURSOR}${window.suffix}\n</file>`);
  parts.push(scope);
  return [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: parts.join('\n\n') },
  ];
}
