// `pathological`: markdown that breaks naive renderers (deep nesting, huge tables, megabyte lines,
// unclosed fences, backtick runs), to check that the chat stays usable whatever a model sends.
import type { ScenarioSpec } from '../directive';

export const PATHOLOGICAL_KINDS = ['list', 'quote', 'html', 'table', 'line', 'fence', 'backticks', 'all'] as const;

/** The answer for `pathological kind=K n=N`; `n` scales the size (levels, rows, characters). */
export function pathologicalAnswer(spec: ScenarioSpec): string {
  const kind = spec.params.kind ?? 'all';
  const n = Number(spec.params.n ?? 10_000);
  const parts: Record<Exclude<(typeof PATHOLOGICAL_KINDS)[number], 'all'>, () => string> = {
    list: () => `${'- '.repeat(n)}deep\n`,
    quote: () => `${'>'.repeat(n)} quoted\n`,
    html: () => `${'<div>\n'.repeat(Math.min(n, 5000))}inside\n${'</div>\n'.repeat(Math.min(n, 5000))}`,
    table: () => `| a | b | c |\n|---|---|---|\n${'| 1 | two | three |\n'.repeat(n)}`,
    line: () => `${'word '.repeat(n * 20)}\n`,
    fence: () => `\`\`\`js\n${'const a = 1;\n'.repeat(n)}`,
    backticks: () => `${'`'.repeat(n)} not code\n`,
  };
  const intro = 'Here is the output you asked for.\n\n';
  if (kind !== 'all' && kind in parts) return intro + parts[kind as keyof typeof parts]();
  return intro + Object.values(parts).map((make) => make()).join('\n\nNext part:\n\n');
}
