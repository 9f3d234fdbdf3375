// Messages of VS Code's Language Model API (as neutral parts, so no `vscode` here) -> GLM chat messages.
// VS Code puts tool calls in assistant messages and tool results in user messages; the GLM wire wants
// `tool_calls` on the assistant message and one `role: tool` message per result, right after it.

import type { ContentPart } from './contentParts';
import type { ChatMessage, ToolCall } from './types';

export type NeutralPart =
  | { kind: 'text'; text: string }
  | { kind: 'toolCall'; callId: string; name: string; input: unknown }
  | { kind: 'toolResult'; callId: string; text: string }
  | { kind: 'image'; mimeType: string; base64: string };

export interface NeutralMessage {
  role: 'user' | 'assistant' | 'system';
  parts: NeutralPart[];
}

export function toChatMessages(messages: readonly NeutralMessage[]): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const m of messages) {
    const text = m.parts.flatMap((p) => (p.kind === 'text' ? [p.text] : [])).join('');
    if (m.role === 'system') {
      out.push({ role: 'system', content: text });
    } else if (m.role === 'assistant') {
      const calls: ToolCall[] = m.parts.flatMap((p) => (p.kind === 'toolCall'
        ? [{ id: p.callId, type: 'function' as const, function: { name: p.name, arguments: JSON.stringify(p.input ?? {}) } }]
        : []));
      out.push(calls.length ? { role: 'assistant', content: text || null, tool_calls: calls } : { role: 'assistant', content: text });
    } else {
      for (const p of m.parts) if (p.kind === 'toolResult') out.push({ role: 'tool', content: p.text, tool_call_id: p.callId });
      const images = m.parts.flatMap((p) => (p.kind === 'image' ? [p] : []));
      if (images.length) {
        const parts: ContentPart[] = text ? [{ type: 'text', text }] : [];
        for (const img of images) parts.push({ type: 'image_url', image_url: { url: `data:${img.mimeType};base64,${img.base64}` } });
        out.push({ role: 'user', content: parts });
      } else if (text || !m.parts.some((p) => p.kind === 'toolResult')) {
        out.push({ role: 'user', content: text });
      }
    }
  }
  return out;
}
