// Scenarios that answer with an HTTP error instead of a completion: `error`, `flaky`, `unavailable`.
import type { ScenarioSpec } from '../directive';
import { errorBody, type ErrorShape } from '../wire';

export interface ErrorResponse {
  status: number;
  body: string;
  headers: Record<string, string>;
}

const UNAVAILABLE_MESSAGE = 'Service is temporarily unavailable, please retry later.';

/** Gateway codes (the seed) with their HTTP status and a message like the gateway's. */
const GATEWAY: Record<string, [number, string]> = {
  token_mismatched: [400, 'The request parameters are missing or invalid.'],
  bad_request: [400, 'Bad request.'],
  api_not_implemented: [400, 'The requested API, parameter or model is not implemented.'],
  invalid_token: [401, 'The token is invalid or missing.'],
  token_expired: [401, 'The token has expired.'],
  no_token: [401, 'No token was provided.'],
  too_many_requests: [429, 'Too many requests, please try again later.'],
  api_error: [500, UNAVAILABLE_MESSAGE],
  overloaded: [503, 'The service is overloaded, please retry later.'],
};

/** Zhipu business codes (glm-api.md) with the status Zhipu sends them with. */
/** Each message function gets the time a cap would reset (1308, 1310). */
const ZHIPU: Record<string, [number, (reset: Date) => string]> = {
  '1000': [401, () => 'Authentication failed.'],
  '1001': [401, () => 'Authentication parameter not received in the header.'],
  '1002': [401, () => 'Invalid authentication token.'],
  '1003': [401, () => 'Authentication token expired.'],
  '1004': [401, () => 'Authentication failed with the provided token.'],
  '1112': [429, () => 'Your account has been locked, please contact customer service.'],
  '1113': [429, () => 'Insufficient balance or no resource package. Please recharge.'],
  '1121': [429, () => 'Your account has been locked due to irregular activities.'],
  '1210': [400, () => 'Incorrect API call parameters, please check the documentation.'],
  '1211': [400, () => 'Unknown model, please check the model code.'],
  '1214': [400, () => 'Invalid parameter: messages.'],
  '1234': [500, () => 'Network error, please try again later.'],
  '1261': [400, () => 'Prompt exceeds max length.'],
  '1301': [400, () => 'System detected potentially unsafe or sensitive content in input or generation.'],
  '1302': [429, () => 'High concurrency usage of this API, please reduce concurrency.'],
  '1303': [429, () => 'High frequency usage of this API, please reduce frequency.'],
  '1304': [429, () => 'The daily call limit for this API has been reached. Please try again tomorrow.'],
  '1305': [429, () => 'The service may be temporarily overloaded, please try again later.'],
  '1308': [429, (reset) => `Usage limit reached for 5 hour. Your limit will reset at ${zhipuTime(reset)}`],
  '1309': [429, () => 'Your GLM Coding Plan package has expired.'],
  '1310': [429, (reset) => `Weekly/Monthly Limit Exhausted. Your limit will reset at ${zhipuTime(reset)}`],
  '1311': [429, () => 'Your current plan does not include access to this model.'],
  '1312': [429, () => 'The model is currently overloaded, please try another model.'],
  '1313': [429, () => 'Fair use policy triggered: your requests are being throttled.'],
};

const DEFAULT_CODE_FOR_STATUS: Record<number, string> = {
  400: 'bad_request', 401: 'invalid_token', 429: 'too_many_requests', 500: 'api_error', 503: 'overloaded',
};

/** Zhipu names the reset time in UTC+8, `YYYY-MM-DD HH:MM:SS`. */
function zhipuTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** `error status=… code=… shape=gateway|zhipu|flat retry-after=S reset-in=S message="…"` as one HTTP response; a cap resets `reset-in` seconds from now (3 h). */
export function errorResponse(params: Record<string, string>): ErrorResponse {
  const statusParam = params.status ? Number(params.status) : undefined;
  const code = params.code ?? DEFAULT_CODE_FOR_STATUS[statusParam ?? 500] ?? 'api_error';
  const zhipu = ZHIPU[code];
  const known = GATEWAY[code];
  const status = statusParam ?? zhipu?.[0] ?? known?.[0] ?? 500;
  const resetIn = Number(params['reset-in'] ?? 3 * 3600);
  const reset = new Date(Date.now() + (Number.isFinite(resetIn) ? resetIn : 3 * 3600) * 1000);
  const message = params.message ?? zhipu?.[1](reset) ?? known?.[1] ?? `Error ${code}.`;
  const shape = (params.shape ?? (zhipu || /^\d+$/.test(code) ? 'zhipu' : 'gateway')) as ErrorShape;
  const headers: Record<string, string> = {};
  if (params['retry-after'] !== undefined) headers['Retry-After'] = params['retry-after'];
  return { status, body: errorBody(shape, code, message), headers };
}

/** How often each `flaky` key has failed since its last success. */
export type FlakyCounts = Map<string, number>;

/**
 * The error this request gets, if its scenario is an error one. `flaky` fails `times` times per key,
 * then succeeds once and starts over, so every retrying request sees the same story.
 */
export function failureFor(spec: ScenarioSpec, model: string, flaky: FlakyCounts): ErrorResponse | undefined {
  const p = spec.params;
  switch (spec.name) {
    case 'error':
      return errorResponse(p);
    case 'flaky': {
      const key = p.key ?? 'default';
      const failed = flaky.get(key) ?? 0;
      if (failed >= Number(p.times ?? 1)) {
        flaky.delete(key);
        return undefined;
      }
      flaky.set(key, failed + 1);
      return errorResponse({ code: 'api_error', ...p });
    }
    case 'unavailable': {
      const models = p.models?.split(',').map((m) => m.trim()).filter(Boolean);
      if (models && !models.includes(model)) return undefined;
      return errorResponse({ code: 'api_error', message: UNAVAILABLE_MESSAGE, ...p });
    }
    default:
      return undefined;
  }
}
