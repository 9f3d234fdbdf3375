// Prompt building for the editor commands. The code the model must rewrite always comes as the FIRST
// fenced block of the user message (the mock's `code` scenario and our fence picking rely on it); the
// surrounding code follows, trimmed to a character budget, and the prompt says when it was trimmed.
import type { ChatMessage } from '../glm/types';

export type RefactorPreset = 'simplify' | 'addTypes' | 'extractFunction' | 'improveNames';

export const REFACTOR_PRESETS: Record<RefactorPreset, string> = {
  simplify: 'Simplify this code: remove needless complexity and duplication while keeping its behaviour.',
  addTypes: 'Add precise type annotations (or type hints) where the language supports them, without changing behaviour.',
  extractFunction: 'Extract the core logic into a well-named function (or functions) and call it from here.',
  improveNames: 'Improve the names of variables, functions and parameters so the code reads clearly. Keep public APIs unless clearly local.',
};

/** The code a command works on, read from the editor by the host. */
export interface CodeContext {
  fileName: string;
  languageId: string;
  /** The selection, function or file the command is about (may be empty for generation at the cursor). */
  code: string;
  /** Text just before `code` (or before the cursor). */
  before?: string;
  /** Text just after `code` (or after the cursor). */
  after?: string;
  /** 1-based first line of `code`, for the model's orientation. */
  startLine?: number;
}

export interface DiagnosticInfo {
  message: string;
  source?: string;
  code?: string;
  /** 1-based line of the problem. */
  line: number;
  severity?: 'error' | 'warning' | 'information' | 'hint';
}

export type CodeTask =
  | { kind: 'refactor'; preset?: RefactorPreset; instruction?: string }
  | { kind: 'generate'; instruction: string }
  | { kind: 'fix'; diagnostic: DiagnosticInfo }
  | { kind: 'tests'; instruction?: string }
  | { kind: 'docComments'; instruction?: string };

export interface PromptOptions {
  /** The user's own system prompt (settings), added after ours. */
  systemPrompt?: string;
  /** Characters allowed for the whole user message; context around the code is trimmed first. */
  budgetChars?: number;
}

export const DEFAULT_BUDGET_CHARS = 48_000;
const MIN_CONTEXT_CHARS = 200;
/** Room for the labels, fences and "lines omitted" notes around the two context blocks. */
const CONTEXT_OVERHEAD = 240;

/** Raised when the code to rewrite alone does not fit the budget: cutting it would lose the user's code. */
export class PromptTooLargeError extends Error {
  constructor(readonly chars: number, readonly budget: number) {
    super(`The code is too large for one request (${chars} characters, budget ${budget}).`);
    this.name = 'PromptTooLargeError';
  }
}

const CODE_RULES =
  'You edit code inside the editor of VS Code. Answer with exactly one fenced code block and nothing else: ' +
  'no explanation before or after it. Keep the language, style and indentation of the surrounding code.';

/** Messages for a task whose answer is code that the host puts into the document. */
export function buildCodeMessages(task: CodeTask, ctx: CodeContext, opts: PromptOptions = {}): ChatMessage[] {
  const system = opts.systemPrompt?.trim() ? `${CODE_RULES}\n\n${opts.systemPrompt.trim()}` : CODE_RULES;
  return [
    { role: 'system', content: system },
    { role: 'user', content: buildUserMessage(task, ctx, opts.budgetChars ?? DEFAULT_BUDGET_CHARS) },
  ];
}

function buildUserMessage(task: CodeTask, ctx: CodeContext, budget: number): string {
  const lang = fenceLang(ctx.languageId);
  const where = `File: ${ctx.fileName} (language: ${ctx.languageId})`;
  const lineNote = ctx.startLine ? ` It starts at line ${ctx.startLine}.` : '';
  const head: string[] = [where];
  let codeLabel: string;
  let ask: string;
  switch (task.kind) {
    case 'refactor': {
      const what = [task.preset ? REFACTOR_PRESETS[task.preset] : '', task.instruction?.trim() ?? '']
        .filter(Boolean)
        .join('\n');
      codeLabel = `Code to refactor:${lineNote}`;
      ask = `Task: ${what || REFACTOR_PRESETS.simplify}\nAnswer with the complete rewritten code that replaces the code above.`;
      break;
    }
    case 'generate':
      if (ctx.code) {
        codeLabel = `Selected code, to be replaced by your answer:${lineNote}`;
        ask = `Instruction: ${task.instruction.trim()}\nAnswer with only the code that replaces the selection.`;
      } else {
        codeLabel = 'Code before the cursor:';
        ask =
          `Instruction: ${task.instruction.trim()}\n` +
          'Answer with only the new code to insert at the cursor, between the code before and after it. Do not repeat the surrounding code.';
      }
      break;
    case 'fix': {
      const d = task.diagnostic;
      const origin = [d.source, d.code].filter(Boolean).join(' ');
      head.push(`Problem (${d.severity ?? 'error'}${origin ? `, ${origin}` : ''}) at line ${d.line}: ${d.message}`);
      codeLabel = `Code with the problem:${lineNote}`;
      ask = 'Fix the problem. Answer with the complete corrected code that replaces the code above; change nothing else.';
      break;
    }
    case 'tests':
      codeLabel = `Code to test:${lineNote}`;
      ask =
        'Write unit tests for this code with the test framework the file or project most likely uses. ' +
        'Answer with only the test code.' + extra(task.instruction);
      break;
    case 'docComments':
      codeLabel = `Code to document:${lineNote}`;
      ask =
        'Add documentation comments in the idiomatic style of the language (JSDoc, docstrings, ...) to the ' +
        'functions, classes and non-obvious parts. Do not change the code itself. Answer with the complete ' +
        'code including the comments.' + extra(task.instruction);
      break;
  }

  const target = task.kind === 'generate' && !ctx.code ? (ctx.before ?? '') : ctx.code;
  const fixedParts = [head.join('\n'), codeLabel, fence(target, lang), ask];
  const fixedChars = fixedParts.reduce((n, p) => n + p.length + 2, 0);

  if (task.kind === 'generate' && !ctx.code) {
    // The code before the cursor is the "target" here, but it is context too: keep its end, the cursor side.
    const room = Math.max(budget - (fixedChars - target.length) - CONTEXT_OVERHEAD, MIN_CONTEXT_CHARS);
    const split = splitBudget(room, ctx.before ?? '', ctx.after ?? '');
    const before = keepEnd(ctx.before ?? '', split.before);
    const after = keepStart(ctx.after ?? '', split.after);
    const parts = [head.join('\n'), codeLabel + before.note, fence(before.text, lang)];
    parts.push(after.text ? `Code after the cursor:${after.note}\n${fence(after.text, lang)}` : 'Nothing follows the cursor.');
    parts.push(ask);
    return parts.join('\n\n');
  }

  if (fixedChars > budget) throw new PromptTooLargeError(target.length, budget);
  const split = splitBudget(budget - fixedChars - CONTEXT_OVERHEAD, ctx.before ?? '', ctx.after ?? '');
  const before = keepEnd(ctx.before ?? '', split.before);
  const after = keepStart(ctx.after ?? '', split.after);
  const parts = [...fixedParts.slice(0, 3)];
  if (before.text) parts.push(`For context, the code just before it:${before.note}\n${fence(before.text, lang)}`);
  if (after.text) parts.push(`For context, the code just after it:${after.note}\n${fence(after.text, lang)}`);
  parts.push(ask);
  return parts.join('\n\n');
}

/** The user message for "explain": it goes to the chat, which adds its own system prompt. */
export function buildExplainPrompt(
  ctx: CodeContext,
  target: 'selection' | 'function' | 'file',
  budgetChars = DEFAULT_BUDGET_CHARS,
): string {
  const lang = fenceLang(ctx.languageId);
  const what = target === 'selection' ? 'the selected code' : target === 'function' ? 'this function' : 'this file';
  const lines = ctx.startLine ? ` (from line ${ctx.startLine})` : '';
  const ask =
    `Explain ${what} from ${ctx.fileName}${lines}: what it does, how, and anything surprising or risky. ` +
    'Be concise; use the surrounding code only as context.';
  // Explaining a cut piece still helps, so the code itself may be trimmed here (the prompt says so).
  const code = keepStart(ctx.code, Math.max(budgetChars - ask.length - 200, MIN_CONTEXT_CHARS));
  const room = Math.max(budgetChars - ask.length - code.text.length - 200, 0);
  const split = splitBudget(room, ctx.before ?? '', ctx.after ?? '');
  const before = keepEnd(ctx.before ?? '', split.before);
  const after = keepStart(ctx.after ?? '', split.after);
  const parts = [ask, `Language: ${ctx.languageId}${code.note}\n${fence(code.text, lang)}`];
  if (before.text) parts.push(`Code just before it:${before.note}\n${fence(before.text, lang)}`);
  if (after.text) parts.push(`Code just after it:${after.note}\n${fence(after.text, lang)}`);
  return parts.join('\n\n');
}

function extra(instruction: string | undefined): string {
  return instruction?.trim() ? `\nAlso: ${instruction.trim()}` : '';
}

/** A fence longer than any backtick run inside the code, so code containing fences survives. */
export function fence(code: string, lang: string): string {
  const longest = Math.max(2, ...Array.from(code.matchAll(/`+/g), (m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${lang}\n${code.replace(/\n$/, '')}\n${ticks}`;
}

function fenceLang(languageId: string): string {
  return /^[\w+#.-]+$/.test(languageId) && languageId !== 'plaintext' ? languageId : '';
}

/** Shares `room` between the code before (60%) and after (40%), giving either side what the other leaves. */
export function splitBudget(room: number, before: string, after: string): { before: number; after: number } {
  const r = Math.max(room, 0);
  let b = Math.floor(r * 0.6);
  let a = r - b;
  if (before.length < b) {
    a += b - before.length;
    b = before.length;
  } else if (after.length < a) {
    b += a - after.length;
    a = after.length;
  }
  return { before: b, after: a };
}

/** The end of `text` within `max` chars, cut at a line start; `note` says how many lines were left out. */
export function keepEnd(text: string, max: number): { text: string; note: string } {
  if (text.length <= max) return { text, note: '' };
  let cut = text.length - max;
  const nl = text.indexOf('\n', cut - 1);
  cut = nl === -1 ? text.length : nl + 1;
  const omitted = countLines(text.slice(0, cut));
  return { text: text.slice(cut), note: ` (${omitted} earlier lines omitted to fit the request)` };
}

/** The start of `text` within `max` chars, cut at a line end; `note` says how many lines were left out. */
export function keepStart(text: string, max: number): { text: string; note: string } {
  if (text.length <= max) return { text, note: '' };
  const nl = text.lastIndexOf('\n', max);
  const cut = nl === -1 ? 0 : nl;
  const omitted = countLines(text.slice(cut + (nl === -1 ? 0 : 1)));
  return { text: text.slice(0, cut), note: ` (${omitted} later lines omitted to fit the request)` };
}

function countLines(text: string): number {
  if (!text) return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}
