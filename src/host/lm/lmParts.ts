// vscode.lm message parts -> the neutral parts the pure conversion takes (src/glm/lmConversation.ts).
import * as vscode from 'vscode';
import type { NeutralMessage, NeutralPart } from '../../glm/lmConversation';

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);

export function neutralMessages(messages: readonly vscode.LanguageModelChatRequestMessage[]): NeutralMessage[] {
  return messages.map((m) => ({ role: roleOf(m.role), parts: m.content.flatMap(neutralPart) }));
}

function roleOf(role: vscode.LanguageModelChatMessageRole): NeutralMessage['role'] {
  // The System role exists at runtime (3) although older typings lack it.
  if (role === vscode.LanguageModelChatMessageRole.Assistant) return 'assistant';
  return (role as number) === 3 ? 'system' : 'user';
}

function neutralPart(part: unknown): NeutralPart[] {
  if (part instanceof vscode.LanguageModelTextPart) return [{ kind: 'text', text: part.value }];
  if (part instanceof vscode.LanguageModelToolCallPart) return [{ kind: 'toolCall', callId: part.callId, name: part.name, input: part.input }];
  if (part instanceof vscode.LanguageModelToolResultPart) {
    return [{ kind: 'toolResult', callId: part.callId, text: part.content.map(resultText).join('') }];
  }
  if (part instanceof vscode.LanguageModelDataPart && IMAGE_TYPES.has(part.mimeType)) {
    return [{ kind: 'image', mimeType: part.mimeType, base64: Buffer.from(part.data).toString('base64') }];
  }
  return [];
}

function resultText(item: unknown): string {
  if (item instanceof vscode.LanguageModelTextPart) return item.value;
  if (item instanceof vscode.LanguageModelDataPart && /^(text\/|application\/json)/.test(item.mimeType)) {
    return new TextDecoder().decode(item.data);
  }
  return typeof item === 'string' ? item : '';
}

/** The text of a message or string, for token counting. */
export function countableText(text: string | vscode.LanguageModelChatRequestMessage): string {
  if (typeof text === 'string') return text;
  return text.content.map((p) => {
    if (p instanceof vscode.LanguageModelTextPart) return p.value;
    if (p instanceof vscode.LanguageModelToolCallPart) return p.name + JSON.stringify(p.input);
    if (p instanceof vscode.LanguageModelToolResultPart) return p.content.map(resultText).join('');
    return '';
  }).join('');
}
