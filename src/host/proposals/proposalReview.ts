import * as vscode from 'vscode';
import { acceptedHunks, type Decision } from '../../editor/editProposal';
import type { FileProposal } from './fileProposal';

export type FileStatus = 'applied' | 'partial' | 'rejected' | 'conflict' | 'error' | 'empty';

/** What became of one file of a review. */
export interface FileOutcome {
  uri: vscode.Uri;
  status: FileStatus;
  /** Hunks proposed, and how many of them were applied. */
  changes: number;
  accepted: number;
  /** Why nothing was applied, for conflicts and errors. */
  message?: string;
  /** A review that does not apply (`apply: false`): the span's text with the accepted hunks. */
  text?: string;
}

/**
 * The files of one review and their decisions. Each decision applies at once (one WorkspaceEdit for all the
 * files it covers, so one undo step), unless the caller applies it itself (`apply` false: the outcome carries
 * the accepted text); `finished` resolves when every file is decided.
 */
export class ProposalReview {
  private readonly outcomes = new Map<FileProposal, FileOutcome>();
  private readonly deciding = new Set<FileProposal>();
  private resolve!: (outcomes: FileOutcome[]) => void;
  readonly finished = new Promise<FileOutcome[]>((r) => (this.resolve = r));

  /** `onProgress` runs after each decision that leaves files undecided (to show the next one). */
  constructor(
    readonly files: readonly FileProposal[],
    private readonly onProgress: () => Promise<void>,
    private readonly apply = true,
  ) {}

  undecided(): FileProposal[] {
    return this.files.filter((f) => !this.outcomes.has(f) && !this.deciding.has(f));
  }

  has(file: FileProposal): boolean {
    return this.files.includes(file);
  }

  /** Decides `files` (those not decided yet) with one decision and applies what it accepts. */
  async settle(files: readonly FileProposal[], decision: Decision): Promise<void> {
    const todo = files.filter((f) => this.undecided().includes(f));
    for (const f of todo) this.deciding.add(f);
    const edit = new vscode.WorkspaceEdit();
    const applying: Array<[FileProposal, number]> = [];
    for (const f of todo) {
      const hunks = f.hunks ?? [];
      const accepted = acceptedHunks(decision, hunks);
      if (hunks.length === 0) this.record(f, 'empty', 0, 0);
      else if (accepted.length === 0) this.record(f, 'rejected', hunks.length, 0);
      else if (await f.stale()) {
        const message = vscode.l10n.t('{0} changed while GLM was answering, so nothing was applied.', f.name);
        this.record(f, 'conflict', hunks.length, 0, message);
      } else if (!this.apply) {
        const status = accepted.length === hunks.length ? 'applied' : 'partial';
        this.record(f, status, hunks.length, accepted.length, undefined, f.acceptedText(accepted));
      } else {
        f.addTo(edit, accepted);
        applying.push([f, accepted.length]);
      }
    }
    const applied = applying.length === 0 || (await vscode.workspace.applyEdit(edit));
    for (const [f, accepted] of applying) {
      const changes = f.hunks?.length ?? 0;
      if (!applied) this.record(f, 'error', changes, 0, vscode.l10n.t('The change could not be applied to {0}.', f.name));
      else this.record(f, accepted === changes ? 'applied' : 'partial', changes, accepted);
    }
    await Promise.all(todo.map((f) => f.close()));
    if (this.outcomes.size === this.files.length) this.resolve(this.files.map((f) => this.outcomes.get(f)!));
    else if (todo.length > 0 && this.undecided().length > 0) await this.onProgress();
  }

  private record(f: FileProposal, status: FileStatus, changes: number, accepted: number, message?: string, text?: string): void {
    this.deciding.delete(f);
    this.outcomes.set(f, { uri: f.target.uri, status, changes, accepted, ...(message ? { message } : {}), ...(text !== undefined ? { text } : {}) });
  }
}
