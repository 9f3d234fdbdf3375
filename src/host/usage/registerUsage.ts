import * as vscode from 'vscode';
import type { FeatureLoader } from '../featureLoader';
import type { HostServices } from '../services';
import type { UsagePanel } from './usagePanel';

/** "GLM: Show Usage". The page's code (dist/features/usage.js) loads when it is first shown. */
export function registerUsage(context: vscode.ExtensionContext, services: HostServices, features: FeatureLoader): void {
  let panel: UsagePanel | undefined;
  context.subscriptions.push(
    { dispose: () => panel?.dispose() },
    vscode.commands.registerCommand('glm.showUsage', () => {
      panel ??= new (features.load<{ UsagePanel: typeof UsagePanel }>('usage').UsagePanel)(context.extensionUri, services.usage);
      panel.show();
    }),
  );
}
