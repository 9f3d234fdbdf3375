// The bolted-on provider the engine is measured against: a request on every keystroke, no wait for a pause,
// no cache, no typing through. It still honours cancellation and uses the same prompt and post-processing,
// so the difference in the figures is the engine's cost control alone. Lives in bench/ only.
import type { TokenEstimator } from '../src/chat/contextBudget';
import type { CompletionInput, CompletionResult, EngineEvent } from '../src/editor/completions/completionEngine';
import { cursorLine } from '../src/editor/completions/completionEngine';
import { completionMode } from '../src/editor/completions/completionMode';
import { completionMessages, DEFAULT_BUDGET, promptWindow } from '../src/editor/completions/completionPrompt';
import { COMPLETION_REQUEST_OPTIONS, completionRequest } from '../src/editor/completions/completionRequest';
import { postProcess } from '../src/editor/completions/completionShape';
import type { GlmClient } from '../src/glm/glmClient';

export class NaiveProvider {
  constructor(
    private readonly client: GlmClient,
    private readonly estimator: TokenEstimator,
    private readonly onEvent: (e: EngineEvent) => void,
    /** The bench's timing record of the latest call: when the request went out and the answer came back. */
    private readonly calls: Array<{ sent?: number; received?: number }>,
  ) {}

  async complete(input: CompletionInput, signal: AbortSignal): Promise<CompletionResult | undefined> {
    const line = cursorLine(input.doc);
    const mode = completionMode(line);
    const window = promptWindow(input.doc, DEFAULT_BUDGET, this.estimator);
    const request = completionRequest(input.model, completionMessages(input.doc, window, [], mode), mode);
    this.onEvent({ type: 'request', waitedMs: 0 });
    const call = this.calls[this.calls.length - 1];
    try {
      call.sent = performance.now();
      const answer = await this.client.complete(request, signal, COMPLETION_REQUEST_OPTIONS);
      call.received = performance.now();
      const lines = input.doc.suffix.split('\n');
      const text = postProcess(answer.choices[0]?.message.content ?? '', {
        ...line, mode, indent: input.indent, linesAbove: input.doc.prefix.split('\n').slice(-4, -1), linesBelow: lines.slice(1, 4),
      });
      this.onEvent({ type: 'answer', shown: !!text });
      return text ? { text, source: 'model' } : undefined;
    } catch (error) {
      this.onEvent(signal.aborted ? { type: 'aborted' } : { type: 'error', error });
      return undefined;
    }
  }
}
