import * as vscode from 'vscode';
import { gateState, parseCompletionsSettings, type CompletionsSettings, type GateState } from '../../editor/completions/completionsGate';
import type { EngineEvent } from '../../editor/completions/completionEngine';
import type { HostServices } from '../services';
import { Disposable, toDisposable } from '../lifecycle';
import type { StatusPart } from '../../shared/statusPart';

const SECTION = 'glm.completions';
const SNOOZE_KEY = 'glm.completions.snoozedUntil';

export type Activity = { kind: 'idle' } | { kind: 'working' } | { kind: 'error'; reason: string; message: string; err: unknown };

/**
 * Completions' state for the whole window: settings, snooze (kept across reloads), what the engine is
 * doing, and the status bar part that shows it. Errors go to the item and the log, never to a dialog.
 */
export class CompletionsController extends Disposable {
  private activity: Activity = { kind: 'idle' };
  private snoozeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly services: HostServices, private readonly state: vscode.Memento) {
    super();
    this.register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('glm') || e.affectsConfiguration('editor.inlineSuggest')) this.render();
    }));
    this.register(vscode.window.onDidChangeActiveTextEditor(() => this.render()));
    this.register(toDisposable(() => clearTimeout(this.snoozeTimer)));
    this.armSnoozeTimer();
    this.render();
  }

  settings(): CompletionsSettings {
    const c = vscode.workspace.getConfiguration(SECTION);
    return parseCompletionsSettings({ enabled: c.get('enabled'), model: c.get('model'), disabledLanguages: c.get('disabledLanguages') });
  }

  gate(document: vscode.TextDocument | undefined): GateState {
    return gateState({
      settings: this.settings(),
      preset: this.services.config.get().preset,
      now: Date.now(),
      snoozedUntil: this.state.get<number>(SNOOZE_KEY),
      languageId: document?.languageId,
      inlineSuggestEnabled: vscode.workspace.getConfiguration('editor', document).get('inlineSuggest.enabled', true),
    });
  }

  get lastActivity(): Activity {
    return this.activity;
  }

  onEngineEvent(event: EngineEvent): void {
    switch (event.type) {
      case 'request':
        this.setActivity({ kind: 'working' });
        return;
      case 'answer':
      case 'hit':
      case 'aborted':
        if (this.activity.kind === 'working' || event.type === 'answer') this.setActivity({ kind: 'idle' });
        return;
      case 'error':
        this.failed(event.error);
        return;
    }
  }

  async snooze(minutes: number | undefined): Promise<void> {
    await this.state.update(SNOOZE_KEY, minutes ? Date.now() + minutes * 60_000 : undefined);
    this.armSnoozeTimer();
    this.render();
  }

  async update(key: 'enabled' | 'model' | 'disabledLanguages', value: unknown): Promise<void> {
    await vscode.workspace.getConfiguration(SECTION).update(key, value, vscode.ConfigurationTarget.Global);
  }

  private failed(err: unknown): void {
    const described = this.services.describeError(err);
    this.services.log.warn(`Inline completion failed: ${described.kind}: ${described.message}`);
    this.setActivity({ kind: 'error', reason: shortReason(described.kind), message: described.message, err });
  }

  private setActivity(activity: Activity): void {
    this.activity = activity;
    this.render();
  }

  private armSnoozeTimer(): void {
    if (this.snoozeTimer) clearTimeout(this.snoozeTimer);
    const until = this.state.get<number>(SNOOZE_KEY);
    if (until && until > Date.now()) this.snoozeTimer = setTimeout(() => this.render(), Math.min(until - Date.now() + 50, 2 ** 31 - 1));
  }

  render(): void {
    if (this.isDisposed) return;
    this.services.statusBar.setCompletionsPart(statusPart(this.gate(vscode.window.activeTextEditor?.document), this.activity));
  }

}

function shortReason(kind: string): string {
  switch (kind) {
    case 'auth': return vscode.l10n.t('token rejected');
    case 'rateLimit': return vscode.l10n.t('rate limited');
    case 'quota': return vscode.l10n.t('quota used up');
    case 'network': return vscode.l10n.t('offline');
    case 'timeout': return vscode.l10n.t('timed out');
    case 'unavailable': return vscode.l10n.t('service unavailable');
    default: return vscode.l10n.t('request failed');
  }
}

export function statusPart(gate: GateState, activity: Activity): StatusPart {
  switch (gate.kind) {
    case 'off': {
      const why = {
        setting: vscode.l10n.t('turned off'),
        payPerToken: vscode.l10n.t('off for pay-per-token endpoints (one click to enable)'),
        language: vscode.l10n.t('off for this language'),
        editorSetting: vscode.l10n.t('off: `editor.inlineSuggest.enabled` is false'),
      }[gate.reason];
      return { text: '$(circle-slash)', tooltip: vscode.l10n.t('GLM completions: {0}', why) };
    }
    case 'snoozed':
      return { text: '$(clock)', tooltip: vscode.l10n.t('GLM completions: snoozed until {0}', new Date(gate.until).toLocaleTimeString()) };
    case 'on':
      if (activity.kind === 'working') return { text: '$(loading~spin)', tooltip: vscode.l10n.t('GLM completions: working…') };
      if (activity.kind === 'error') {
        return { text: '$(warning)', tooltip: vscode.l10n.t('GLM completions: {0}', activity.reason), severity: 'warning' };
      }
      return { text: '$(sparkle)', tooltip: vscode.l10n.t('GLM completions: on') };
  }
}
