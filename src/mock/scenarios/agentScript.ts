// The `agent` scenario's memory: what the session so far (the messages since the last user message) says
// about which steps ran, what they returned and whether a fault call was already made.
import { contentText } from '../directive';

export interface ToolExchange {
  name: string;
  args: string;
  result: string;
}

/** Tool calls since the last user message with their results, oldest first. */
export function exchangesSoFar(messages: any[]): ToolExchange[] {
  let start = messages.length;
  while (start > 0 && messages[start - 1]?.role !== 'user') start--;
  const results = new Map<string, string>();
  for (const m of messages.slice(start)) if (m?.role === 'tool') results.set(String(m.tool_call_id), contentText(m.content));
  const out: ToolExchange[] = [];
  for (const m of messages.slice(start)) {
    if (m?.role !== 'assistant' || !Array.isArray(m.tool_calls)) continue;
    for (const c of m.tool_calls) {
      out.push({ name: String(c?.function?.name ?? ''), args: String(c?.function?.arguments ?? ''), result: results.get(String(c?.id)) ?? '' });
    }
  }
  return out;
}

/** `src/a.ts:12: text` -> `src/a.ts` from a search_text result. */
export function firstHitPath(searchResult: string): string | undefined {
  return /^(.+?):\d+: /m.exec(searchResult)?.[1];
}

/** The first line of a read_file result (after its "lines a-b of n" header) that contains `needle`. */
export function lineWith(readResult: string, needle: string): string | undefined {
  return readResult.split('\n').slice(1).find((l) => l.includes(needle));
}

export const isToolError = (result: string): boolean => result.startsWith('Error:') || result.startsWith('The user denied');
