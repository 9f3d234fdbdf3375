import * as vscode from 'vscode';
import type { UsageStore } from './usageStore';
import { usageHtml, type UsagePageStrings } from '../../glm/usagePage';

/** Re-render at most this often while answers stream in. */
const REFRESH_MS = 1_000;

/** "GLM: Show Usage": one panel, re-rendered when usage changes while it is open. Static page, no script. */
export class UsagePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly extensionUri: vscode.Uri, private readonly usage: UsageStore) {
    this.subscription = usage.onDidChange(() => {
      if (this.panel) this.timer ??= setTimeout(() => this.render(), REFRESH_MS);
    });
  }

  show(): void {
    if (this.panel) return this.panel.reveal();
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    this.panel = vscode.window.createWebviewPanel('glm.usage', vscode.l10n.t('GLM Usage'), vscode.ViewColumn.Active, {
      enableScripts: false,
      localResourceRoots: [media],
    });
    this.panel.iconPath = vscode.Uri.joinPath(media, 'glm.svg');
    this.panel.onDidDispose(() => {
      this.panel = undefined;
      if (this.timer) clearTimeout(this.timer);
      this.timer = undefined;
    });
    this.render();
  }

  private render(): void {
    this.timer = undefined;
    if (!this.panel) return;
    const webview = this.panel.webview;
    const numbers = new Intl.NumberFormat(vscode.env.language);
    webview.html = usageHtml({
      data: this.usage.get(),
      now: Date.now(),
      strings: pageStrings(),
      language: vscode.env.language,
      cspSource: webview.cspSource,
      cssHref: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'usage.css')).toString(),
      formatNumber: (n) => numbers.format(n),
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.panel?.dispose();
  }
}

function pageStrings(): UsagePageStrings {
  return {
    title: vscode.l10n.t('GLM Usage'), today: vscode.l10n.t('Today'), last7: vscode.l10n.t('Last 7 days'), last30: vscode.l10n.t('Last 30 days'),
    chart: vscode.l10n.t('Tokens per day (last 30 days)'), perModel: vscode.l10n.t('Per model (last 30 days)'), model: vscode.l10n.t('Model'),
    requests: vscode.l10n.t('Requests'), prompt: vscode.l10n.t('Prompt'), completion: vscode.l10n.t('Completion'), reasoning: vscode.l10n.t('Reasoning'),
    cached: vscode.l10n.t('Cached'), tokens: vscode.l10n.t('tokens'),
    empty: vscode.l10n.t('No GLM requests recorded yet. Usage appears here after the first answer.'),
    note: vscode.l10n.t('Counted from the usage the endpoint reports, per local day; only counts are kept (no prompts or answers), for 90 days.'),
  };
}
