import * as vscode from 'vscode';
import { PROPOSAL_SCHEME } from './proposalDocuments';

/** The one place that finds and closes proposal diffs. */
export function isDiffOf(tab: vscode.Tab, right: vscode.Uri): boolean {
  return tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === right.toString();
}

export function diffTabs(right: vscode.Uri): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => isDiffOf(t, right));
}

/** The proposal side of the active diff editor, when it shows a proposal. */
export function activeProposalUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputTextDiff && input.modified.scheme === PROPOSAL_SCHEME ? input.modified : undefined;
}

export async function openDiff(left: vscode.Uri, right: vscode.Uri, title: string, preserveFocus = false): Promise<void> {
  await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: false, preserveFocus });
}

export async function closeDiff(right: vscode.Uri): Promise<void> {
  const tabs = diffTabs(right);
  if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
}
