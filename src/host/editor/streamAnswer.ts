import * as vscode from 'vscode';
import { GlmError } from '../../glm/errors';
import type { ChatMessage, FinishReason } from '../../glm/types';
import type { HostServices } from '../services';
import { queuedMessage } from '../../glm/requestStatusText';

export interface Answer {
  text: string;
  finishReason?: FinishReason;
  model?: string;
}

/**
 * Streams one answer (choice 0) and calls `onText` with the whole text so far after each piece.
 * Reasoning is not part of the answer: it only shows as "thinking" in the progress.
 */
export async function streamAnswer(
  services: HostServices,
  messages: ChatMessage[],
  signal: AbortSignal,
  onText: (textSoFar: string) => void,
  progress?: vscode.Progress<{ message?: string }>,
): Promise<Answer> {
  const answer: Answer = { text: '' };
  let thinking = false;
  const onQueued = (ahead: number): void => progress?.report({ message: queuedMessage(ahead, vscode.l10n) });
  for await (const ev of services.client.stream({ ...services.requestDefaults(), messages }, signal, { onQueued })) {
    switch (ev.type) {
      case 'start':
        answer.model = ev.model;
        break;
      case 'content':
        if (ev.index !== 0) break;
        answer.text += ev.text;
        if (thinking) progress?.report({ message: vscode.l10n.t('writing…') });
        thinking = false;
        onText(answer.text);
        break;
      case 'reasoning':
        if (!thinking && answer.text === '') progress?.report({ message: vscode.l10n.t('thinking…') });
        thinking = true;
        break;
      case 'fallback':
        answer.model = ev.toModel;
        progress?.report({ message: vscode.l10n.t('{0} is unavailable, answering with {1}…', ev.fromModel, ev.toModel) });
        break;
      case 'retry':
        progress?.report({ message: vscode.l10n.t('retrying ({0})…', ev.reason) });
        break;
      case 'finish':
        if (ev.index === 0) answer.finishReason = ev.finishReason;
        break;
      default:
        break;
    }
  }
  // A stream stopped by the signal may end quietly: that is a cancellation, not an answer.
  if (signal.aborted) throw new GlmError('cancelled', 'The request was cancelled.');
  return answer;
}

export function isCancellation(err: unknown, signal?: AbortSignal): boolean {
  return (err instanceof GlmError && err.kind === 'cancelled') || signal?.aborted === true;
}

/**
 * Runs `task` under a cancellable progress notification; its Cancel aborts `controller`, as does anything
 * else holding the controller (Escape, the editor closing).
 */
export function withCancellableProgress<T>(
  title: string,
  controller: AbortController,
  task: (progress: vscode.Progress<{ message?: string }>) => Promise<T>,
): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    const sub = token.onCancellationRequested(() => controller.abort());
    try {
      return await task(progress);
    } finally {
      sub.dispose();
    }
  });
}
