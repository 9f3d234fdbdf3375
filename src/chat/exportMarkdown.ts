// A chat's active branch as a Markdown document. Labels come from the caller (localized by the host).
import { activeBranch, chatUsage, type Chat } from './conversation';
import { baseName, type ContextChip } from './contextChip';

export interface ExportLabels {
  user: string;
  assistant: string;
  thinking: string;
  context: string;
  /** Receives the status of an unfinished answer ('stopped', 'error', 'interrupted'). */
  unfinished: (status: string) => string;
  usage: (prompt: number, completion: number) => string;
  exportedAt: (iso: string) => string;
}

export const ENGLISH_LABELS: ExportLabels = {
  user: 'You',
  assistant: 'GLM',
  thinking: 'Thinking',
  context: 'Attached context',
  unfinished: (status) => `Answer ${status} before it finished.`,
  usage: (prompt, completion) => `Tokens: ${prompt} prompt, ${completion} completion`,
  exportedAt: (iso) => `Exported ${iso}`,
};

function chipLine(chip: ContextChip): string {
  switch (chip.kind) {
    case 'selection':
      return `\`${chip.path}\` lines ${chip.startLine}-${chip.endLine}`;
    case 'file':
      return `\`${chip.path}\``;
    case 'problems':
      return `problems (${chip.items.length}): ${[...new Set(chip.items.map((p) => baseName(p.path)))].join(', ')}`;
  }
}

export function exportMarkdown(chat: Chat, labels: ExportLabels = ENGLISH_LABELS, now = new Date()): string {
  const out: string[] = [`# ${chat.title.replace(/\n/g, ' ')}`, '', `_${labels.exportedAt(now.toISOString())}_`];
  for (const turn of activeBranch(chat)) {
    if (turn.kind === 'user') {
      out.push('', `## ${labels.user}`, '');
      // Images are named, not embedded: the export stays text.
      const attached = [...turn.chips.map(chipLine), ...(turn.images ?? []).map((i) => `image ${i.name} (${i.width}×${i.height})`)];
      if (attached.length > 0) out.push(`${labels.context}: ${attached.join('; ')}`, '');
      out.push(turn.text);
      continue;
    }
    out.push('', `## ${labels.assistant}${turn.model ? ` (${turn.model})` : ''}`, '');
    if (turn.thinking.trim()) {
      // A <details> block keeps the reasoning folded away, as in the panel.
      out.push('<details>', `<summary>${labels.thinking}</summary>`, '', turn.thinking.trim(), '', '</details>', '');
    }
    out.push(turn.text);
    if (turn.status !== 'done' && turn.status !== 'streaming') out.push('', `> ${labels.unfinished(turn.status)}`);
    if (turn.error) out.push('>', `> ${turn.error.message.replace(/\n/g, ' ')}`);
  }
  const usage = chatUsage(chat);
  if (usage.answers > 0) out.push('', '---', '', `_${labels.usage(usage.promptTokens, usage.completionTokens)}_`);
  return out.join('\n') + '\n';
}
