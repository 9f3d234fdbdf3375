// What agent mode adds to the system prompt: how to work with the tools, and the project's own rules
// (`AGENTS.md` and `.glm/rules/*.md` at a workspace root), which the chat shows as a chip on the turn.

import type { AgentFs } from './agentFs';
import type { WorkspaceRoot } from './pathGuard';
import { truncateMiddle } from './textLimits';

export const AGENT_INSTRUCTIONS = [
  'You are in agent mode: you can read, search, edit and run commands in the user\'s workspace through the tools.',
  'Work in small steps: find the relevant code (search_text, find_files), read it (read_file), then change it with',
  'edit_file using exact search/replace blocks copied from what you read. Check your work (get_problems, or',
  'run_command for the tests) before you answer. Paths are relative to the workspace root. When a tool returns an',
  'error, read it and correct the call instead of repeating it. When the user denies a call, respect the reason.',
  'Finish with a short summary of what you changed and why.',
].join(' ');

export interface RulesFile {
  /** Workspace-relative path, shown on the chip. */
  path: string;
  text: string;
}

/** Rules text beyond this is cut: rules are instructions, not a knowledge base. */
const MAX_RULES_CHARS = 24_000;

export async function loadRules(fs: AgentFs, roots: readonly WorkspaceRoot[]): Promise<RulesFile[]> {
  const out: RulesFile[] = [];
  for (const root of roots) {
    const prefix = roots.length > 1 ? `${root.name}/` : '';
    const sep = root.path.includes('\\') && !root.path.includes('/') ? '\\' : '/';
    const candidates = ['AGENTS.md'];
    const rulesDir = `${root.path}${sep}.glm${sep}rules`;
    if ((await fs.stat(rulesDir))?.type === 'directory') {
      const names = (await fs.readDirectory(rulesDir)).filter(([n, t]) => t === 'file' && n.toLowerCase().endsWith('.md')).map(([n]) => n);
      candidates.push(...names.sort().map((n) => `.glm/rules/${n}`));
    }
    for (const rel of candidates) {
      const abs = `${root.path}${sep}${rel.split('/').join(sep)}`;
      if ((await fs.stat(abs))?.type !== 'file') continue;
      const text = new TextDecoder().decode(await fs.readFile(abs)).trim();
      if (text) out.push({ path: `${prefix}${rel}`, text });
    }
  }
  return out;
}

export function agentSystemPrompt(base: string, rules: readonly RulesFile[]): string {
  const parts = [base, AGENT_INSTRUCTIONS];
  if (rules.length > 0) {
    const body = rules.map((r) => `### ${r.path}\n${r.text}`).join('\n\n');
    parts.push(`Project rules (follow them):\n\n${truncateMiddle(body, MAX_RULES_CHARS)}`);
  }
  return parts.join('\n\n');
}
