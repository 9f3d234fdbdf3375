// A code action from the webview (copy, insert, apply, new file) names its code by value. The host acts
// only when that text came from an answer it streamed itself, so a compromised webview cannot make it
// write arbitrary text into the user's editor.
import type { Chat } from './conversation';

/** Ignores what a renderer may change: indentation of nested blocks, quote markers, trailing spaces. */
function normalize(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/^[\s>]*/, '').trimEnd())
    .join('\n')
    .trim();
}

export function isFromAnswers(chats: Iterable<Chat>, code: string): boolean {
  const wanted = normalize(code);
  if (wanted === '') return false;
  for (const chat of chats) {
    for (const turn of chat.turns.values()) {
      if (turn.kind === 'answer' && turn.text.length >= wanted.length && normalize(turn.text).includes(wanted)) return true;
    }
  }
  return false;
}
