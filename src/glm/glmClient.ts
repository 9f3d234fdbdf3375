/**
 * GLM service client: the one way the extension talks to a GLM endpoint. No `vscode` here; the host passes
 * the token getter, a logger and the settings in.
 *
 * ```ts
 * const client = new GlmClient(() => ({ baseUrl, presetId, getToken, fallbackModels, logger }));
 * for await (const ev of client.stream({ model: 'glm-4.7', messages }, abortSignal)) {
 *   switch (ev.type) {
 *     case 'content': ...      // answer text of choice ev.index
 *     case 'reasoning': ...    // thinking text (show apart, never part of the answer)
 *     case 'toolCallDelta': ...// tool-call arguments growing; 'toolCall' when finished (args parsed)
 *     case 'retry': case 'fallback': ... // tell the user; a new 'start' follows
 *     case 'finish': ...       // ev.finishReason, ev.model = the model that answered
 *   }
 * }
 * const completion = await client.complete(request, abortSignal); // non-streamed: id, model, choices, usage
 * ```
 *
 * - `stream(request, signal)` returns an async iterable of `StreamEvent` (src/glm/types.ts): `start`,
 *   `content` / `reasoning` per choice index (n > 1 works; deltas that arrive in one network read come as
 *   one event), `toolCallDelta` / `toolCall`, `usage`, `retry`, `fallback`, `finish`. It ends normally only
 *   on success (`finish_reason` content_filter / length arrive as `finish`); every failure is thrown as a
 *   `GlmError`, after whatever content arrived before it. Breaking out of the loop closes the connection.
 * - Tool calling over several rounds: `runToolLoop` in src/glm/toolLoop.ts.
 * - `complete(request, signal)` sends `stream: false` and resolves with the whole `ChatCompletion`.
 * - Errors: `GlmError` (src/glm/errors.ts) with `kind` (auth, rateLimit, quota, badRequest, unsupported,
 *   contentFilter, contextOverflow, unavailable, network, timeout, truncated, cancelled), `status`, `code`
 *   (gateway or Zhipu business code), `traceId`, `retryable`, `retryAfterMs`, `model`, `resetAt` and an
 *   English `message`. The token never appears in an error or a log line.
 * - Retries: retryable errors are retried with backoff (0.5 s x 2^n, jitter, max 8 s; Retry-After up to
 *   60 s) only before any content of the attempt was yielded; when the upstream stays unavailable the next
 *   of `fallbackModels` is tried. Content filter, auth and quota errors are never retried.
 * - Aborting `signal` stops at once (also during a backoff wait) with kind `cancelled`; no headers within
 *   `connectTimeoutMs` or no bytes for `idleTimeoutMs` gives kind `timeout`.
 * - Scheduling: every HTTP attempt waits for a slot of the `scheduler` (src/glm/scheduler.ts; one per client
 *   unless the config shares one). The optional third argument, `RequestOptions` (src/glm/schedulerRun.ts),
 *   sets `priority` ('interactive' default, 'agent', 'completion'), `onQueued(ahead)`, `ignoreLimit`, `isStale`.
 */

import { BatchIterator } from './batchIterator';
import { ChunkAssembler } from './chunkAssembler';
import { completionToEvents, normalizeCompletion } from './completion';
import { errorFromPayload, parseErrorPayload } from './errorMapping';
import { chatCompletionsUrl } from './endpointUrl';
import { GlmError, scrubUserinfo, toGlmError } from './errors';
import { HttpAttempt, safeHost } from './httpAttempt';
import { getPreset, type PresetId } from './presets';
import { buildRequestBody } from './requestBuilder';
import { defaultSleep, modelChain, withRetries, type ControlEvent, type RetryPolicy, type Sleep } from './retry';
import { RequestScheduler } from './scheduler';
import { scheduleContext, scheduledAttempt, type RequestOptions, type ScheduleContext, type UsageRecord } from './schedulerRun';
import { checkResponse, readSseBatches, readText, type BodyKind, type CheckedBody } from './sseStream';
import type { ChatCompletion, ChatRequest, StreamEvent } from './types';

export interface GlmLogger {
  debug?(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface GlmClientConfig {
  /** e.g. https://api.acedata.cloud/glm ; the client appends /chat/completions. */
  baseUrl: string;
  /** Drives clamping and which parameters are sent. */
  presetId: PresetId;
  getToken: () => Promise<string | undefined> | string | undefined;
  /** Tried in order after the requested model when the upstream is unavailable. */
  fallbackModels?: string[];
  maxRetries?: number;
  /** Until response headers. */
  connectTimeoutMs?: number;
  /** No bytes for this long mid-body. */
  idleTimeoutMs?: number;
  /** Sent with every request (e.g. `x-mock-scenario` for the local mock); cannot replace auth or content type. */
  extraHeaders?: Record<string, string>;
  /** Shared by every client of the extension so all features queue together; a client without one has its own. */
  scheduler?: RequestScheduler;
  /** `glm.maxConcurrentRequests`: 0 or unset means the preset's default (src/glm/schedulerLimits.ts). */
  maxConcurrentRequests?: number;
  /** Token usage of each answer (never content), for the usage statistics. */
  onUsage?: (record: UsageRecord) => void;
  fetch?: typeof fetch;
  logger?: GlmLogger;
  sleep?: Sleep;
  random?: () => number;
}

const DEFAULTS = { maxRetries: 3, connectTimeoutMs: 30_000, idleTimeoutMs: 60_000 };

/** Events that mean part of an answer reached the caller: no retry after one of these. */
const CONTENT_EVENTS: ReadonlySet<StreamEvent['type']> = new Set(['content', 'reasoning', 'toolCallDelta', 'toolCall', 'finish']);

type Resolved = Required<Pick<GlmClientConfig, 'maxRetries' | 'connectTimeoutMs' | 'idleTimeoutMs' | 'sleep' | 'random'>> &
  GlmClientConfig & { fetch: typeof fetch };

export class GlmClient {
  private ownScheduler: RequestScheduler | undefined;

  constructor(private readonly config: GlmClientConfig | (() => GlmClientConfig)) {}

  stream(request: ChatRequest, signal?: AbortSignal, options: RequestOptions = {}): AsyncIterableIterator<StreamEvent> {
    return new BatchIterator<StreamEvent>(this.streamBatches(request, signal, options));
  }

  private async *streamBatches(request: ChatRequest, signal: AbortSignal | undefined, options: RequestOptions): AsyncGenerator<StreamEvent[] | StreamEvent, void, undefined> {
    const cfg = this.resolve();
    const run = (model: string) => scheduledAttempt(
      this.scheduling(cfg, model, options, signal), () => this.streamAttempt(cfg, { ...request, model }, signal),
      (batch) => batch.some((ev) => CONTENT_EVENTS.has(ev.type)),
      (batch) => batch.find((ev) => ev.type === 'usage')?.usage,
    );
    const items = withRetries<StreamEvent[]>(
      modelChain(request.model, cfg.fallbackModels), this.policy(cfg, signal), run,
      (batch) => batch.some((ev) => CONTENT_EVENTS.has(ev.type)),
      (error, model) => toGlmError(error).withModel(model),
    );
    for await (const item of items) {
      if (!Array.isArray(item)) this.logControl(cfg, item);
      yield item;
    }
  }

  async complete(request: ChatRequest, signal?: AbortSignal, options: RequestOptions = {}): Promise<ChatCompletion> {
    const cfg = this.resolve();
    const run = (model: string) => scheduledAttempt(
      this.scheduling(cfg, model, options, signal), () => this.completeAttempt(cfg, { ...request, model }, signal),
      () => true, (completion) => completion.usage,
    );
    const items = withRetries<ChatCompletion>(
      modelChain(request.model, cfg.fallbackModels), this.policy(cfg, signal), run,
      () => true,
      (error, model) => toGlmError(error).withModel(model),
    );
    for await (const item of items) {
      if ('type' in item) this.logControl(cfg, item);
      else return item;
    }
    throw new GlmError('truncated', 'The endpoint returned no answer.', { model: request.model });
  }

  private async *streamAttempt(cfg: Resolved, request: ChatRequest, signal?: AbortSignal): AsyncGenerator<StreamEvent[]> {
    const { attempt, url, token, started } = await this.prepare(cfg, request, true, signal);
    const ctx = { model: request.model, secret: token, host: safeHost(url) };
    let events = 0;
    try {
      const { kind, body } = await this.openResponse(cfg, attempt, 'sse', ctx, started);
      if (kind === 'json' || !body) {
        // The endpoint ignored `stream: true` and answered in one piece.
        const text = body ? await readText(body, attempt.onRead) : '';
        yield completionToEvents(this.parseCompletion(text, request.model, token));
        return;
      }
      const assembler = new ChunkAssembler(request.model);
      let sawDone = false;
      for await (const messages of readSseBatches(body, attempt.onRead)) {
        const out: StreamEvent[] = [];
        // What arrived before a failure is still delivered, so the outcome never depends on how the
        // network happened to batch the bytes.
        let failure: unknown;
        try {
          for (let i = 0; i < messages.length; i++) {
            const { event, data } = messages[i];
            if (data === '[DONE]') {
              sawDone = true;
              break;
            }
            const json = parseJson(data, event === 'error' ? undefined : request.model);
            if (event === 'error' || (typeof json === 'object' && json !== null && (json as { error?: unknown }).error)) {
              throw errorFromPayload(parseErrorPayload(json) ?? { message: data }, { model: request.model, secret: token });
            }
            assembler.push(json, out);
          }
        } catch (error) {
          failure = error;
        }
        events += out.length;
        if (out.length > 0) yield out;
        if (failure !== undefined) throw failure;
        if (sawDone) break;
      }
      const tail: StreamEvent[] = [];
      assembler.end(sawDone, tail);
      if (tail.length > 0) yield tail;
      this.log(cfg, 'info', `done model=${assembler.model} events=${events} in ${ms(started)}`);
    } catch (error) {
      throw this.failed(cfg, attempt.mapError(error), request.model, started);
    } finally {
      attempt.close();
    }
  }

  private async *completeAttempt(cfg: Resolved, request: ChatRequest, signal?: AbortSignal): AsyncGenerator<ChatCompletion> {
    const { attempt, url, token, started } = await this.prepare(cfg, request, false, signal);
    const ctx = { model: request.model, secret: token, host: safeHost(url) };
    try {
      const { kind, body } = await this.openResponse(cfg, attempt, 'json', ctx, started);
      if (kind === 'sse') {
        throw new GlmError('badRequest', 'The endpoint answered a non-streaming request with an event stream. Check the preset and base URL.', { model: request.model, retryable: false });
      }
      const completion = this.parseCompletion(body ? await readText(body, attempt.onRead) : '', request.model, token);
      this.log(cfg, 'info', `done model=${completion.model} in ${ms(started)}`);
      yield completion;
    } catch (error) {
      throw this.failed(cfg, attempt.mapError(error), request.model, started);
    } finally {
      attempt.close();
    }
  }

  /** Sends the request, logs the status, starts the idle watchdog and checks status and Content-Type. */
  private async openResponse(
    cfg: Resolved,
    attempt: HttpAttempt,
    expected: BodyKind,
    ctx: { model: string; secret: string | undefined; host: string },
    started: number,
  ): Promise<CheckedBody> {
    const response = await attempt.open(expected === 'sse' ? 'text/event-stream' : 'application/json');
    this.log(cfg, 'info', `${response.status} ${ctx.host} model=${ctx.model} headers after ${ms(started)}`);
    attempt.watchIdle();
    return checkResponse(response, expected, ctx);
  }

  private failed(cfg: Resolved, mapped: GlmError, model: string, started: number): GlmError {
    this.log(cfg, mapped.kind === 'cancelled' ? 'info' : 'warn', `failed model=${model} after ${ms(started)}: ${mapped.kind} ${mapped.message}`);
    return mapped;
  }

  private parseCompletion(text: string, model: string, token: string | undefined): ChatCompletion {
    const json = parseJson(text, model);
    const payload = json !== null && typeof json === 'object' && !Array.isArray((json as { choices?: unknown }).choices)
      ? parseErrorPayload(json)
      : undefined;
    if (payload) throw errorFromPayload(payload, { model, secret: token });
    return normalizeCompletion(json, model);
  }

  private async prepare(cfg: Resolved, request: ChatRequest, stream: boolean, signal?: AbortSignal) {
    const started = performance.now();
    const preset = getPreset(cfg.presetId);
    const token = (await cfg.getToken())?.trim() || undefined;
    if (!token && preset.family !== 'local' && preset.family !== 'custom') {
      throw new GlmError('auth', 'No API token is set. Set one with "GLM: Set API Token".', { code: 'no_token', model: request.model });
    }
    const url = chatCompletionsUrl(cfg.baseUrl, request.model);
    const body = JSON.stringify(buildRequestBody(request, preset, stream));
    this.log(cfg, 'info', `POST ${loggableUrl(url)} model=${request.model} stream=${stream} preset=${preset.id}`);
    const attempt = new HttpAttempt({
      url, body, token, fetch: cfg.fetch, signal, model: request.model, extraHeaders: cfg.extraHeaders,
      connectTimeoutMs: cfg.connectTimeoutMs, idleTimeoutMs: cfg.idleTimeoutMs,
    });
    return { attempt, url, token, started };
  }

  /** Where this client's requests queue: the shared scheduler of the config, else the client's own. */
  get scheduler(): RequestScheduler {
    const cfg = this.resolve();
    return cfg.scheduler ?? (this.ownScheduler ??= new RequestScheduler({ log: (m) => cfg.logger?.debug?.(m) }));
  }

  private scheduling(cfg: Resolved, model: string, options: RequestOptions, signal?: AbortSignal): ScheduleContext {
    return scheduleContext(cfg, cfg.scheduler ?? this.scheduler, model, options, signal);
  }

  private resolve(): Resolved {
    const raw = typeof this.config === 'function' ? this.config() : this.config;
    return {
      ...raw,
      maxRetries: nonNegative(raw.maxRetries, DEFAULTS.maxRetries),
      connectTimeoutMs: positive(raw.connectTimeoutMs, DEFAULTS.connectTimeoutMs),
      idleTimeoutMs: positive(raw.idleTimeoutMs, DEFAULTS.idleTimeoutMs),
      sleep: raw.sleep ?? defaultSleep,
      random: raw.random ?? Math.random,
      fetch: raw.fetch ?? globalThis.fetch.bind(globalThis),
    };
  }

  private policy(cfg: Resolved, signal?: AbortSignal): RetryPolicy {
    return { maxRetries: cfg.maxRetries, sleep: cfg.sleep, random: cfg.random, signal };
  }

  private logControl(cfg: Resolved, ev: ControlEvent): void {
    if (ev.type === 'retry') this.log(cfg, 'warn', `retry #${ev.attempt} in ${ev.delayMs} ms: ${ev.reason}`);
    else this.log(cfg, 'warn', `fallback ${ev.fromModel} -> ${ev.toModel}: ${ev.reason}`);
  }

  private log(cfg: Resolved, level: 'info' | 'warn', message: string): void {
    cfg.logger?.[level](scrubUserinfo(message));
  }
}

/** JSON of one event or body; malformed JSON is a failed attempt (retryable before content). */
function parseJson(text: string, model: string | undefined): unknown {
  try {
    return JSON.parse(text);
  } catch {
    if (model === undefined) return null;
    throw new GlmError('network', 'The endpoint sent malformed data (not valid JSON). Try again.', { model, code: 'malformed' });
  }
}

/** The URL without user info or query (a proxy URL may carry credentials). */
function loggableUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

function ms(since: number): string {
  return `${Math.round(performance.now() - since)} ms`;
}

function nonNegative(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : fallback;
}

function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}
