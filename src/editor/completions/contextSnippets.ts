// Snippets of the other open editors that look like the code at the cursor (the "neighbouring tabs" idea):
// each document is cut into overlapping windows of lines, scored by the identifiers they share with the
// lines before the cursor (Jaccard), and the best window of each document competes for the prompt.
import type { Snippet } from './completionPrompt';

export interface OpenDocument {
  path: string;
  text: string;
}

const WINDOW_LINES = 16;
const STEP = 8;
/** A very large document is only scanned this far: the cost stays bounded whatever is open. */
const MAX_SCAN_CHARS = 200_000;
const MAX_SNIPPETS = 3;
const MIN_SCORE = 0.05;

const IDENTIFIER = /[A-Za-z_$][\w$]{2,}/g;

export function identifiers(text: string): Set<string> {
  return new Set(text.match(IDENTIFIER) ?? []);
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

/** The most similar window of each document, best first, at most three, none below a small score. */
export function pickSnippets(cursorContext: string, documents: OpenDocument[]): Snippet[] {
  const target = identifiers(cursorContext.split('\n').slice(-WINDOW_LINES).join('\n'));
  if (target.size === 0) return [];
  const scored: Array<Snippet & { score: number }> = [];
  for (const doc of documents) {
    const lines = doc.text.slice(0, MAX_SCAN_CHARS).split('\n');
    let best = { score: 0, start: 0 };
    for (let start = 0; start < lines.length; start += STEP) {
      const score = jaccard(target, identifiers(lines.slice(start, start + WINDOW_LINES).join('\n')));
      if (score > best.score) best = { score, start };
      if (start + WINDOW_LINES >= lines.length) break;
    }
    if (best.score >= MIN_SCORE) {
      scored.push({ path: doc.path, text: lines.slice(best.start, best.start + WINDOW_LINES).join('\n'), score: best.score });
    }
  }
  return scored.sort((a, b) => b.score - a.score).slice(0, MAX_SNIPPETS).map(({ path, text }) => ({ path, text }));
}
