import * as vscode from 'vscode';
import type { AgentFs } from '../../chat/agent/agentFs';
import { CheckpointStore } from '../../chat/agent/checkpoints';
import { PathGuard } from '../../chat/agent/pathGuard';
import type { ApprovalDecision } from '../../chat/agent/toolDispatcher';
import { ToolExecutor, type FileChange } from '../../chat/agent/toolExecutor';
import type { GlmClient } from '../../glm/glmClient';
import type { EditProposals, FileOutcome } from '../proposals/editProposals';
import type { AgentSettings, AgentTurnService } from '../../chat/agent/agentTurn';
import { agentSettings, rememberAlwaysAllowed } from './agentSettings';
import { EditorAgentHost } from './editorAgentHost';
import { TerminalRunner } from './terminalRunner';
import { vscodeAgentFs } from './vscodeAgentFs';

interface Pending {
  turnId: string;
  /** The edit the call proposes, for its review in the diff editor. */
  change?: FileChange;
  /** Set while that review is open: aborting it closes the diff. */
  review?: AbortController;
  resolve(decision: ApprovalDecision): void;
}

/** What every agent turn shares: settings, the tools' host, pending approvals, and the checkpoints. */
export class AgentService implements AgentTurnService, vscode.Disposable {
  readonly fs: AgentFs = vscodeAgentFs;
  readonly checkpoints: CheckpointStore;
  private readonly terminals = new TerminalRunner();
  private readonly host = new EditorAgentHost(this.terminals);
  private readonly pending = new Map<string, Pending>();

  constructor(readonly client: GlmClient, storageDir: string, private readonly proposals: EditProposals) {
    this.checkpoints = new CheckpointStore(storageDir);
  }

  settings(): AgentSettings {
    return agentSettings();
  }

  guard(settings: AgentSettings = this.settings()): PathGuard {
    const roots = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => ({ name: f.name, path: f.uri.fsPath }));
    return new PathGuard(roots, settings.protectedFiles);
  }

  executor(guard: PathGuard): ToolExecutor {
    return new ToolExecutor(this.fs, guard, this.host);
  }

  rememberAlways(tool: string): Promise<void> {
    return rememberAlwaysAllowed(tool);
  }

  /** Resolves when the card's buttons (or the diff's) answer; Stop (the signal) ends the wait with an error. */
  waitForApproval(turnId: string, callId: string, signal?: AbortSignal, change?: FileChange): Promise<ApprovalDecision> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new Error('stopped'));
      const onAbort = (): void => {
        this.pending.get(callId)?.review?.abort();
        this.pending.delete(callId);
        reject(new Error('stopped'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(callId, {
        turnId,
        change,
        resolve: (d) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(d);
        },
      });
    });
  }

  answer(callId: string, decision: ApprovalDecision): boolean {
    const p = this.pending.get(callId);
    if (!p) return false;
    this.pending.delete(callId);
    p.review?.abort();
    p.resolve(decision);
    return true;
  }

  /**
   * Opens a waiting edit in the diff editor through the one proposal feature: Accept there allows it, Choose
   * Changes allows the chosen hunks only, Reject (or closing the diff) denies it. The agent writes the file.
   */
  async reviewCall(callId: string): Promise<void> {
    const p = this.pending.get(callId);
    if (!p?.change || p.review) return;
    const review = (p.review = new AbortController());
    const { abs, before, after } = p.change;
    try {
      const [outcome] = await this.proposals.review([{ uri: vscode.Uri.file(abs), before: before ?? '', after }], { signal: review.signal, apply: false });
      if (!review.signal.aborted) this.answer(callId, decisionFor(outcome)); // else answered on the card meanwhile
    } catch (err) {
      p.review = undefined; // the card's buttons still answer
      void vscode.window.showWarningMessage(vscode.l10n.t('Could not open the diff: {0}', err instanceof Error ? err.message : String(err)));
    }
  }

  /** A turn that ended leaves no card waiting. */
  cancelApprovals(turnId: string): void {
    for (const [callId, p] of this.pending) {
      if (p.turnId !== turnId) continue;
      this.pending.delete(callId);
      p.resolve({ decision: 'deny', reason: 'The turn ended.' });
    }
  }

  dispose(): void {
    this.terminals.dispose();
    for (const p of this.pending.values()) p.review?.abort();
    for (const p of this.pending.values()) p.resolve({ decision: 'deny' });
    this.pending.clear();
  }
}

function decisionFor(outcome: FileOutcome | undefined): ApprovalDecision {
  switch (outcome?.status) {
    case 'applied':
      return { decision: 'allow' };
    case 'partial':
      return { decision: 'allow', after: outcome.text };
    case 'conflict':
      return { decision: 'deny', reason: outcome.message };
    default:
      return { decision: 'deny', reason: 'Rejected in the diff editor.' };
  }
}
