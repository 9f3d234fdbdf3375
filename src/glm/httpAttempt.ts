// One HTTP request to the endpoint with its own AbortController, so that cancel, the connect timeout (no
// response headers in time) and the idle timeout (no bytes in time) all close the connection at once, and
// each is reported as its own GlmError kind.

import { cancelledError, GlmError, toGlmError } from './errors';

export interface AttemptOptions {
  url: string;
  body: string;
  token: string | undefined;
  fetch: typeof fetch;
  connectTimeoutMs: number;
  idleTimeoutMs: number;
  signal?: AbortSignal;
  model: string;
  extraHeaders?: Record<string, string>;
}

type AbortCause = 'cancel' | 'connect' | 'idle' | 'closed';

export class HttpAttempt {
  private readonly controller = new AbortController();
  private cause: AbortCause | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastActivity = 0;
  /** A read is pending (or the body is being read in one go). */
  private waiting = true;
  private readonly onExternalAbort = () => this.abort('cancel');

  constructor(private readonly opts: AttemptOptions) {
    if (opts.signal?.aborted) this.abort('cancel');
    else opts.signal?.addEventListener('abort', this.onExternalAbort, { once: true });
  }

  /** Sends the request; resolves with the response once its headers are in. */
  async open(accept: string): Promise<Response> {
    if (this.cause) throw this.errorFor(this.cause);
    const headers: Record<string, string> = { ...this.opts.extraHeaders, 'content-type': 'application/json', accept };
    delete headers.authorization;
    delete headers.Authorization;
    if (this.opts.token) headers.authorization = `Bearer ${this.opts.token}`;
    this.timer = setTimeout(() => this.abort('connect'), this.opts.connectTimeoutMs);
    try {
      return await this.opts.fetch(this.opts.url, {
        method: 'POST',
        headers,
        body: this.opts.body,
        signal: this.controller.signal,
      });
    } catch (error) {
      throw this.mapError(error);
    } finally {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  /**
   * Starts the idle watchdog. It fires only while a read is pending: a caller that is slow to take the next
   * event is not a silent server. `onRead` tells it when reads start and end.
   */
  watchIdle(): void {
    this.lastActivity = performance.now();
    const limit = this.opts.idleTimeoutMs;
    const check = () => {
      const idle = performance.now() - this.lastActivity;
      if (this.waiting && idle >= limit) this.abort('idle');
      else this.timer = setTimeout(check, this.waiting ? limit - idle : limit);
    };
    this.timer = setTimeout(check, limit);
  }

  /** Cheap on purpose: runs twice per network read; the watchdog timer re-arms itself lazily. */
  readonly onRead = (waiting: boolean): void => {
    this.waiting = waiting;
    this.lastActivity = performance.now();
  };

  /** Whatever was thrown while this attempt ran, as a GlmError (abort causes win over the fetch error). */
  mapError(error: unknown): GlmError {
    if (this.cause && this.cause !== 'closed') return this.errorFor(this.cause);
    return toGlmError(error, this.opts.token);
  }

  /** Ends the attempt and closes the connection if it is still open. Idempotent. */
  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.opts.signal?.removeEventListener('abort', this.onExternalAbort);
    if (!this.cause) {
      this.cause = 'closed';
      this.controller.abort();
    }
  }

  private abort(cause: AbortCause): void {
    if (this.cause) return;
    this.cause = cause;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.controller.abort(this.errorFor(cause));
  }

  private errorFor(cause: AbortCause): GlmError {
    const host = safeHost(this.opts.url);
    const model = this.opts.model;
    switch (cause) {
      case 'connect':
        return new GlmError('timeout', `No response from ${host} within ${seconds(this.opts.connectTimeoutMs)}. Check the network and the base URL, or try again.`, { model, code: 'connect_timeout' });
      case 'idle':
        return new GlmError('timeout', `The answer stalled: no data from ${host} for ${seconds(this.opts.idleTimeoutMs)}. Try again.`, { model, code: 'idle_timeout' });
      default:
        return cancelledError();
    }
  }
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

export function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the endpoint';
  }
}
