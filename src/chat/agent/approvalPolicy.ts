// Which tool calls run without asking. Reads inside the workspace run by default; edits, writes and commands
// ask unless the user allowed them: per kind (`glm.agent.autoApprove`), per tool for this workspace
// ("Always allow", remembered in `glm.agent.alwaysAllowedTools`), or per command by an allowlist of prefixes.

import type { AgentToolName, ToolKind } from './agentTools';

export interface AutoApprove {
  reads: boolean;
  edits: boolean;
  /** Command prefixes that run without asking, e.g. "npm test", "git status". */
  commands: readonly string[];
}

export const DEFAULT_AUTO_APPROVE: AutoApprove = { reads: true, edits: false, commands: [] };

export interface ApprovalSubject {
  tool: AgentToolName;
  kind: ToolKind;
  command?: string;
}

/** Shell syntax that chains or redirects: an allowlisted prefix must not smuggle a second command in. */
const CHAINING = /[;&|`<>\n]|\$\(/;

export function needsApproval(subject: ApprovalSubject, auto: AutoApprove, alwaysAllowed: readonly string[]): boolean {
  if (alwaysAllowed.includes(subject.tool)) return false;
  switch (subject.kind) {
    case 'read':
      return !auto.reads;
    case 'edit':
      return !auto.edits;
    case 'command':
      return !(subject.command !== undefined && commandAllowed(subject.command, auto.commands));
  }
}

export function commandAllowed(command: string, allowlist: readonly string[]): boolean {
  const cmd = command.trim().replace(/\s+/g, ' ');
  if (CHAINING.test(cmd)) return false;
  return allowlist.some((entry) => {
    const prefix = entry.trim().replace(/\s+/g, ' ');
    return prefix !== '' && (cmd === prefix || cmd.startsWith(`${prefix} `));
  });
}

/** Reads the setting leniently: a missing or mistyped field keeps its default. */
export function autoApproveFrom(value: unknown): AutoApprove {
  const v = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  return {
    reads: typeof v.reads === 'boolean' ? v.reads : DEFAULT_AUTO_APPROVE.reads,
    edits: typeof v.edits === 'boolean' ? v.edits : DEFAULT_AUTO_APPROVE.edits,
    commands: Array.isArray(v.commands) ? v.commands.filter((c): c is string => typeof c === 'string') : [],
  };
}
