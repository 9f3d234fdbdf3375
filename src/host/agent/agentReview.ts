import * as vscode from 'vscode';
import { writeText } from '../../chat/agent/agentFs';
import type { HistoryStore } from '../../chat/historyStore';
import type { AgentFromWebview, AgentMeta } from '../../shared/agentProtocol';
import type { ToWebview } from '../../shared/protocol';
import { BEFORE_SCHEME } from '../chat/chatIds';
import type { AgentService } from './agentService';

interface BeforeRef { chatId: string; turnId: string; abs: string }

/**
 * After an agent turn: "N files changed" with a review (diff of each file against its content before the
 * turn, accept all, reject one file) and "Restore checkpoint" (every file that turn or a later one changed
 * goes back, after a confirmation that lists them).
 */
export class AgentReview implements vscode.TextDocumentContentProvider {
  constructor(
    private readonly service: AgentService,
    private readonly store: () => Promise<HistoryStore>,
    private readonly post: (msg: ToWebview, chatId: string) => void,
  ) {}

  async handle(msg: AgentFromWebview): Promise<void> {
    switch (msg.type) {
      case 'agent/approve':
        this.service.answer(msg.callId, msg.decision === 'deny' ? { decision: 'deny', reason: msg.reason } : { decision: msg.decision });
        return;
      case 'agent/reviewCall':
        // Resolves when the user decides in the diff; the panel's other messages must not wait for that.
        void this.service.reviewCall(msg.callId);
        return;
      case 'agent/restore':
        return this.restore(msg.chatId, msg.turnId, msg.confirmed === true);
      case 'agent/review':
        return this.review(msg.chatId, msg.turnId, msg.path);
      case 'agent/acceptAll':
        return this.acceptAll(msg.chatId, msg.turnId);
      case 'agent/rejectFile':
        return this.rejectFile(msg.chatId, msg.turnId, msg.path);
    }
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const ref = JSON.parse(uri.query) as BeforeRef;
    const plan = await this.service.checkpoints.plan(ref.chatId, ref.turnId);
    return plan?.files.find((f) => f.abs === ref.abs)?.content ?? '';
  }

  private async changedFiles(chatId: string, turnId: string): Promise<Array<{ abs: string; rel: string }>> {
    const guard = this.service.guard();
    return (await this.service.checkpoints.changedBy(chatId, turnId)).map((abs) => ({ abs, rel: guard.display(abs) }));
  }

  private async review(chatId: string, turnId: string, rel?: string): Promise<void> {
    const files = await this.changedFiles(chatId, turnId);
    const pick = rel !== undefined ? files.find((f) => f.rel === rel)
      : files.length === 1 ? files[0]
      : (await vscode.window.showQuickPick(files.map((f) => ({ label: f.rel, file: f })), { title: vscode.l10n.t('Files changed by the agent') }))?.file;
    if (!pick) return;
    const before = vscode.Uri.from({ scheme: BEFORE_SCHEME, path: `/${pick.rel}`, query: JSON.stringify({ chatId, turnId, abs: pick.abs }) });
    await vscode.commands.executeCommand('vscode.diff', before, vscode.Uri.file(pick.abs), vscode.l10n.t('{0} (before the agent ↔ now)', pick.rel));
  }

  private async acceptAll(chatId: string, turnId: string): Promise<void> {
    for (const f of await this.changedFiles(chatId, turnId)) await this.service.checkpoints.forgetFile(chatId, turnId, f.abs);
    await this.meta(chatId, turnId, { changed: [] });
  }

  private async rejectFile(chatId: string, turnId: string, rel: string): Promise<void> {
    const files = await this.changedFiles(chatId, turnId);
    const file = files.find((f) => f.rel === rel);
    const plan = await this.service.checkpoints.plan(chatId, turnId);
    const before = plan?.files.find((f) => f.abs === file?.abs);
    if (!file || !before) return;
    await this.putBack(before.abs, before.content);
    await this.service.checkpoints.forgetFile(chatId, turnId, file.abs);
    await this.meta(chatId, turnId, { changed: files.filter((f) => f !== file).map((f) => f.rel) });
  }

  /** First the plan (the webview asks the user to confirm the listed files), then, confirmed, the restore. */
  private async restore(chatId: string, turnId: string, confirmed: boolean): Promise<void> {
    const plan = await this.service.checkpoints.plan(chatId, turnId);
    if (!plan || plan.files.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('There is nothing to restore for this turn.'));
      return;
    }
    const guard = this.service.guard();
    if (!confirmed) {
      const list = plan.files.map((f) => (f.content === undefined ? vscode.l10n.t('{0} (created by the agent: will be deleted)', guard.display(f.abs)) : guard.display(f.abs)));
      this.post({ type: 'agent/meta', chatId, turnId, meta: { restorePlan: list } }, chatId);
      return;
    }
    for (const f of plan.files) await this.putBack(f.abs, f.content);
    await this.service.checkpoints.forgetFrom(chatId, turnId);
    await this.meta(chatId, turnId, { restored: true, changed: [] });
    this.post({ type: 'agent/meta', chatId, turnId, meta: { restorePlan: null } }, chatId);
  }

  private async putBack(abs: string, content: string | undefined): Promise<void> {
    if (content === undefined) await this.service.fs.delete(abs).catch(() => undefined);
    else await writeText(this.service.fs, abs, content);
  }

  private async meta(chatId: string, turnId: string, meta: Partial<AgentMeta>): Promise<void> {
    const store = await this.store();
    if (store.has(chatId)) await store.recordAgent(chatId, turnId, { meta });
    this.post({ type: 'agent/meta', chatId, turnId, meta }, chatId);
  }
}
