// Where a question from an editor command (Explain Selection) goes: the open chat, or a new one.
// A new chat, unless the open chat is idle and its latest question was asked from the same file by such
// a command: then the user is walking through that file, and the earlier answers are the better context.
// An unrelated open chat would bury the answer and send the model a history that has nothing to do with it.
import { activeBranch, type Chat } from './conversation';

export type AskTarget = 'current' | 'new';

export function askTarget(open: Chat | undefined, file: string | undefined, busy: boolean): AskTarget {
  if (!open || busy || !file) return 'new';
  const lastQuestion = activeBranch(open).findLast((t) => t.kind === 'user');
  return lastQuestion?.kind === 'user' && lastQuestion.file === file ? 'current' : 'new';
}
