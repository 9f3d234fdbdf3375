import * as vscode from 'vscode';
import type { AgentSettings } from '../../chat/agent/agentTurn';
import { autoApproveFrom } from '../../chat/agent/approvalPolicy';

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** `glm.agent.*`, read on every use so edits to the settings apply to the next tool call. */
export function agentSettings(): AgentSettings {
  const c = vscode.workspace.getConfiguration('glm.agent');
  const rounds = c.get<number>('maxRounds', 25);
  return {
    maxRounds: Number.isFinite(rounds) ? Math.min(200, Math.max(1, Math.floor(rounds))) : 25,
    autoApprove: autoApproveFrom(c.get('autoApprove')),
    alwaysAllowedTools: strings(c.get('alwaysAllowedTools')),
    protectedFiles: strings(c.get('protectedFiles')),
  };
}

/** "Always allow": remembered for this workspace (user settings when no folder is open). */
export async function rememberAlwaysAllowed(tool: string): Promise<void> {
  const c = vscode.workspace.getConfiguration('glm.agent');
  const list = strings(c.get('alwaysAllowedTools'));
  if (list.includes(tool)) return;
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await c.update('alwaysAllowedTools', [...list, tool], target);
}
