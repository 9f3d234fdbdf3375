import * as vscode from 'vscode';
import type { ProposalSummary } from '../../editor/editProposal';
import type { FileProposal } from './fileProposal';

/** The diff's title: the file, and the lines whose only change is whitespace (the diff view may hide them). */
export function diffTitle(file: FileProposal): string {
  const title = vscode.l10n.t('{0} ↔ GLM proposal', file.name);
  const summary = file.summary;
  if (!summary?.reindented) return title;
  return summary.reindented === 1
    ? vscode.l10n.t('{0} (1 line re-indented)', title)
    : vscode.l10n.t('{0} ({1} lines re-indented)', title, summary.reindented);
}

/** The hunks to apply, picked from a list (all preselected); undefined when the user backs out. */
export async function chooseChanges(file: FileProposal): Promise<number[] | undefined> {
  const items = file.rows().map((r) => ({
    label: r.start === r.end ? vscode.l10n.t('Line {0}', r.start) : vscode.l10n.t('Lines {0}–{1}', r.start, r.end),
    description: r.whitespaceOnly
      ? vscode.l10n.t('re-indented only')
      : vscode.l10n.t('{0} removed, {1} added', r.removed, r.added),
    detail: r.sample,
    picked: true,
    index: r.index,
  }));
  const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: vscode.l10n.t('Choose the changes to apply') });
  return picked?.map((p) => p.index);
}

/** The files of a review to accept (all preselected); undefined when the user backs out. */
export async function chooseFiles(files: readonly FileProposal[]): Promise<FileProposal[] | undefined> {
  const items = files.map((file) => ({
    label: file.name,
    description: vscode.workspace.asRelativePath(file.target.uri),
    detail: changeCount(file),
    picked: true,
    file,
  }));
  const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: vscode.l10n.t('Choose the files to change') });
  return picked?.map((p) => p.file);
}

/** One file of a review to look at; undefined when the user backs out. */
export async function pickFile(files: readonly FileProposal[]): Promise<FileProposal | undefined> {
  const items = files.map((file) => ({ label: file.name, description: vscode.workspace.asRelativePath(file.target.uri), detail: changeCount(file), file }));
  return (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Files GLM proposes to change') }))?.file;
}

function changeCount(file: FileProposal): string {
  const n = file.hunks?.length ?? 0;
  return n === 1 ? vscode.l10n.t('1 change') : vscode.l10n.t('{0} changes', n);
}

export type NotificationChoice = 'accept' | 'choose' | 'reject' | undefined;

/**
 * Announces a waiting proposal. The notification may vanish: the diff's title bar keeps the same actions,
 * and the proposal waits until one of them is used.
 */
export async function announce(files: readonly FileProposal[]): Promise<NotificationChoice> {
  const summaries: ProposalSummary[] = files.flatMap((f) => (f.summary ? [f.summary] : []));
  const [single] = files;
  const many = files.length > 1;
  const accept = many ? vscode.l10n.t('Accept All') : vscode.l10n.t('Accept');
  const choose = many ? vscode.l10n.t('Choose Files…') : vscode.l10n.t('Choose Changes…');
  const reject = many ? vscode.l10n.t('Reject All') : vscode.l10n.t('Reject');
  const changes = summaries.reduce((n, s) => n + s.changes, 0);
  const reindented = summaries.reduce((n, s) => n + s.reindented, 0);
  let message = many
    ? vscode.l10n.t('GLM proposes changes to {0} files.', files.length)
    : changes === 1
      ? vscode.l10n.t('GLM proposes 1 change to {0}.', single.name)
      : vscode.l10n.t('GLM proposes {0} changes to {1}.', changes, single.name);
  if (reindented > 0) message += ' ' + vscode.l10n.t('{0} lines only change indentation or trailing spaces.', reindented);
  const buttons = many || changes > 1 ? [accept, choose, reject] : [accept, reject];
  const picked = await vscode.window.showInformationMessage(message, ...buttons);
  return picked === accept ? 'accept' : picked === choose ? 'choose' : picked === reject ? 'reject' : undefined;
}
