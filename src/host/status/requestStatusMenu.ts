import * as vscode from 'vscode';
import { endpointKey, concurrencyLimit, formatLocalTime } from '../../glm/schedulerLimits';
import { summarize, tokens } from '../../glm/usageLedger';
import type { ThinkingMode } from '../../glm/types';
import { resolveEndpoint } from '../../glm/settings';
import type { HostServices } from '../services';
import type { StatusMenuItem, StatusMenuProvider } from './glmStatusBar';
import { requestStatusPart } from '../../glm/requestStatusText';

/** Coalesces bursts of scheduler events (every slot grant and release) into one status update. */
const UPDATE_MS = 100;

/** Where requests go now, and the limit that applies there. */
export function currentEndpoint(services: HostServices): { endpoint: string; limit: number } {
  const s = services.config.get();
  const resolved = resolveEndpoint(s);
  return { endpoint: endpointKey(resolved.baseUrl), limit: concurrencyLimit(resolved.presetId, s.maxConcurrentRequests) };
}

/** The requests part of the GLM status bar item and its section of the click menu. */
export function registerRequestStatus(context: vscode.ExtensionContext, services: HostServices): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let wasLimited = false;
  const update = (): void => {
    timer = undefined;
    const { endpoint, limit } = currentEndpoint(services);
    const state = services.scheduler.state(endpoint, limit);
    services.statusBar.setRequestsPart(requestStatusPart({ model: services.config.get().model, state, now: Date.now() }, vscode.l10n));
    const limited = state.limitedUntil !== undefined;
    if (limited !== wasLimited) void vscode.commands.executeCommand('setContext', 'glm.requestsLimited', (wasLimited = limited));
  };
  const schedule = (): void => {
    timer ??= setTimeout(update, UPDATE_MS);
  };
  const off = services.scheduler.onDidChange(schedule);
  context.subscriptions.push(
    services.config.onDidChange(schedule),
    services.statusBar.addMenuItems(requestMenu(services)),
    vscode.commands.registerCommand('glm.resumeRequests', () => services.scheduler.resume(currentEndpoint(services).endpoint)),
    { dispose: () => (off(), timer && clearTimeout(timer)) },
  );
  update();
}

function requestMenu(services: HostServices): StatusMenuProvider {
  return {
    section: vscode.l10n.t('Requests'),
    items: (): StatusMenuItem[] => {
      const s = services.config.get();
      const { endpoint, limit } = currentEndpoint(services);
      const state = services.scheduler.state(endpoint, limit);
      const today = summarize(services.usage.get(), Date.now(), 1).total;
      const items: StatusMenuItem[] = [];
      if (state.limitedUntil !== undefined) {
        items.push({
          label: `$(debug-continue) ${vscode.l10n.t('Send Anyway')}`,
          description: vscode.l10n.t('limited until {0}', formatLocalTime(state.limitedUntil, Date.now())),
          detail: vscode.l10n.t('Resume sending before the usage cap resets; the endpoint may refuse again.'),
          run: () => vscode.commands.executeCommand('glm.resumeRequests'),
        });
      }
      items.push(
        { label: `$(symbol-class) ${vscode.l10n.t('Model')}`, description: s.model, run: () => vscode.commands.executeCommand('glm.selectModel') },
        { label: `$(lightbulb) ${vscode.l10n.t('Thinking')}`, description: thinkingLabel(s.thinking), run: () => pickThinking(services) },
        {
          label: `$(graph) ${vscode.l10n.t('Usage')}`,
          description: vscode.l10n.t('today: {0} tokens in {1} requests', tokens(today).toLocaleString(), today.requests),
          run: () => vscode.commands.executeCommand('glm.showUsage'),
        },
        { label: `$(plug) ${vscode.l10n.t('Test Connection')}`, run: () => vscode.commands.executeCommand('glm.testConnection') },
      );
      return items;
    },
  };
}

function thinkingLabel(mode: ThinkingMode): string {
  switch (mode) {
    case 'auto':
      return vscode.l10n.t('auto (model default)');
    case 'enabled':
      return vscode.l10n.t('on');
    case 'disabled':
      return vscode.l10n.t('off');
  }
}

async function pickThinking(services: HostServices): Promise<void> {
  const current = services.config.get().thinking;
  const modes: ThinkingMode[] = ['auto', 'enabled', 'disabled'];
  const picked = await vscode.window.showQuickPick(
    modes.map((mode) => ({ label: thinkingLabel(mode), description: mode === current ? vscode.l10n.t('current') : undefined, mode })),
    { title: vscode.l10n.t('GLM: Thinking Mode') },
  );
  if (picked) await services.config.update('thinking', picked.mode);
}
