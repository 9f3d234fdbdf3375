// The one owner of "GLM proposes a change": editor commands, the chat's Apply and the agent all go through
// `EditProposals`. A proposal is a diff per file (virtual original vs proposal, scheme `glm-proposal`) with
// Accept / Choose Changes / Reject in the title bar; it waits until decided and never applies over code that
// changed meanwhile. API (see CONTRIBUTING.md, "Edit proposals"):
//   review(changes: ProposedChange[], options?: ReviewOptions): Promise<FileOutcome[]>
//   stream(target: ProposalTarget, options?): Promise<LiveProposal>   (a single file whose proposal streams in)
import * as vscode from 'vscode';
import type { Decision } from '../../editor/editProposal';
import { Disposable } from '../lifecycle';
import { activeProposalUri } from './diffTabs';
import { FileProposal, type ProposalTarget, type ProposedChange } from './fileProposal';
import { announce, chooseChanges, chooseFiles, diffTitle, pickFile } from './proposalPrompts';
import { ProposalReview, type FileOutcome } from './proposalReview';
import { PROPOSAL_SCHEME, ProposalDocuments } from './proposalDocuments';

export type { FileOutcome, ProposalTarget, ProposedChange };

export interface ReviewOptions {
  /** Decide without asking (tests, automation): applied to every file. */
  accept?: Decision;
  /** Aborting rejects every file still undecided. */
  signal?: AbortSignal;
  /** False: only decide; each outcome carries the accepted text and the caller writes it (the agent does). */
  apply?: boolean;
}

/** A single-file proposal whose text streams in; `review` it once the text is final, or `dispose` it. */
export interface LiveProposal {
  /** Aborted when the user closes the diff or the document. */
  readonly signal: AbortSignal;
  update(after: string): void;
  review(after: string, options?: ReviewOptions): Promise<FileOutcome>;
  dispose(): Promise<void>;
}

/** Set while a review of several files waits, for the Accept All / Reject All / Files title buttons. */
const MANY_CONTEXT_KEY = 'glm.proposalReviewMany';

export class EditProposals extends Disposable {
  private readonly docs = this.register(new ProposalDocuments());
  private readonly reviews = new Set<ProposalReview>();

  constructor() {
    super();
    const command = (id: string, run: (file: FileProposal, review: ProposalReview) => Promise<unknown>): void => {
      this.register(vscode.commands.registerCommand(id, async (uri?: unknown) => {
        const found = this.find(uri instanceof vscode.Uri ? uri : undefined);
        if (!found) {
          void vscode.window.showInformationMessage(vscode.l10n.t('No GLM proposal is waiting for a decision here.'));
          return false;
        }
        await run(found.file, found.review);
        return true;
      }));
    };
    command('glm.acceptProposal', (file, review) => review.settle([file], 'all'));
    command('glm.rejectProposal', (file, review) => review.settle([file], 'none'));
    command('glm.chooseProposalChanges', async (file, review) => {
      const chosen = await chooseChanges(file);
      if (chosen) await review.settle([file], chosen);
    });
    command('glm.acceptAllProposals', (_file, review) => review.settle(review.undecided(), 'all'));
    command('glm.rejectAllProposals', (_file, review) => review.settle(review.undecided(), 'none'));
    command('glm.showProposalFiles', async (_file, review) => {
      const file = await pickFile(review.undecided());
      if (file) await file.showDiff(diffTitle(file));
    });
    this.register({ dispose: () => this.rejectAll() });
  }

  /** Shows each change as a diff and resolves, in the order given, with what became of each file. */
  async review(changes: readonly ProposedChange[], options: ReviewOptions = {}): Promise<FileOutcome[]> {
    const files = await Promise.all(changes.map((c) => FileProposal.open(this.docs, c)));
    files.forEach((f, i) => f.finish(changes[i].after));
    return this.decide(files, options);
  }

  /** Opens the diff of a single-file proposal at once, for an answer that is still streaming. */
  async stream(target: ProposalTarget): Promise<LiveProposal> {
    const file = await FileProposal.open(this.docs, target);
    await file.showDiff(diffTitle(file));
    return {
      signal: file.gone.signal,
      update: (after) => file.show(after),
      review: async (after, options = {}) => {
        file.finish(after);
        return (await this.decide([file], options))[0];
      },
      dispose: () => file.close(),
    };
  }

  private async decide(files: FileProposal[], options: ReviewOptions): Promise<FileOutcome[]> {
    const review: ProposalReview = new ProposalReview(files, () => this.showNext(review), options.apply ?? true);
    this.reviews.add(review);
    await this.updateContextKey();
    for (const f of files) f.gone.signal.addEventListener('abort', () => void review.settle([f], 'none'));
    options.signal?.addEventListener('abort', () => void review.settle(review.undecided(), 'none'));
    if (options.accept) await review.settle(files, options.accept);
    else {
      await this.showNext(review);
      void this.ask(review);
    }
    const outcomes = await review.finished;
    this.reviews.delete(review);
    await this.updateContextKey();
    return outcomes;
  }

  /** Shows the first undecided file's diff (re-titled with its summary); runs again after each decision. */
  private async showNext(review: ProposalReview): Promise<void> {
    const next = review.undecided()[0];
    if (next) await next.showDiff(diffTitle(next));
  }

  private async ask(review: ProposalReview): Promise<void> {
    const choice = await announce(review.files);
    const undecided = review.undecided();
    if (choice === 'accept') await review.settle(undecided, 'all');
    else if (choice === 'reject') await review.settle(undecided, 'none');
    else if (choice === 'choose' && review.files.length === 1) {
      const chosen = await chooseChanges(review.files[0]);
      if (chosen) await review.settle(undecided, chosen);
    } else if (choice === 'choose') {
      const chosen = await chooseFiles(undecided);
      if (!chosen) return;
      await review.settle(chosen, 'all');
      await review.settle(undecided.filter((f) => !chosen.includes(f)), 'none');
    }
  }

  /** The waiting file whose diff side is `uri`, else the one in the active diff editor. */
  private find(uri: vscode.Uri | undefined): { file: FileProposal; review: ProposalReview } | undefined {
    const key = uri?.scheme === PROPOSAL_SCHEME ? uri : activeProposalUri();
    if (!key) return undefined;
    for (const review of this.reviews) {
      const file = review.undecided().find((f) => f.right.toString() === key.toString() || f.left.toString() === key.toString());
      if (file) return { file, review };
    }
    return undefined;
  }

  private async updateContextKey(): Promise<void> {
    const many = [...this.reviews].some((r) => r.files.length > 1);
    await vscode.commands.executeCommand('setContext', MANY_CONTEXT_KEY, many);
  }

  private rejectAll(): void {
    for (const review of this.reviews) void review.settle(review.undecided(), 'none');
  }
}
