import * as vscode from 'vscode';
import type { WelcomeActionId } from '../../shared/protocol';

/** The walkthrough contributed in package.json (`contributes.walkthroughs`), as `publisher.name#id`. */
export const WALKTHROUGH_ID = 'glm-code-assistant.glm-code-assistant#glm.gettingStarted';

/** The empty chat's setup buttons run the same commands as the palette and the walkthrough steps. */
export async function runWelcomeAction(action: WelcomeActionId): Promise<void> {
  switch (action) {
    case 'setToken':
      await vscode.commands.executeCommand('glm.setApiToken');
      return;
    case 'choosePreset':
      await vscode.commands.executeCommand('workbench.action.openSettings', 'glm.preset');
      return;
    case 'testConnection':
      await vscode.commands.executeCommand('glm.testConnection');
      return;
    case 'openWalkthrough':
      await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false);
      return;
  }
}
