import * as vscode from 'vscode';
import type { AskOrigin } from '../../chat/answerStarter';
import { ChatPanel, type ChatEditorActions } from '../../chat/chatPanel';
import type { ChatServices } from '../../chat/chatServices';
import { diffPreview } from '../../editor/diffPreview';
import type { ToWebview } from '../../shared/protocol';
import type { AgentService } from '../agent/agentService';
import { AgentReview } from '../agent/agentReview';
import { runErrorAction, type HostServices } from '../services';
import { codeAction, openLink } from './codeActions';
import { gatherChip } from './contextChips';
import { imageAction } from './imageActions';
import { runWelcomeAction } from './welcomeActions';

export interface ChatControllerDeps {
  services: HostServices;
  storageDir: string;
  memento: vscode.Memento;
  agent?: AgentService;
}

/**
 * The chat panel (src/chat/chatPanel.ts) wired to VS Code: its services, the editor actions it asks for, and
 * the settings and token changes it follows.
 */
export class ChatController implements vscode.Disposable {
  readonly panel: ChatPanel;
  readonly agentReview: AgentReview | undefined;
  private poster: (msg: ToWebview) => void = () => undefined;
  private readonly posted = new vscode.EventEmitter<ToWebview>();
  /** Every message posted to the webview (shown or not): for the test hook. */
  readonly onDidPost = this.posted.event;
  private readonly disposables: vscode.Disposable[] = [this.posted];

  constructor(private readonly deps: ChatControllerDeps) {
    this.panel = new ChatPanel(chatServices(deps), this.editorActions(), (msg) => this.post(msg));
    this.agentReview = deps.agent && new AgentReview(deps.agent, () => this.session.store(), (msg, chatId) => this.panel.postFor(msg, chatId));
    this.disposables.push(
      deps.services.config.onDidChange(() => void this.panel.onSettingsChange()),
      deps.services.secrets.onDidChange(() => void this.panel.postSettings()),
    );
  }

  get session(): ChatPanel['session'] {
    return this.panel.session;
  }

  setPoster(post: (msg: ToWebview) => void): void {
    this.poster = post;
  }

  post(msg: ToWebview): void {
    this.poster(msg);
    this.posted.fire(msg);
  }

  handle: ChatPanel['handle'] = (msg) => this.panel.handle(msg);
  ask = (text: string, origin?: AskOrigin): Promise<boolean> => this.panel.ask(text, origin);
  newChat = (): Promise<void> => this.panel.newChat();

  /** Focuses the input of the panel (after the view is revealed). */
  focusInput(): void {
    this.post({ type: 'input/focus' });
  }

  private editorActions(): ChatEditorActions {
    return {
      attachContext: gatherChip,
      code: (msg) => codeAction(msg, this.deps.services.proposals),
      openLink,
      errorAction: (action) => runErrorAction(action),
      welcome: runWelcomeAction,
      image: (msg) => imageAction(msg, this.session, (m) => this.post(m)),
      agent: async (msg) => this.agentReview?.handle(msg),
      saveMarkdown,
    };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    void this.session.dispose();
  }
}

function chatServices({ services, storageDir, memento, agent }: ChatControllerDeps): ChatServices {
  return {
    client: services.client,
    l10n: vscode.l10n,
    log: services.log,
    settings: () => services.config.get(),
    hasToken: async () => (await services.secrets.get()) !== undefined,
    requestDefaults: services.requestDefaults,
    describeError: services.describeError,
    state: { get: (key) => memento.get<string>(key), update: (key, value) => memento.update(key, value) },
    storageDir,
    ...(agent ? { agent: { service: agent, diffPreview: (change) => diffPreview(change, vscode.l10n) } } : {}),
  };
}

async function saveMarkdown(name: string, markdown: string): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Export chat as Markdown'),
    filters: { [vscode.l10n.t('Markdown')]: ['md'] },
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
  });
  if (target) await vscode.workspace.fs.writeFile(target, Buffer.from(markdown, 'utf8'));
}
