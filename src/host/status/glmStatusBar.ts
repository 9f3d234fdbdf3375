import * as vscode from 'vscode';
import type { StatusPart, StatusSeverity } from '../../shared/statusPart';
import { Disposable } from '../lifecycle';

/**
 * The one `GLM` status bar item of the extension. Features own a part of it instead of adding items of
 * their own: completions put their state icon before the name, requests their model/queue text after it.
 * The severity of the worst part colours the item; clicking opens one quick pick built from every
 * feature's menu provider, each in its own section.
 */

export interface StatusMenuItem {
  label: string;
  description?: string;
  detail?: string;
  /** Runs after the user picked the item (the quick pick is closed by then). */
  run(): unknown;
}

export interface StatusMenuProvider {
  /** Section title in the quick pick. */
  readonly section: string;
  items(): StatusMenuItem[] | Thenable<StatusMenuItem[]>;
}

export type StatusPartId = 'completions' | 'requests';

const SHOW_MENU_COMMAND = 'glm.showStatusMenu';
const SEVERITY_RANK: Record<StatusSeverity, number> = { info: 0, warning: 1, error: 2 };

export class GlmStatusBar extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('glm.status', vscode.StatusBarAlignment.Right, 100));
  private readonly parts = new Map<StatusPartId, StatusPart>();
  private readonly providers: StatusMenuProvider[] = [];

  constructor() {
    super();
    this.register(vscode.commands.registerCommand(SHOW_MENU_COMMAND, () => this.showMenu()));
    this.item.name = 'GLM';
    this.item.command = SHOW_MENU_COMMAND;
    this.render();
    this.item.show();
  }

  setCompletionsPart(part: StatusPart | undefined): void {
    this.setPart('completions', part);
  }

  setRequestsPart(part: StatusPart | undefined): void {
    this.setPart('requests', part);
  }

  setPart(id: StatusPartId, part: StatusPart | undefined): void {
    if (part) this.parts.set(id, part);
    else this.parts.delete(id);
    this.render();
  }

  /** Adds a section to the click menu; disposing the result removes it. */
  addMenuItems(provider: StatusMenuProvider): vscode.Disposable {
    this.providers.push(provider);
    return new vscode.Disposable(() => {
      const at = this.providers.indexOf(provider);
      if (at >= 0) this.providers.splice(at, 1);
    });
  }

  async showMenu(): Promise<void> {
    type Entry = vscode.QuickPickItem & { run?: () => unknown };
    const entries: Entry[] = [];
    for (const provider of this.providers) {
      const items = await provider.items();
      if (items.length === 0) continue;
      entries.push({ label: provider.section, kind: vscode.QuickPickItemKind.Separator });
      entries.push(...items.map((i) => ({ label: i.label, description: i.description, detail: i.detail, run: () => i.run() })));
    }
    const picked = await vscode.window.showQuickPick(entries, { title: vscode.l10n.t('GLM'), placeHolder: this.plainTooltip() });
    await picked?.run?.();
  }

  private render(): void {
    const completions = this.parts.get('completions');
    const requests = this.parts.get('requests');
    this.item.text = [completions?.text, 'GLM', requests?.text].filter((t) => t).join(' ');
    const tooltip = new vscode.MarkdownString([...this.parts.values()].map((p) => p.tooltip).filter((t) => t).join('\n\n'), true);
    this.item.tooltip = tooltip.value ? tooltip : vscode.l10n.t('GLM Code Assistant');
    this.item.accessibilityInformation = { label: this.plainTooltip() || 'GLM' };
    const worst = [...this.parts.values()].reduce<StatusSeverity>(
      (w, p) => (SEVERITY_RANK[p.severity ?? 'info'] > SEVERITY_RANK[w] ? p.severity ?? 'info' : w), 'info');
    this.item.backgroundColor = worst === 'info' ? undefined : new vscode.ThemeColor(`statusBarItem.${worst}Background`);
  }

  private plainTooltip(): string {
    return [...this.parts.values()].map((p) => p.tooltip?.replace(/\$\([^)]*\)\s*/g, '')).filter((t) => t).join(' · ');
  }
}
