import * as path from 'node:path';
import * as vscode from 'vscode';
import { extractFinalCode, extractStreamingCode } from '../../editor/codeExtraction';
import { applySelectedHunks, computeHunks, describeHunk, type Hunk } from '../../editor/diffHunks';
import type { IndentStyle } from '../../editor/indentation';
import { buildCodeMessages, PromptTooLargeError, type CodeTask } from '../../editor/prompts';
import type { HostServices } from '../services';
import { placeCode, placementFor, type PlacementMode } from './codePlacement';
import { codeContext, eolOf, type EditorTarget } from './editorTarget';
import { PROPOSAL_SCHEME, type ProposalContentProvider } from './proposalProvider';
import { RangeTracker } from './rangeTracker';
import { isCancellation, streamAnswer, withCancellableProgress, type Answer } from './streamAnswer';

/** Which changes to apply: all, none, or the indexes of chosen hunks. */
export type Decision = 'all' | 'none' | number[];

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

interface Pending {
  hunks?: Hunk[];
  firstLine: number;
  resolve?: (d: Decision) => void;
}

/**
 * Streams a rewrite of a range into a diff view (original snapshot vs growing proposal), then applies the
 * accepted hunks as one WorkspaceEdit, unless the range changed meanwhile. Each run has its own virtual
 * documents and state, so several can run at once in different editors.
 */
export class ProposalSessions implements vscode.Disposable {
  private readonly pending = new Map<string, Pending>();
  private nextId = 1;

  constructor(
    private readonly services: HostServices,
    private readonly provider: ProposalContentProvider,
  ) {}

  async run(opts: ProposalOptions): Promise<ProposalResult> {
    const { document, range } = opts.target;
    const originalText = document.getText(range);
    let messages;
    try {
      messages = buildCodeMessages(opts.task, codeContext(document, range), { systemPrompt: this.services.systemPrompt() });
    } catch (err) {
      if (!(err instanceof PromptTooLargeError)) throw err;
      const message = vscode.l10n.t('The code is too large for one request ({0} characters). Select a smaller part.', err.chars);
      void vscode.window.showErrorMessage(message);
      return { status: 'error', changes: 0, accepted: 0, message };
    }

    const id = this.nextId++;
    const name = path.posix.basename(document.uri.path) || 'untitled';
    const left = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${id}/original/${name}` });
    const right = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${id}/proposal/${name}` });
    const fullText = document.getText();
    const start = document.offsetAt(range.start);
    const end = document.offsetAt(range.end);
    const compose = (rangeText: string): string => fullText.slice(0, start) + rangeText + fullText.slice(end);
    const placement = placementFor(document, range, opts.indent, opts.mode);
    const place = (code: string): string => placeCode(code, placement);
    const state: Pending = { firstLine: range.start.line + 1 };
    const controller = new AbortController();
    // An edit in the range is only reported at the end (the proposal stays worth seeing); a closed document stops the answer.
    const tracker = new RangeTracker(document, start, end, () => {
      if (document.isClosed) controller.abort();
    });
    // Closing the diff means "no": it stops a running answer and rejects a finished one.
    const tabWatch = vscode.window.tabGroups.onDidChangeTabs((e) => {
      if (!e.closed.some((t) => isDiffOf(t, right))) return;
      controller.abort();
      state.resolve?.('none');
    });
    this.pending.set(right.toString(), state);
    const cleanup = async (): Promise<void> => {
      tabWatch.dispose();
      tracker.dispose();
      this.pending.delete(right.toString());
      await closeDiff(right);
      this.provider.delete(left);
      this.provider.delete(right);
    };

    this.provider.set(left, fullText, true);
    this.provider.set(right, fullText, true);
    await vscode.commands.executeCommand('vscode.diff', left, right, vscode.l10n.t('{0} ↔ GLM proposal', name), { preview: false });

    let answer: Answer;
    try {
      answer = await withCancellableProgress(opts.title, controller, (progress) =>
        streamAnswer(this.services, messages, controller.signal, (text) => {
          const code = extractStreamingCode(text);
          if (code) this.provider.set(right, compose(place(code)));
        }, progress),
      );
    } catch (err) {
      await cleanup();
      if (isCancellation(err, controller.signal)) return { status: 'cancelled', changes: 0, accepted: 0 };
      void this.services.showError(err, opts.rerun);
      return { status: 'error', changes: 0, accepted: 0, message: this.services.describeError(err).message };
    }

    const code = extractFinalCode(answer.text, {
      languageId: document.languageId,
      original: opts.mode === 'replace' ? originalText : undefined,
    });
    const proposed = code.trim() ? place(code) : originalText;
    const hunks = computeHunks(originalText, proposed);
    if (hunks.length === 0) {
      await cleanup();
      const message = code.trim() ? vscode.l10n.t('GLM proposes no change.') : vscode.l10n.t('GLM answered without code.');
      void vscode.window.showInformationMessage(message);
      return { status: 'empty', changes: 0, accepted: 0, message };
    }
    this.provider.set(right, compose(proposed), true);
    if (answer.finishReason === 'length') {
      void vscode.window.showWarningMessage(vscode.l10n.t('The answer was cut off at the token limit: check the end of the proposal.'));
    }
    state.hunks = hunks;

    const stale = (): boolean => tracker.conflict || document.getText(tracker.range()) !== originalText;
    const conflict = async (): Promise<ProposalResult> => {
      await cleanup();
      const message = vscode.l10n.t('{0} changed while GLM was answering, so nothing was applied.', name);
      const rerun = vscode.l10n.t('Run Again');
      void vscode.window.showWarningMessage(message, rerun).then((c) => (c === rerun ? opts.rerun() : undefined));
      return { status: 'conflict', changes: hunks.length, accepted: 0, message };
    };
    // Checked before asking (no point choosing what cannot apply) and again after (the user may type meanwhile).
    if (stale()) return conflict();
    const decision = opts.accept ?? (await this.ask(state, hunks, name));
    const accepted = decision === 'all' ? hunks.map((h) => h.index) : decision === 'none' ? [] : decision.filter((i) => i >= 0 && i < hunks.length);
    if (accepted.length === 0) {
      await cleanup();
      return { status: 'rejected', changes: hunks.length, accepted: 0 };
    }
    if (stale()) return conflict();
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, tracker.range(), applySelectedHunks(originalText, hunks, accepted, eolOf(document)));
    const applied = await vscode.workspace.applyEdit(edit);
    await cleanup();
    if (!applied) {
      const message = vscode.l10n.t('The change could not be applied to {0}.', name);
      void vscode.window.showErrorMessage(message);
      return { status: 'error', changes: hunks.length, accepted: 0, message };
    }
    return { status: accepted.length === hunks.length ? 'applied' : 'partial', changes: hunks.length, accepted: accepted.length };
  }

  /**
   * Decides a waiting proposal from the diff editor's title buttons (uri: either side, or the active diff).
   * False when no proposal there waits for a decision.
   */
  async decide(action: 'accept' | 'reject' | 'choose', uri?: vscode.Uri): Promise<boolean> {
    const key = uri?.scheme === PROPOSAL_SCHEME ? uri : activeDiffModified();
    const state = key && this.pending.get(key.toString().replace('/original/', '/proposal/'));
    if (!state?.resolve || !state.hunks) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No GLM proposal is waiting for a decision here.'));
      return false;
    }
    if (action === 'accept') state.resolve('all');
    else if (action === 'reject') state.resolve('none');
    else {
      const chosen = await chooseHunks(state.hunks, state.firstLine);
      if (!chosen) return false;
      state.resolve(chosen);
    }
    return true;
  }

  private ask(state: Pending, hunks: Hunk[], name: string): Promise<Decision> {
    return new Promise<Decision>((resolve) => {
      state.resolve = resolve;
      const accept = vscode.l10n.t('Accept');
      const reject = vscode.l10n.t('Reject');
      const choose = vscode.l10n.t('Choose Changes…');
      const buttons = hunks.length > 1 ? [accept, choose, reject] : [accept, reject];
      const message =
        hunks.length === 1
          ? vscode.l10n.t('GLM proposes 1 change to {0}.', name)
          : vscode.l10n.t('GLM proposes {0} changes to {1}.', hunks.length, name);
      // Dismissing the notification leaves the decision to the diff editor's title buttons; closing the diff rejects.
      void vscode.window.showInformationMessage(message, ...buttons).then(async (choice) => {
        if (choice === accept) resolve('all');
        else if (choice === reject) resolve('none');
        else if (choice === choose) {
          const chosen = await chooseHunks(hunks, state.firstLine);
          if (chosen) resolve(chosen);
        }
      });
    });
  }

  dispose(): void {
    for (const state of this.pending.values()) state.resolve?.('none');
    this.pending.clear();
  }
}

async function chooseHunks(hunks: Hunk[], firstLine: number): Promise<number[] | undefined> {
  const items = hunks.map((h) => {
    const d = describeHunk(h, firstLine);
    const sample = [...h.newLines, ...h.originalLines].find((l) => l.trim() !== '') ?? '';
    return {
      label: d.start === d.end ? vscode.l10n.t('Line {0}', d.start) : vscode.l10n.t('Lines {0}–{1}', d.start, d.end),
      description: vscode.l10n.t('{0} removed, {1} added', d.removed, d.added),
      detail: sample.trim(),
      picked: true,
      index: h.index,
    };
  });
  const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: vscode.l10n.t('Choose the changes to apply') });
  return picked?.map((p) => p.index);
}

function isDiffOf(tab: vscode.Tab, uri: vscode.Uri): boolean {
  return tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === uri.toString();
}

function activeDiffModified(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputTextDiff && input.modified.scheme === PROPOSAL_SCHEME ? input.modified : undefined;
}

async function closeDiff(uri: vscode.Uri): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => isDiffOf(t, uri));
  if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
}
