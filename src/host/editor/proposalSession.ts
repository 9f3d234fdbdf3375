import * as vscode from 'vscode';
import { extractFinalCode, extractStreamingCode } from '../../editor/codeExtraction';
import { computeHunks } from '../../editor/diffHunks';
import type { Decision } from '../../editor/editProposal';
import type { IndentStyle } from '../../editor/indentation';
import { buildCodeMessages, PromptTooLargeError, type CodeTask } from '../../editor/prompts';
import type { ChatMessage } from '../../glm/types';
import type { EditProposals, FileOutcome, LiveProposal } from '../proposals/editProposals';
import type { HostServices } from '../services';
import { placeCode, placementFor, type PlacementMode } from './codePlacement';
import { codeContext, type EditorTarget } from './editorTarget';
import { isCancellation, streamAnswer, withCancellableProgress, type Answer } from './streamAnswer';

export type { Decision };

export interface ProposalOptions {
  task: CodeTask;
  target: EditorTarget;
  mode: PlacementMode;
  /** Progress title, e.g. "GLM: Refactoring…". */
  title: string;
  indent: IndentStyle;
  /** Decide without asking (tests, automation). */
  accept?: Decision;
  /** Runs the command again; offered after a conflict or an error. */
  rerun: () => unknown;
}

export type ProposalStatus = 'applied' | 'partial' | 'rejected' | 'conflict' | 'cancelled' | 'error' | 'empty';

export interface ProposalResult {
  status: ProposalStatus;
  /** Number of hunks proposed and accepted. */
  changes: number;
  accepted: number;
  /** The user-facing message shown for errors, conflicts and empty answers. */
  message?: string;
}

/**
 * The editor commands' proposals (refactor, fix, docs, tests): streams a rewrite of a range into a live
 * proposal of `EditProposals`, then lets it decide and apply. Several can run at once in different editors.
 */
export class ProposalSessions {
  constructor(
    private readonly services: HostServices,
    private readonly proposals: EditProposals,
  ) {}

  async run(opts: ProposalOptions): Promise<ProposalResult> {
    const messages = this.messagesFor(opts);
    if (typeof messages === 'string') return { status: 'error', changes: 0, accepted: 0, message: messages };
    const { document, range } = opts.target;
    const before = document.getText(range);
    const placement = placementFor(document, range, opts.indent, opts.mode);
    const live = await this.proposals.stream({ uri: document.uri, before, range });
    const answer = await this.stream(opts, live, messages, (code) => placeCode(code, placement));
    if (!('text' in answer)) {
      await live.dispose();
      return answer;
    }
    const code = extractFinalCode(answer.text, { languageId: document.languageId, original: opts.mode === 'replace' ? before : undefined });
    const after = code.trim() ? placeCode(code, placement) : before;
    if (computeHunks(before, after).length === 0) {
      await live.dispose();
      const message = code.trim() ? vscode.l10n.t('GLM proposes no change.') : vscode.l10n.t('GLM answered without code.');
      void vscode.window.showInformationMessage(message);
      return { status: 'empty', changes: 0, accepted: 0, message };
    }
    if (answer.finishReason === 'length') {
      void vscode.window.showWarningMessage(vscode.l10n.t('The answer was cut off at the token limit: check the end of the proposal.'));
    }
    return this.report(await live.review(after, { accept: opts.accept }), opts);
  }

  /** The request's messages, or the message shown when the code does not fit one request. */
  private messagesFor(opts: ProposalOptions): ChatMessage[] | string {
    const { document, range } = opts.target;
    try {
      return buildCodeMessages(opts.task, codeContext(document, range), { systemPrompt: this.services.systemPrompt() });
    } catch (err) {
      if (!(err instanceof PromptTooLargeError)) throw err;
      const message = vscode.l10n.t('The code is too large for one request ({0} characters). Select a smaller part.', err.chars);
      void vscode.window.showErrorMessage(message);
      return message;
    }
  }

  /** Streams the answer into the proposal; closing the diff or the document stops it. */
  private async stream(
    opts: ProposalOptions,
    live: LiveProposal,
    messages: ChatMessage[],
    place: (code: string) => string,
  ): Promise<Answer | ProposalResult> {
    const controller = new AbortController();
    const stop = (): void => controller.abort();
    live.signal.addEventListener('abort', stop);
    try {
      return await withCancellableProgress(opts.title, controller, (progress) =>
        streamAnswer(this.services, messages, controller.signal, (text) => {
          const code = extractStreamingCode(text);
          if (code) live.update(place(code));
        }, progress),
      );
    } catch (err) {
      if (isCancellation(err, controller.signal)) return { status: 'cancelled', changes: 0, accepted: 0 };
      void this.services.showError(err, opts.rerun);
      return { status: 'error', changes: 0, accepted: 0, message: this.services.describeError(err).message };
    } finally {
      live.signal.removeEventListener('abort', stop);
    }
  }

  private report(outcome: FileOutcome, opts: ProposalOptions): ProposalResult {
    const { status, changes, accepted, message } = outcome;
    if (status === 'conflict') {
      const rerun = vscode.l10n.t('Run Again');
      void vscode.window.showWarningMessage(message ?? '', rerun).then((c) => (c === rerun ? opts.rerun() : undefined));
    } else if (status === 'error') void vscode.window.showErrorMessage(message ?? '');
    return { status, changes, accepted, ...(message ? { message } : {}) };
  }
}
