// The advice table: what a GlmError means to a user and what they can do about it. The English strings are
// the keys of the localization bundle (l10n/bundle.l10n.zh-cn.json), translated by the `Localizer` passed in.
import { GlmError } from './errors';

export type ErrorAction = 'setToken' | 'retry' | 'switchModel' | 'openSettings';

export interface ErrorDescription {
  kind: string;
  message: string;
  actions: ErrorAction[];
  retryAfterMs?: number;
}

/** `vscode.l10n` in the extension; fills `{0}`-style placeholders with `args`. */
export interface Localizer {
  t(message: string, ...args: Array<string | number | boolean>): string;
}

/**
 * One actionable message per error kind, shared by the chat, the editor commands and Test Connection. Pure:
 * the host passes `vscode.l10n` as `l10n`, tests pass their own.
 */
export function adviseError(err: unknown, l10n: Localizer): ErrorDescription {
  if (!(err instanceof GlmError)) {
    const detail = err instanceof Error ? err.message : String(err);
    return { kind: 'unknown', message: l10n.t('GLM request failed: {0}', detail), actions: ['retry'] };
  }
  const code = err.code ? ` [${err.code}]` : '';
  const trace = err.traceId ? ' ' + l10n.t('(trace id {0})', err.traceId) : '';
  const model = err.model ?? '';
  const suffix = code + trace;
  switch (err.kind) {
    case 'auth':
      if (err.code === '1112' || err.code === '1121') {
        return {
          kind: err.kind,
          message: l10n.t('Your GLM account is locked{0}. Contact Zhipu support; a new token will not help.', suffix),
          actions: [],
        };
      }
      return {
        kind: err.kind,
        message: l10n.t('GLM rejected the API token{0}. Set a valid token to continue.', suffix),
        actions: ['setToken'],
      };
    case 'rateLimit': {
      const seconds = Math.ceil((err.retryAfterMs ?? 0) / 1000);
      return {
        kind: err.kind,
        message:
          seconds > 0
            ? l10n.t('GLM is rate limiting requests{0}. You can retry in {1} s.', suffix, seconds)
            : l10n.t('GLM is rate limiting requests{0}. Wait a moment, then retry.', suffix),
        actions: ['retry'],
        retryAfterMs: err.retryAfterMs,
      };
    }
    case 'quota':
      if (err.code === '1113') {
        return {
          kind: err.kind,
          message: l10n.t('Your GLM account balance is used up{0}. Top up your account, then retry.', suffix),
          actions: ['retry'],
        };
      }
      if (err.resetAt) {
        return {
          kind: err.kind,
          message: l10n.t('You reached your GLM usage cap{0}. It resets at {1}.', suffix, err.resetAt),
          actions: ['switchModel'],
        };
      }
      return {
        kind: err.kind,
        message: l10n.t('Your GLM plan or quota does not allow this request{0}: {1}', suffix, err.message),
        actions: ['switchModel', 'openSettings'],
      };
    case 'badRequest':
      return {
        kind: err.kind,
        message: l10n.t('GLM rejected the request{0}: {1}', suffix, err.message),
        actions: ['openSettings'],
      };
    case 'unsupported':
      return {
        kind: err.kind,
        message: l10n.t('This endpoint does not support the model or a parameter{0}: {1}. Try another model.', suffix, err.message),
        actions: ['switchModel', 'openSettings'],
      };
    case 'contentFilter':
      return {
        kind: err.kind,
        message: l10n.t('GLM declined to answer: the content was flagged by its safety filter{0}. Rephrase the request.', suffix),
        actions: [],
      };
    case 'contextOverflow':
      return {
        kind: err.kind,
        message: l10n.t('The prompt is too long for {0}{1}. Start a new chat, attach less context, or pick a model with a larger window.', model || 'the model', suffix),
        actions: ['switchModel'],
      };
    case 'unavailable':
      return {
        kind: err.kind,
        message: l10n.t('The GLM service is temporarily unavailable{0}. Retry in a moment or switch to another model.', suffix),
        actions: ['retry', 'switchModel'],
      };
    case 'network':
      return {
        kind: err.kind,
        message: l10n.t('Could not reach the GLM endpoint: {0}. Check your connection and the base URL setting.', err.message),
        actions: ['retry', 'openSettings'],
      };
    case 'timeout':
      return {
        kind: err.kind,
        message: l10n.t('GLM did not respond in time{0}. Retry, or raise the request timeout setting.', suffix),
        actions: ['retry', 'openSettings'],
      };
    case 'truncated':
      return {
        kind: err.kind,
        message: l10n.t('The answer was cut off before it finished{0}. What arrived is kept; retry to get the rest.', suffix),
        actions: ['retry'],
      };
    case 'cancelled':
      return { kind: err.kind, message: l10n.t('Cancelled.'), actions: [] };
  }
}

export function errorActionLabel(action: ErrorAction, l10n: Localizer): string {
  switch (action) {
    case 'setToken':
      return l10n.t('Set API Token');
    case 'retry':
      return l10n.t('Retry');
    case 'switchModel':
      return l10n.t('Switch Model');
    case 'openSettings':
      return l10n.t('Open Settings');
  }
}
