import * as vscode from 'vscode';
import { validateFromWebview, type ToWebview, type ToWebviewType } from '../../shared/protocol';
import type { ChatController } from './chatController';
import { CHAT_VIEW_ID } from './chatIds';
import { chatHtml, localResourceRoots } from './webviewHtml';

/**
 * Messages worth keeping while the webview loads: requests to the input. Everything else is state the
 * `init/state` snapshot sent on `webview/ready` already holds.
 */
const KEPT_UNTIL_READY: ReadonlySet<ToWebviewType> = new Set(['input/focus', 'input/set', 'a11y/announce']);

/** The sidebar chat view. The page is rebuilt on every show (no retainContextWhenHidden): state lives in the host. */
export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewId = CHAT_VIEW_ID;
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private queue: ToWebview[] = [];
  private viewListeners: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    /** Built on first use: opening the view is what loads the chat. */
    private readonly controller: () => ChatController,
    private readonly log: { warn(message: string): void; error(message: string): void },
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.disposeView();
    this.view = view;
    this.ready = false;
    view.webview.options = { enableScripts: true, localResourceRoots: localResourceRoots(this.extensionUri) };
    this.viewListeners.push(
      view.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw)),
      // Hidden without retained context: the page is gone and will say webview/ready again when shown.
      view.onDidChangeVisibility(() => {
        if (!view.visible) this.ready = false;
      }),
      view.onDidDispose(() => {
        if (this.view === view) this.disposeView();
      }),
    );
    view.webview.html = chatHtml(view.webview, this.extensionUri, vscode.l10n.t('GLM Chat'));
  }

  post(msg: ToWebview): void {
    if (this.view && this.ready) void this.view.webview.postMessage(msg);
    else if (KEPT_UNTIL_READY.has(msg.type)) this.queue.push(msg);
  }

  /** Opens the view (creating the page if needed) and puts the cursor in the input. */
  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${ChatViewProvider.viewId}.focus`);
    this.controller().focusInput();
  }

  private async receive(raw: unknown): Promise<void> {
    const msg = validateFromWebview(raw);
    if (!msg) {
      this.log.warn(`Ignored an invalid message from the chat view (${describeType(raw)}).`);
      return;
    }
    try {
      if (msg.type === 'webview/ready') return await this.onReady();
      await this.controller().handle(msg);
    } catch (err) {
      this.log.error(`Chat action ${msg.type} failed: ${err instanceof Error ? err.message : String(err)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('GLM chat: {0}', err instanceof Error ? err.message : String(err)));
    }
  }

  private async onReady(): Promise<void> {
    const view = this.view;
    if (!view) return;
    const state = await this.controller().session.initState();
    if (this.view !== view) return;
    // The snapshot and `ready` land together, so no delta is sent before the state it extends.
    void view.webview.postMessage({ type: 'init/state', state } satisfies ToWebview);
    this.ready = true;
    const queued = this.queue;
    this.queue = [];
    for (const msg of queued) this.post(msg);
  }

  private disposeView(): void {
    for (const d of this.viewListeners) d.dispose();
    this.viewListeners = [];
    this.view = undefined;
    this.ready = false;
  }

  dispose(): void {
    this.disposeView();
  }
}

function describeType(raw: unknown): string {
  const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
  return typeof type === 'string' ? type.slice(0, 40) : typeof raw;
}
