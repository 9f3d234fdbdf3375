// The one error type of the GLM service. `kind` is what callers branch on (the host localizes by kind and
// offers actions such as "Set API token"); `message` is a clear English sentence for logs and fallbacks.
// No error ever carries the API token: server texts pass through `redact` before they land in a message.

export type GlmErrorKind =
  | 'auth'
  | 'rateLimit'
  | 'quota'
  | 'badRequest'
  | 'unsupported'
  | 'contentFilter'
  | 'contextOverflow'
  | 'unavailable'
  | 'network'
  | 'timeout'
  | 'truncated'
  | 'cancelled';

export interface GlmErrorInit {
  status?: number;
  code?: string;
  traceId?: string;
  retryable?: boolean;
  retryAfterMs?: number;
  model?: string;
  resetAt?: string;
  /** What the server said, already redacted. */
  serverMessage?: string;
  cause?: unknown;
}

const RETRYABLE_KINDS: ReadonlySet<GlmErrorKind> = new Set(['rateLimit', 'unavailable', 'network', 'timeout']);

export class GlmError extends Error {
  readonly kind: GlmErrorKind;
  readonly status?: number;
  readonly code?: string;
  readonly traceId?: string;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly model?: string;
  /** When a usage cap (Zhipu 1308) resets, as the server wrote it. */
  readonly resetAt?: string;
  readonly serverMessage?: string;

  constructor(kind: GlmErrorKind, message: string, init: GlmErrorInit = {}) {
    super(scrubUserinfo(message), init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'GlmError';
    this.kind = kind;
    this.status = init.status;
    this.code = init.code;
    this.traceId = init.traceId;
    this.retryable = init.retryable ?? RETRYABLE_KINDS.has(kind);
    this.retryAfterMs = init.retryAfterMs;
    this.model = init.model;
    this.resetAt = init.resetAt;
    this.serverMessage = init.serverMessage;
  }

  /** A copy with the model that was asked for (errors are created deep down, the model is known up top). */
  withModel(model: string): GlmError {
    if (this.model === model) return this;
    const copy = new GlmError(this.kind, this.message, { ...this, model, cause: this.cause });
    copy.stack = this.stack;
    return copy;
  }
}

export function cancelledError(): GlmError {
  return new GlmError('cancelled', 'The request was cancelled.');
}

const USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/?#\s@"'<>]*@/gi;

/** Text with the user info of every URL in it hidden (`http://user:pw@host` -> `http://***@host`). */
export function scrubUserinfo(text: string): string {
  return text.replace(USERINFO, '$1***@');
}

/** Removes bearer tokens, URL user info and the given secret from a server or library text, and keeps it short. */
export function redact(text: string, secret?: string, max = 500): string {
  let out = scrubUserinfo(text);
  if (secret && secret.length >= 4) out = out.split(secret).join('***');
  out = out.replace(/(bearer\s+)[^\s"',;]+/gi, '$1***');
  return out.length > max ? `${out.slice(0, max)}…` : out;
}

/** Wraps anything thrown below the client into a GlmError (network failures from fetch, parser bugs). */
export function toGlmError(error: unknown, secret?: string): GlmError {
  if (error instanceof GlmError) return error;
  const detail = redact(describeCause(error), secret, 300);
  return new GlmError('network', `The connection to the GLM endpoint failed: ${detail}. Check the network and the base URL.`, {
    cause: error,
  });
}

/** fetch wraps the interesting part (ECONNREFUSED, ECONNRESET) in `cause`. */
function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as { code?: string }).code;
    return code ? `${code} (${cause.message})` : cause.message || error.message;
  }
  return error.message || error.name;
}
