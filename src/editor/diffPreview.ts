import type { Localizer } from '../glm/errorAdvice';
import { diffLines, splitLines } from './diffHunks';

/** Unified-diff lines for the approval card, bounded: the full diff opens in an editor. */
export function diffPreview(change: { before?: string; after: string }, l10n: Localizer, max = 200): string[] {
  const lines: string[] = [];
  // A new (or empty) file has no lines, not one empty line to remove.
  const before = change.before ? splitLines(change.before) : [];
  for (const h of diffLines(before, splitLines(change.after))) {
    lines.push(`@@ ${h.originalStart + 1},${h.originalLines.length} → ${h.newStart + 1},${h.newLines.length} @@`);
    lines.push(...h.originalLines.map((l) => `-${l}`), ...h.newLines.map((l) => `+${l}`));
    if (lines.length > max) return [...lines.slice(0, max), l10n.t('… {0} more lines', lines.length - max)];
  }
  return lines;
}
