import * as vscode from 'vscode';
import type { HostServices } from '../services';

/**
 * Hidden commands that let integration tests observe the host. Registered only outside production (the
 * extension under development or test), and hidden from the palette.
 */
export function registerDebugCommands(context: vscode.ExtensionContext, services: HostServices): void {
  if (context.extensionMode === vscode.ExtensionMode.Production) return;
  context.subscriptions.push(
    vscode.commands.registerCommand('glm.debug.recentLog', () => [...services.log.recent()]),
    vscode.commands.registerCommand('glm.debug.streamCompletion', (prompt: string) => streamCompletion(services, prompt)),
    vscode.commands.registerCommand('glm.debug.setMockScenario', (scenario: unknown) =>
      services.config.setMockScenario(typeof scenario === 'string' && scenario !== '' ? scenario : undefined),
    ),
  );
}

/** One streamed answer through the real service, as the chat and the editor commands run it. */
async function streamCompletion(services: HostServices, prompt: string) {
  const answer = { text: '', chunks: 0, finishReason: undefined as string | undefined, model: undefined as string | undefined };
  const request = { ...services.requestDefaults(), messages: [{ role: 'user' as const, content: prompt }] };
  for await (const ev of services.client.stream(request)) {
    if (ev.type === 'content' && ev.index === 0) {
      answer.text += ev.text;
      answer.chunks++;
    } else if (ev.type === 'finish' && ev.index === 0) {
      answer.finishReason = ev.finishReason;
      answer.model = ev.model;
    }
  }
  return answer;
}
