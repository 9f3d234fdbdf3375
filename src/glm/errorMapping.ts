// Turns what a GLM endpoint says when something goes wrong into a GlmError: the three error body shapes,
// gateway codes, Zhipu business codes, HTTP statuses, Retry-After and the 1308 reset time.

import { GlmError, redact, type GlmErrorKind } from './errors';

export const MAX_RETRY_AFTER_MS = 60_000;

export interface ErrorPayload {
  code?: string;
  message?: string;
  traceId?: string;
}

interface CodeRule {
  kind: GlmErrorKind;
  retryable?: boolean;
  /** What the user can do; the server's own words are appended. */
  advice: string;
}

const AUTH_ADVICE = 'The API token is missing, invalid or expired. Set a valid token with "GLM: Set API Token".';

const GATEWAY_CODES: Readonly<Record<string, CodeRule>> = {
  token_mismatched: { kind: 'badRequest', advice: 'The request has missing or invalid parameters.' },
  bad_request: { kind: 'badRequest', advice: 'The request has missing or invalid parameters.' },
  api_not_implemented: {
    kind: 'unsupported',
    advice: 'The endpoint does not support a parameter or the model of this request. Try another model.',
  },
  invalid_token: { kind: 'auth', advice: AUTH_ADVICE },
  token_expired: { kind: 'auth', advice: AUTH_ADVICE },
  no_token: { kind: 'auth', advice: AUTH_ADVICE },
  too_many_requests: { kind: 'rateLimit', advice: 'Too many requests: the rate limit was hit. Wait a moment and try again.' },
  api_error: { kind: 'unavailable', advice: 'The GLM service is temporarily unavailable. Try again later or choose another model.' },
};

const RATE = 'Wait a moment and try again.';
const ZHIPU_CODES: Readonly<Record<string, CodeRule>> = {
  '1112': { kind: 'auth', advice: 'The account is locked. Contact the provider\'s support.' },
  '1113': { kind: 'quota', advice: 'The account balance is used up. Top up the account, then try again.' },
  '1121': { kind: 'auth', advice: 'The account is locked. Contact the provider\'s support.' },
  // Also what a model that always thinks answers to `thinking: disabled`.
  '1210': { kind: 'badRequest', advice: 'A request parameter is invalid. If thinking was turned off, this model may not allow it: set Thinking to the model default and retry.' },
  '1211': { kind: 'unsupported', advice: 'The model does not exist on this endpoint. Choose another model.' },
  '1214': { kind: 'badRequest', advice: 'A request parameter is invalid.' },
  '1234': { kind: 'network', advice: 'The provider reported a network error. Try again.' },
  '1261': { kind: 'contextOverflow', advice: 'The prompt is too long for the model. Shorten the conversation or the selection.' },
  '1301': { kind: 'contentFilter', advice: 'The provider\'s content filter blocked the request or the answer. Rephrase the prompt.' },
  '1302': { kind: 'rateLimit', advice: `Too many concurrent requests. ${RATE}` },
  '1303': { kind: 'rateLimit', advice: `Requests are too frequent. ${RATE}` },
  '1304': { kind: 'quota', advice: 'The daily request limit is reached. Try again tomorrow.' },
  '1305': { kind: 'rateLimit', advice: `The provider is limiting traffic. ${RATE}` },
  '1308': { kind: 'quota', advice: 'The usage cap is reached.' },
  '1309': { kind: 'quota', advice: 'The Coding Plan has expired. Renew it or switch to a pay-as-you-go preset.' },
  '1310': { kind: 'quota', advice: 'The weekly or monthly usage cap is reached.' },
  '1311': { kind: 'unsupported', advice: 'The current plan does not include this model. Choose another model.' },
  '1312': { kind: 'unavailable', advice: 'The model is overloaded. Try again later or choose another model.' },
  '1313': { kind: 'rateLimit', advice: `Fair-use throttling is active. ${RATE}` },
};

function ruleForCode(code: string | undefined): CodeRule | undefined {
  if (code === undefined) return undefined;
  if (GATEWAY_CODES[code]) return GATEWAY_CODES[code];
  if (ZHIPU_CODES[code]) return ZHIPU_CODES[code];
  const n = Number(code);
  if (Number.isInteger(n) && n >= 1000 && n <= 1004) return { kind: 'auth', advice: AUTH_ADVICE };
  return undefined;
}

function ruleForStatus(status: number | undefined): CodeRule {
  switch (status) {
    case 400:
    case 422:
      return { kind: 'badRequest', advice: 'The GLM API rejected the request.' };
    case 401:
    case 403:
      return { kind: 'auth', advice: AUTH_ADVICE };
    case 404:
      return { kind: 'unsupported', advice: 'The endpoint or the model was not found. Check the base URL and the model.' };
    case 408:
      return { kind: 'timeout', advice: 'The server timed out. Try again.' };
    case 413:
      return { kind: 'contextOverflow', advice: 'The request is too large. Shorten the conversation or the selection.' };
    case 429:
      return { kind: 'rateLimit', advice: GATEWAY_CODES.too_many_requests.advice };
    default:
      break; // the ranges below
  }
  // No status: an error event inside a 200 stream, i.e. the upstream failed mid-answer.
  if (status === undefined || status >= 500) {
    return { kind: 'unavailable', advice: 'The GLM service is temporarily unavailable. Try again later or choose another model.' };
  }
  return { kind: 'badRequest', advice: 'The GLM API returned an unexpected error.' };
}

/**
 * Reads the three documented error shapes: gateway `{trace_id, error: {code, message}}`, Zhipu
 * `{error: {code: "1302", message}, request_id?}` and flat `{code: 1302, message}`. Undefined when none fits.
 */
export function parseErrorPayload(value: unknown): ErrorPayload | undefined {
  if (!isObject(value)) return undefined;
  const traceId = str(value.trace_id) ?? str(value.request_id);
  const inner = value.error;
  if (isObject(inner)) {
    return { code: str(inner.code) ?? str(inner.type), message: str(inner.message), traceId: traceId ?? str(inner.request_id) };
  }
  if (typeof inner === 'string') return { message: inner, traceId };
  const code = str(value.code);
  if (code !== undefined && (str(value.message) !== undefined || str(value.msg) !== undefined)) {
    return { code, message: str(value.message) ?? str(value.msg), traceId };
  }
  return undefined;
}

export function parseErrorText(text: string): ErrorPayload | undefined {
  try {
    return parseErrorPayload(JSON.parse(text));
  } catch {
    return undefined;
  }
}

export interface ErrorContext {
  status?: number;
  model?: string;
  retryAfterMs?: number;
  /** The API token, so it can be scrubbed from whatever the server echoed. */
  secret?: string;
}

export function errorFromPayload(payload: ErrorPayload | undefined, ctx: ErrorContext): GlmError {
  const rule = ruleForCode(payload?.code) ?? ruleForStatus(ctx.status);
  const serverMessage = payload?.message ? redact(payload.message, ctx.secret) : undefined;
  const resetAt = payload?.code === '1308' && serverMessage ? extractResetAt(serverMessage) : undefined;
  let advice = rule.advice;
  if (payload?.code === '1308') advice += resetAt ? ` It resets at ${resetAt}.` : ' Wait until it resets.';
  if (rule.kind === 'unavailable' && ctx.model) advice = advice.replace('The GLM service', `The GLM service for ${ctx.model}`);

  const tag = [ctx.status !== undefined ? `HTTP ${ctx.status}` : undefined, payload?.code].filter(Boolean).join(' ');
  const parts = [advice];
  if (serverMessage && !advice.includes(serverMessage)) parts.push(`Server: "${serverMessage}"`);
  if (tag) parts.push(`(${tag})`);
  return new GlmError(rule.kind, parts.join(' '), {
    status: ctx.status,
    code: payload?.code,
    traceId: payload?.traceId,
    retryable: rule.retryable,
    retryAfterMs: ctx.retryAfterMs,
    model: ctx.model,
    resetAt,
    serverMessage,
  });
}

/** An error for a non-2xx response, from its body text and headers. */
export function errorFromResponse(status: number, bodyText: string, headers: Headers, ctx: Omit<ErrorContext, 'status'>): GlmError {
  const payload = parseErrorText(bodyText) ?? plainTextPayload(bodyText, ctx.secret);
  const retryAfterMs = parseRetryAfter(headers.get('retry-after'));
  return errorFromPayload(payload, { ...ctx, status, retryAfterMs });
}

function plainTextPayload(text: string, secret?: string): ErrorPayload | undefined {
  const trimmed = text.trim();
  // An HTML error page says nothing useful to a user; the status does.
  if (!trimmed || trimmed.startsWith('<')) return undefined;
  return { message: redact(trimmed, secret, 200) };
}

/** `Retry-After` in seconds or as an HTTP date, capped at 60 s; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(trimmed)) ms = Number(trimmed) * 1000;
  else {
    const date = Date.parse(trimmed);
    if (Number.isNaN(date)) return undefined;
    ms = date - now;
  }
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, Math.round(ms)));
}

/** Zhipu's 1308 message names the reset time, e.g. "...will reset at 2025-08-03 12:00:00". */
export function extractResetAt(message: string): string | undefined {
  const m = /(\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?(?:\s?(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT))?)/.exec(message);
  return m?.[1];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}
