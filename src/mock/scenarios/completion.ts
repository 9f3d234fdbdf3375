// The `completion` scenario: answers an inline-completion prompt (a file with the cursor marked
// `<|CURSOR|>`) the way chat models do, fast and deterministically. What it inserts: `text="..."` (with \n),
// else the continuation from an oracle text the server was started with (benchmarks replaying a file),
// else a fixed call. `variant=` wraps it like real model outputs do: fences, prose, repeats, wrong indentation.
import { contentText } from '../directive';
import { promptTokensOf, type ResponsePlan } from '../plan';
import type { ScenarioSpec } from '../directive';
import type { ChatBody } from './content';

export const COMPLETION_VARIANTS = ['plain', 'fence', 'prose', 'prose-bare', 'repeat', 'suffix', 'indent', 'empty'] as const;

const CURSOR = '<|CURSOR|>';
const DEFAULT_TEXT = 'suggestion()';

interface CursorView {
  prefix: string;
  suffix: string;
  language: string;
}

/** The file around the cursor as the prompt shows it (the last user message). */
export function cursorView(body: ChatBody): CursorView | undefined {
  const user = [...body.messages].reverse().find((m) => m?.role === 'user');
  const text = user ? contentText(user.content) : '';
  const at = text.lastIndexOf(CURSOR);
  if (at < 0) return undefined;
  const open = text.lastIndexOf('<file', at);
  const headerEnd = open < 0 ? 0 : text.indexOf('\n', open) + 1;
  const close = text.indexOf('\n</file>', at);
  const language = /language="([^"]*)"/.exec(text.slice(Math.max(0, open), headerEnd))?.[1] ?? '';
  return { prefix: text.slice(headerEnd, at), suffix: text.slice(at + CURSOR.length, close < 0 ? undefined : close), language };
}

export function completionPlan(spec: ScenarioSpec, body: ChatBody, oracle?: string): ResponsePlan {
  const view = cursorView(body) ?? { prefix: '', suffix: '', language: '' };
  const p = spec.params;
  const given = p.text !== undefined ? unescape(p.text) : undefined;
  const insert = given ?? fromOracle(view, oracle, Number(p.accuracy ?? 1)) ?? DEFAULT_TEXT;
  const content = wrap(insert, view, p.variant ?? 'plain');
  return { choices: Array.from({ length: body.n ?? 1 }, () => ({ content, finishReason: 'stop' })), promptTokens: promptTokensOf(body) };
}

function unescape(text: string): string {
  return text.replace(/\\([nt\\])/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : '\\'));
}

/**
 * What the oracle text has after the cursor: the rest of the line, or on an empty line the lines up to the
 * next blank one. `accuracy` below 1 makes a deterministic share of answers wrong, as a real model's are.
 */
function fromOracle(view: CursorView, oracle: string | undefined, accuracy: number): string | undefined {
  if (!oracle) return undefined;
  const tail = view.prefix.slice(-300);
  const at = tail ? oracle.indexOf(tail) : 0;
  if (at < 0) return undefined;
  if (hash(view.prefix) % 100 >= accuracy * 100) return 'wrongGuess();';
  const from = at + tail.length;
  const lineStart = view.prefix.lastIndexOf('\n') + 1;
  const rest = oracle.slice(from);
  if (view.prefix.slice(lineStart).trim() !== '') return rest.split('\n')[0];
  const block = rest.split(/\n[ \t]*\n/)[0].split('\n').slice(0, 6).join('\n');
  return block;
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = Math.max(0, text.length - 500); i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

function wrap(insert: string, view: CursorView, variant: string): string {
  const fenced = '```' + view.language + '\n' + insert + '\n```';
  const linePrefix = view.prefix.slice(view.prefix.lastIndexOf('\n') + 1);
  const lineSuffix = view.suffix.split('\n')[0];
  switch (variant) {
    case 'fence':
      return fenced;
    case 'prose':
      return `Here is the code to insert at the cursor:\n\n${fenced}\n\nThis completes the statement.`;
    case 'prose-bare':
      return `Sure! Here's the completion:\n${insert}`;
    case 'repeat':
      return linePrefix.trimStart() + insert;
    case 'suffix':
      return insert + lineSuffix;
    case 'indent':
      return insert.split('\n').map((l) => (l ? `        ${l}` : l)).join('\n');
    case 'empty':
      return '';
    default:
      return insert;
  }
}
