import * as vscode from 'vscode';
import type { AgentFs } from '../../chat/agent/agentFs';
import { CheckpointStore } from '../../chat/agent/checkpoints';
import { PathGuard } from '../../chat/agent/pathGuard';
import type { ApprovalDecision } from '../../chat/agent/toolDispatcher';
import { ToolExecutor } from '../../chat/agent/toolExecutor';
import type { GlmClient } from '../../glm/glmClient';
import { agentSettings, rememberAlwaysAllowed, type AgentSettings } from './agentSettings';
import { EditorAgentHost } from './editorAgentHost';
import { TerminalRunner } from './terminalRunner';
import { vscodeAgentFs } from './vscodeAgentFs';

interface Pending {
  turnId: string;
  resolve(decision: ApprovalDecision): void;
}

/** What every agent turn shares: settings, the tools' host, pending approvals, and the checkpoints. */
export class AgentService implements vscode.Disposable {
  readonly fs: AgentFs = vscodeAgentFs;
  readonly checkpoints: CheckpointStore;
  private readonly terminals = new TerminalRunner();
  private readonly host = new EditorAgentHost(this.terminals);
  private readonly pending = new Map<string, Pending>();

  constructor(readonly client: GlmClient, storageDir: string) {
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

  /** Resolves when the card's buttons answer; Stop (the signal) ends the wait with an error. */
  waitForApproval(turnId: string, callId: string, signal?: AbortSignal): Promise<ApprovalDecision> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new Error('stopped'));
      const onAbort = (): void => {
        this.pending.delete(callId);
        reject(new Error('stopped'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(callId, {
        turnId,
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
    p.resolve(decision);
    return true;
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
    for (const p of this.pending.values()) p.resolve({ decision: 'deny' });
    this.pending.clear();
  }
}
