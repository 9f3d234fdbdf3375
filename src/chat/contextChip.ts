// Context the user attached to a prompt. The host gathers the content when the chip is added and the
// user turn keeps a snapshot, so regenerate and edit+resend send what the user saw, not today's file.
import type { Localizer } from '../glm/errorAdvice';
import type * as P from '../shared/protocol';
import type { TokenEstimator } from './contextBudget';
import { renderChip } from './promptAssembly';

/** The preview shows the start of what will be sent; the chip's size counts all of it. */
const PREVIEW_CHARS = 2000;

export interface ProblemItem {
  path: string;
  line: number;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  source?: string;
}

export type ContextChip =
  | { kind: 'selection'; id: string; path: string; language: string; startLine: number; endLine: number; text: string }
  | { kind: 'file'; id: string; path: string; language: string; text: string; truncated?: boolean }
  | { kind: 'problems'; id: string; items: ProblemItem[] };

export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

export function chipLabel(chip: ContextChip, l10n: Localizer): string {
  switch (chip.kind) {
    case 'selection':
      return `${baseName(chip.path)}:${chip.startLine}-${chip.endLine}`;
    case 'file':
      return baseName(chip.path);
    case 'problems':
      return l10n.t('Problems ({0})', chip.items.length);
  }
}

/** What the webview shows of a chip: label, size, and the start of exactly what will be sent. */
export function chipView(chip: ContextChip, estimator: TokenEstimator, l10n: Localizer): P.ContextChip {
  const rendered = renderChip(chip);
  return {
    id: chip.id,
    kind: chip.kind,
    label: chipLabel(chip, l10n),
    detail: chip.kind === 'problems' ? undefined : chip.path,
    estTokens: estimator.estimateText(rendered),
    preview: rendered.length > PREVIEW_CHARS ? rendered.slice(0, PREVIEW_CHARS) + '…' : rendered,
  };
}
