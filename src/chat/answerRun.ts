import type { WebSource } from '../glm/webSearch';
import type { GlmClient } from '../glm/glmClient';
import type { RequestOptions } from '../glm/schedulerRun';
import type { ToolLoopEvent } from '../glm/toolLoop';
import type { ChatRequest, StreamEvent, Usage } from '../glm/types';
import type { Chat, TurnError } from './conversation';
import type { HistoryStore } from './historyStore';
import type { TokenEstimator } from './contextBudget';
import { chatUsageView, errorView, usageView } from './viewModel';
import { DeltaBatcher } from './deltaBatcher';
import type { ToWebview } from '../shared/protocol';

export interface AnswerRunDeps {
  store: HistoryStore;
  client: GlmClient;
  estimator: TokenEstimator;
  /** Posts to the webview when it shows `chatId`. */
  post(msg: ToWebview, chatId: string): void;
  describe(err: unknown, model: string): TurnError;
  logError(message: string): void;
  /** Agent mode: the tool loop replaces the single stream, and its own events are handled there. */
  agent?: AgentRunHooks;
}

export interface AgentRunHooks {
  events(request: ChatRequest, signal: AbortSignal, options: RequestOptions): AsyncIterable<StreamEvent | ToolLoopEvent>;
  /** True when the agent handled the event (tool steps, per-round thinking); else the answer handles it. */
  handle(ev: StreamEvent | ToolLoopEvent): boolean;
  /** Before the end is saved and posted: the turn's changed files. */
  end(): Promise<void>;
}

/**
 * Streams one answer into the history and the webview. Stop aborts the HTTP request at once; whatever
 * arrived stays in the turn (memory and disk) with status `stopped`; a failure keeps it too, with the error.
 */
export class AnswerRun {
  private readonly abort = new AbortController();
  private readonly batcher = new DeltaBatcher((kind, text) =>
    this.post({ type: 'stream/delta', requestId: this.requestId, turnId: this.turnId, kind, index: 0, text }),
  );
  private sources: WebSource[] = [];
  private model: string;
  private usage: Usage | undefined;
  private finishReason = '';
  done: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: AnswerRunDeps,
    readonly requestId: string,
    readonly chat: Chat,
    readonly turnId: string,
    private readonly request: ChatRequest,
    /** Uncalibrated estimate of the prompt, to learn from usage.prompt_tokens. */
    private readonly rawPromptTokens: number,
  ) {
    this.model = request.model;
  }

  start(): void {
    this.done = this.run();
  }

  stop(): void {
    this.abort.abort();
  }

  get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  /** The webview just got a snapshot of the chat that already holds everything streamed so far. */
  discardPending(): void {
    this.batcher.discard();
  }

  private async run(): Promise<void> {
    const { store, client } = this.deps;
    try {
      const onQueued = (ahead: number): void => this.post({ type: 'stream/queued', requestId: this.requestId, turnId: this.turnId, ahead });
      const agent = this.deps.agent;
      const events = agent ? agent.events(this.request, this.abort.signal, { onQueued }) : client.stream(this.request, this.abort.signal, { onQueued });
      for await (const ev of events) {
        if (agent?.handle(ev)) continue;
        switch (ev.type) {
          case 'start':
            this.model = ev.model;
            break;
          case 'content':
          case 'reasoning':
            if (ev.index !== 0) break;
            store.appendDelta(this.chat, this.turnId, ev.type === 'content' ? { text: ev.text } : { thinking: ev.text });
            this.batcher.push(ev.type, ev.text);
            break;
          case 'usage':
            this.onUsage(ev.usage);
            break;
          case 'webSources':
            this.sources = ev.sources;
            this.post({ type: 'stream/sources', requestId: this.requestId, turnId: this.turnId, sources: ev.sources });
            break;
          case 'retry':
            this.post({ type: 'stream/retry', requestId: this.requestId, turnId: this.turnId, attempt: ev.attempt, delayMs: ev.delayMs, reason: ev.reason });
            break;
          case 'fallback':
            this.model = ev.toModel;
            await store.recordFallback(this.chat.id, this.turnId, ev.fromModel, ev.toModel).catch((err: unknown) => this.logSaveError(err));
            this.post({ type: 'stream/fallback', requestId: this.requestId, turnId: this.turnId, fromModel: ev.fromModel, toModel: ev.toModel });
            break;
          case 'finish':
            if (ev.index !== 0) break;
            this.finishReason = ev.finishReason;
            this.model = ev.model || this.model;
            break;
          default:
            break; // tool events: only agent mode sends tools, and it handles them above
        }
      }
      await this.end({ status: 'done' });
    } catch (err) {
      if (this.stopped) await this.end({ status: 'stopped' });
      else await this.end({ status: 'error', error: this.deps.describe(err, this.model) });
    }
  }

  private onUsage(usage: Usage): void {
    this.usage = usage;
    this.deps.estimator.calibrate(this.rawPromptTokens, usage.prompt_tokens);
    this.batcher.flush();
    const totals = chatUsageView(this.chat, usage.prompt_tokens + usage.completion_tokens);
    // The chat totals do not hold this answer's usage until it is finished: add it for the live meter.
    totals.promptTokens += usage.prompt_tokens;
    totals.completionTokens += usage.completion_tokens;
    totals.totalTokens += usage.total_tokens;
    this.post({ type: 'stream/usage', requestId: this.requestId, turnId: this.turnId, usage: usageView(usage), chatUsage: totals });
  }

  private async end(outcome: { status: 'done' | 'stopped' | 'error'; error?: TurnError }): Promise<void> {
    this.batcher.flush();
    await this.deps.agent?.end().catch((err: unknown) => this.deps.logError(`Agent turn end failed: ${String(err)}`));
    try {
      await this.deps.store.finishAnswer(this.chat.id, this.turnId, {
        status: outcome.status,
        model: this.model,
        ...(this.usage ? { usage: this.usage } : {}),
        ...(this.finishReason ? { finishReason: this.finishReason } : {}),
        ...(outcome.error ? { error: outcome.error } : {}),
        ...(this.sources.length ? { sources: this.sources } : {}),
      });
    } catch (err) {
      this.logSaveError(err);
    }
    if (outcome.error) {
      this.post({ type: 'stream/error', requestId: this.requestId, turnId: this.turnId, error: errorView(outcome.error) });
    } else {
      this.post({
        type: 'stream/end', requestId: this.requestId, turnId: this.turnId,
        finishReason: this.finishReason || (this.stopped ? 'stop' : ''), model: this.model, stopped: outcome.status === 'stopped',
      });
    }
  }

  /** The chat may have been deleted mid-answer; nothing left to save. */
  private logSaveError(err: unknown): void {
    this.deps.logError(`Could not save an answer's progress: ${err instanceof Error ? err.message : String(err)}`);
  }

  private post(msg: ToWebview): void {
    this.deps.post(msg, this.chat.id);
  }
}
