// The completion engine (dist/features/completions.js), loaded when the inline provider is first asked for
// ghost text; registerCompletions.ts registers the provider, the status part and the menu at activation.
import { TokenEstimator } from '../../chat/contextBudget';
import { CompletionEngine, type EngineDeps, type EngineEvent } from '../../editor/completions/completionEngine';
import { COMPLETION_REQUEST_OPTIONS } from '../../editor/completions/completionRequest';
import type { HostServices } from '../services';

/** The engine on the shared client; `onEvent` tells the status part what it does. */
export function createCompletionEngine(services: HostServices, onEvent: (event: EngineEvent) => void): CompletionEngine {
  return new CompletionEngine({
    estimator: new TokenEstimator(),
    stream: (request, signal) => contentOf(services, request, signal),
    now: () => Date.now(),
    sleep: (ms, signal) => abortableSleep(ms, signal),
    onEvent,
  });
}

/**
 * The answer's text as it streams, through the shared client (its retries, fallbacks and logging) at the
 * scheduler's lowest priority: a person's chat or command goes first, and a queued completion that a newer
 * one replaces is dropped instead of sent.
 */
async function* contentOf(services: HostServices, request: Parameters<EngineDeps['stream']>[0], signal: AbortSignal): AsyncIterable<string> {
  for await (const event of services.client.stream(request, signal, COMPLETION_REQUEST_OPTIONS)) {
    if (event.type === 'content' && event.index === 0) yield event.text;
  }
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted || ms <= 0) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
