import * as vscode from 'vscode';
import { Disposable } from '../lifecycle';

/** The one URI scheme of proposal documents (both sides of every proposal diff). */
export const PROPOSAL_SCHEME = 'glm-proposal';

/** Coalesces change notifications so a fast stream re-renders the diff a few times a second, not per token. */
const NOTIFY_DELAY_MS = 60;

/**
 * Read-only virtual documents for the two sides of a proposal diff. The proposed side may grow while an
 * answer streams; `onDidChange` makes the open diff editor re-read it.
 */
export class ProposalDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly pending = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly emitter = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.emitter.event;
  private nextId = 1;

  constructor() {
    super();
    this.register(vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, this));
    this.register({ dispose: () => this.clear() });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** A fresh pair of URIs (original, proposal) named after `name`, so the diff tab reads like the file. */
  newPair(name: string): { left: vscode.Uri; right: vscode.Uri } {
    const id = this.nextId++;
    return {
      left: vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${id}/original/${name}` }),
      right: vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${id}/proposal/${name}` }),
    };
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

  private clear(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
    this.texts.clear();
  }
}
