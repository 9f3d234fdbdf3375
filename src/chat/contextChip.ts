// Context the user attached to a prompt. The host gathers the content when the chip is added and the
// user turn keeps a snapshot, so regenerate and edit+resend send what the user saw, not today's file.

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
