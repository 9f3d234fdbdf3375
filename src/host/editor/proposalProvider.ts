import * as vscode from 'vscode';

// Not `glm-proposal`: the chat's code actions (src/host/chat/codeActions.ts) own that scheme.
export const PROPOSAL_SCHEME = 'glm-edit-proposal';

/** Coalesces change notifications so a fast stream re-renders the diff a few times a second, not per token. */
const NOTIFY_DELAY_MS = 60;

/**
 * Read-only virtual documents for the two sides of a proposal diff. The proposed side grows while the
 * answer streams; `onDidChange` makes the open diff editor re-read it.
 */
export class ProposalContentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** Sets a document's text; with `now` false the notification waits for a short quiet moment. */
  set(uri: vscode.Uri, text: string, now = false): void {
    const key = uri.toString();
    if (this.texts.get(key) === text && !now) return;
    this.texts.set(key, text);
    const timer = this.pending.get(key);
    if (now) {
      if (timer) clearTimeout(timer);
      this.pending.delete(key);
      this.emitter.fire(uri);
    } else if (!timer) {
      this.pending.set(
        key,
        setTimeout(() => {
          this.pending.delete(key);
          this.emitter.fire(uri);
        }, NOTIFY_DELAY_MS),
      );
    }
  }

  delete(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.delete(key);
    this.texts.delete(key);
  }

  dispose(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    this.texts.clear();
    this.emitter.dispose();
  }
}
