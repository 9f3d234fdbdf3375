import * as vscode from 'vscode';
import type { AgentFs, EntryType } from '../../chat/agent/agentFs';

function entryType(type: vscode.FileType): EntryType {
  if (type & vscode.FileType.Directory) return 'directory';
  return type & vscode.FileType.File ? 'file' : 'other';
}

/** AgentFs on `vscode.workspace.fs`, so the agent works in remote and virtual workspaces too. */
export const vscodeAgentFs: AgentFs = {
  async stat(abs) {
    try {
      const s = await vscode.workspace.fs.stat(vscode.Uri.file(abs));
      return { type: entryType(s.type), size: s.size };
    } catch {
      return undefined;
    }
  },
  readFile: async (abs) => vscode.workspace.fs.readFile(vscode.Uri.file(abs)),
  // writeFile creates missing parent folders itself.
  writeFile: async (abs, data) => vscode.workspace.fs.writeFile(vscode.Uri.file(abs), data),
  async readDirectory(abs) {
    const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.file(abs));
    return entries.map(([name, type]): [string, EntryType] => [name, entryType(type)]);
  },
  delete: async (abs) => vscode.workspace.fs.delete(vscode.Uri.file(abs), { useTrash: false }),
};
