// A chat reaches the webview in pages: the newest turns with the snapshot, older ones when the reader
// scrolls up (or a search hit needs them). A page ends at a turn count or a text size, whichever comes
// first, so neither 5,000 short turns nor a few 2 MB answers make one giant message.
import type { ChatView, TurnView } from '../shared/protocol';

export interface PageLimits {
  turns: number;
  chars: number;
}

export const pageLimits: PageLimits = { turns: 40, chars: 1_000_000 };

/**
 * Where the page that ends before index `before` starts: back at most `limits.turns` turns or until
 * `limits.chars` of text are taken (at least one turn), and further back to include `turnId` when given.
 */
export function pageStart(turns: readonly TurnView[], before: number, limits: PageLimits = pageLimits, turnId?: string): number {
  const end = Math.min(Math.max(0, before), turns.length);
  let start = end;
  let chars = 0;
  while (start > 0 && end - start < limits.turns) {
    chars += sizeOf(turns[start - 1]);
    if (start < end && chars > limits.chars) break;
    start--;
  }
  if (turnId) {
    const target = turns.findIndex((t) => t.id === turnId);
    if (target >= 0 && target < start) start = target;
  }
  return start;
}

/** The snapshot with only its newest page of turns; `olderCount` says how many stay behind. */
export function newestPage(view: ChatView, limits: PageLimits = pageLimits): ChatView {
  const start = pageStart(view.turns, view.turns.length, limits);
  return start === 0 ? view : { ...view, turns: view.turns.slice(start), olderCount: start };
}

/** The page before `before` (clamped to the branch), for `chat/page`. */
export function olderPage(turns: readonly TurnView[], before: number, turnId?: string, limits: PageLimits = pageLimits): { start: number; turns: TurnView[] } {
  const end = Math.min(Math.max(0, before), turns.length);
  const start = pageStart(turns, end, limits, turnId);
  return { start, turns: turns.slice(start, end) };
}

/**
 * What an image weighs in a page, whether or not its data URL is filled in yet (the host picks the page before
 * it reads the images): a downscaled screenshot's data URL is a few hundred kilobytes.
 */
const IMAGE_CHARS = 250_000;

function sizeOf(turn: TurnView): number {
  return turn.text.length + (turn.role === 'assistant' ? (turn.reasoning?.length ?? 0) : (turn.images?.length ?? 0) * IMAGE_CHARS);
}
