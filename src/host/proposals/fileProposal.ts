import * as path from 'node:path';
import * as vscode from 'vscode';
import { applySelectedHunks, computeHunks, type Hunk } from '../../editor/diffHunks';
import { hunkRows, isStale, spliceText, summarize, type HunkRow, type ProposalSummary } from '../../editor/editProposal';
import { RangeTracker } from '../editor/rangeTracker';
import { Disposable } from '../lifecycle';
import { closeDiff, diffTabs, openDiff } from './diffTabs';
import type { ProposalDocuments } from './proposalDocuments';

/** One file's proposed change. `before` is the text it replaces: the document's text in `range`, or the whole
 * document when there is no range (`''` for a file that does not exist yet: accepting creates it). */
export interface ProposedChange {
  uri: vscode.Uri;
  before: string;
  after: string;
  range?: vscode.Range;
}

export type ProposalTarget = Omit<ProposedChange, 'after'>;

/**
 * One file of a proposal: the two virtual documents of its diff, the span it applies to (followed through
 * edits elsewhere), and its hunks once the proposed text is final.
 */
export class FileProposal extends Disposable {
  readonly left: vscode.Uri;
  readonly right: vscode.Uri;
  readonly name: string;
  /** Aborted when the user closes the diff or the document: the proposal can no longer be decided there. */
  readonly gone = new AbortController();
  private hunkList: Hunk[] | undefined;
  /** Set by `finish`: what the final proposal changes. */
  summary: ProposalSummary | undefined;
  private closingOurselves = false;

  private constructor(
    private readonly docs: ProposalDocuments,
    readonly target: ProposalTarget,
    private readonly document: vscode.TextDocument | undefined,
    private readonly fullText: string,
    /** Offset of the span in `fullText`: the diff shows the document as it was when the proposal opened. */
    private readonly spanOffset: number,
    private readonly tracker: RangeTracker | undefined,
  ) {
    super();
    this.name = path.posix.basename(target.uri.path) || 'untitled';
    ({ left: this.left, right: this.right } = docs.newPair(this.name));
    if (tracker) this.register(tracker);
    this.register(
      vscode.window.tabGroups.onDidChangeTabs((e) => {
        if (!this.closingOurselves && e.closed.some((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === this.right.toString())) {
          this.gone.abort();
        }
      }),
    );
    docs.set(this.left, fullText, true);
    docs.set(this.right, fullText, true);
  }

  /** Opens the document behind `target` (or notes that the file is new) and starts following its span. */
  static async open(docs: ProposalDocuments, target: ProposalTarget): Promise<FileProposal> {
    const document = await openIfExists(target.uri);
    if (!document) return new FileProposal(docs, target, undefined, '', 0, undefined);
    const fullText = document.getText();
    const range = target.range ?? new vscode.Range(document.positionAt(0), document.positionAt(fullText.length));
    let proposal: FileProposal | undefined = undefined;
    const start = document.offsetAt(range.start);
    const tracker = new RangeTracker(document, start, document.offsetAt(range.end), () => {
      if (document.isClosed) proposal?.gone.abort();
    });
    proposal = new FileProposal(docs, target, document, fullText, start, tracker);
    return proposal;
  }

  /** 1-based line of the span's start, for hunk labels. */
  get firstLine(): number {
    return (this.target.range?.start.line ?? 0) + 1;
  }

  get hunks(): readonly Hunk[] | undefined {
    return this.hunkList;
  }

  /** Shows `after` as the proposed text of the span (while streaming: coalesced re-renders). */
  show(after: string, now = false): void {
    const start = this.spanOffset;
    this.docs.set(this.right, spliceText(this.fullText, start, start + this.target.before.length, after), now);
  }

  /** The proposed text is final: computes its hunks and shows it. */
  finish(after: string): ProposalSummary {
    this.hunkList = computeHunks(this.target.before, after);
    this.show(after, true);
    this.summary = summarize(this.hunkList);
    return this.summary;
  }

  rows(): HunkRow[] {
    return hunkRows(this.hunkList ?? [], this.firstLine);
  }

  /** Opens (or re-titles) the diff. A tab already open under another title is reopened under the new one. */
  async showDiff(title: string, preserveFocus = false): Promise<void> {
    const open = diffTabs(this.right);
    if (open.length > 0 && open.every((t) => t.label === title)) return;
    if (open.length > 0) await this.closeQuietly();
    await openDiff(this.left, this.right, title, preserveFocus);
  }

  /** True when the file no longer holds the text the proposal was made against. */
  async stale(): Promise<boolean> {
    if (!this.document || !this.tracker) return (await openIfExists(this.target.uri)) !== undefined;
    if (this.document.isClosed) return true;
    // A whole-file proposal is stale after any edit of the file, even one at its very start.
    if (!this.target.range) return this.document.getText() !== this.target.before;
    return isStale(this.document.getText(this.tracker.range()), this.target.before, this.tracker.conflict);
  }

  /** The span's text with the accepted hunks, in the document's line ends. */
  acceptedText(accepted: readonly number[]): string {
    const eol = this.document?.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    return applySelectedHunks(this.target.before, this.hunkList ?? [], accepted, eol);
  }

  /** Adds the accepted hunks to `edit` (one edit for every file of a decision, so it is one undo step). */
  addTo(edit: vscode.WorkspaceEdit, accepted: readonly number[]): void {
    const text = this.acceptedText(accepted);
    if (!this.document || !this.tracker) edit.createFile(this.target.uri, { contents: new TextEncoder().encode(text) });
    else edit.replace(this.document.uri, this.tracker.range(), text);
  }

  /** Closes the diff and drops the virtual documents. */
  async close(): Promise<void> {
    await this.closeQuietly();
    this.docs.delete(this.left);
    this.docs.delete(this.right);
    this.dispose();
  }

  private async closeQuietly(): Promise<void> {
    this.closingOurselves = true;
    try {
      await closeDiff(this.right);
    } finally {
      this.closingOurselves = false;
    }
  }
}

async function openIfExists(uri: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open;
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    return undefined;
  }
  return vscode.workspace.openTextDocument(uri);
}
