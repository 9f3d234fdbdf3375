// Scenarios about size and bytes: `long-answer`, `huge-event`, and the content used by `framing`.
import { buildAnswer } from '../answers';
import type { ScenarioSpec } from '../directive';
import { promptTokensOf, type ResponsePlan } from '../plan';
import { newToolCallId } from '../wire';
import type { ChatBody } from './content';

/** Multi-byte text (CJK, emoji) appended for `framing mode=split-utf8`, so events have characters to split. */
export const UTF8_TAIL = '\n\n补充说明：这段代码已经测试过 ✅ 🚀 — naïve café déjà vu.';

/** A short answer for `framing mode=bytewise` (one write per byte). */
export const BYTEWISE_ANSWER = 'Hello! 👋 你好。How can I help?';

/** A markdown answer of at least `bytes` bytes: sections cycling through languages. */
export function longAnswer(q: string, bytes: number): string {
  const langs = ['TypeScript', 'Python', 'Go', 'Rust', 'Java'];
  const parts: string[] = [];
  let size = 0;
  for (let k = 0; size < bytes; k++) {
    const section = buildAnswer(`Part ${k + 1}: ${q || 'an example'} in ${langs[k % langs.length]}`)
      .replace(/^## /, `## ${k + 1}. `);
    parts.push(section);
    size += Buffer.byteLength(section) + 2;
  }
  return parts.join('\n\n');
}

/** A text block of `bytes` bytes (numbered lines), for one huge event. */
export function hugeText(bytes: number): string {
  const line = (i: number): string => `${String(i).padStart(6, '0')} lorem ipsum dolor sit amet, consectetur adipiscing\n`;
  const out: string[] = [];
  let size = 0;
  for (let i = 1; size < bytes; i++) {
    const l = line(i);
    out.push(l);
    size += l.length;
  }
  return out.join('').slice(0, bytes);
}

export function bulkPlan(spec: ScenarioSpec, body: ChatBody, q: string): ResponsePlan {
  const p = spec.params;
  const n = body.n ?? 1;
  const promptTokens = promptTokensOf(body);
  const each = <T>(make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i));
  if (spec.name === 'long-answer') {
    const text = longAnswer(q, Number(p.bytes ?? 51200));
    return { promptTokens, choices: each(() => ({ content: text, finishReason: 'stop' })) };
  }
  if (spec.name === 'huge-event') {
    const huge = hugeText(Number(p.bytes ?? 1048576));
    if (p.kind === 'tool') {
      const name = body.tools?.[0]?.function?.name ?? 'write_file';
      const args = JSON.stringify({ path: 'data.txt', content: huge });
      return { promptTokens, choices: each(() => ({ content: '', toolCalls: [{ id: newToolCallId(), name, arguments: args }], finishReason: 'tool_calls' })) };
    }
    const deltas = ['Here is the data you asked for:\n\n```text\n', huge, '\n```\n\nThat is everything.'];
    return { promptTokens, choices: each(() => ({ content: deltas.join(''), contentDeltas: deltas, finishReason: 'stop' })) };
  }
  // framing: an ordinary answer, with multi-byte text where the mode is about bytes
  const mode = p.mode ?? 'plain';
  return {
    promptTokens,
    choices: each((i) => ({
      content: mode === 'bytewise' ? BYTEWISE_ANSWER : buildAnswer(q, i) + (mode === 'split-utf8' ? UTF8_TAIL : ''),
      finishReason: 'stop',
    })),
  };
}
