// Local mock of the GLM gateway (OpenAI-compatible, wire format of the seed) for tests and demos.
// `startMockServer()` serves `POST <any prefix>/chat/completions`, steered per request by the
// `x-mock-scenario` header or a `[[mock:NAME k=v]]` directive in the last user message, and records
// every request. `GET /__mock/requests`, `POST /__mock/reset`, `POST /__mock/scenario`, `POST /__mock/concurrency` and
// `GET /healthz` serve tests that run in another process.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SCENARIO_NAMES } from './catalog';
import { resolveScenario, type ScenarioSpec } from './directive';
import { FRAMING_MODES, type FramingMode } from './framing';
import { agentFailure } from './scenarios/agent';
import { completionPlan } from './scenarios/completion';
import { contentPlan, questionOf, type ChatBody } from './scenarios/content';
import { errorResponse, failureFor, type ErrorResponse, type FlakyCounts } from './scenarios/errors';
import { sendCompletion, streamScript } from './scenarios/faults';
import { sleep, startSse, writeItems } from './streamWriter';
import { unknownKeys, validateBody } from './validate';
import { citeSources, mockSources, webSearchRequested } from './webSearch';
import { describeImages, lastUserImages, visionFailure } from './vision';
import { newIdentity } from './wire';
import { ConcurrencyGate } from './concurrencyGate';

export interface MockServerOptions {
  port?: number;
  host?: string;
  token?: string;
  /** Delta events per second; default as fast as possible. A scenario's `tps=N` overrides it. */
  tokensPerSecond?: number;
  /** The text the `completion` scenario continues from (a benchmark replaying the typing of this file). */
  completionOracle?: string;
  /** Answer 1302 (as Zhipu's Coding Plan does) to a request above this many at once; a scenario's `max-concurrent=N` overrides it. */
  maxConcurrent?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: any;
  scenario: string;
  /** The client closed the connection before the response was complete. */
  clientClosed: boolean;
  /** Completion requests in progress when this one arrived, itself included. */
  concurrent?: number;
  /** Set when the concurrency limit turned it away with this code. */
  rejected?: string;
}

export interface MockServer {
  /** Base URL, e.g. http://127.0.0.1:PORT/glm (clients append /chat/completions). */
  url: string;
  token: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}


interface State {
  token: string;
  tps?: number;
  requests: RecordedRequest[];
  flaky: FlakyCounts;
  sticky?: string;
  inFlight: Set<AbortController>;
  oracle?: string;
  gate: ConcurrencyGate;
}

export async function startMockServer(opts: MockServerOptions = {}): Promise<MockServer> {
  const state: State = { token: opts.token ?? 'mock-token', tps: opts.tokensPerSecond, requests: [], flaky: new Map(), inFlight: new Set(),
    oracle: opts.completionOracle, gate: new ConcurrencyGate(opts.maxConcurrent),
  };
  const server = createServer({ noDelay: true }, (req, res) => {
    handle(state, req, res).catch((err) => {
      if (!res.headersSent) sendError(res, errorResponse({ code: 'api_error', message: `Mock failure: ${String(err)}` }));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host ?? '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/glm`,
    token: state.token,
    requests: state.requests,
    close: () => new Promise<void>((resolve) => {
      for (const c of state.inFlight) c.abort();
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(value));
}

function sendError(res: ServerResponse, err: ErrorResponse): void {
  res.writeHead(err.status, { 'Content-Type': 'application/json; charset=utf-8', ...err.headers }).end(err.body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function handle(state: State, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  const raw = await readBody(req);
  if (path.endsWith('/healthz')) return sendJson(res, 200, { status: 'ok' });
  if (path.endsWith('/__mock/requests')) return sendJson(res, 200, state.requests);
  if (path.endsWith('/__mock/reset') && req.method === 'POST') {
    state.requests.length = 0;
    state.flaky.clear();
    state.sticky = undefined;
    return sendJson(res, 200, { ok: true });
  }
  if (path.endsWith('/__mock/concurrency') && req.method === 'POST') {
    state.gate.setLimit(Number((JSON.parse(raw || '{}') as { max?: unknown }).max) || undefined);
    return sendJson(res, 200, { ok: true });
  }
  if (path.endsWith('/__mock/scenario') && req.method === 'POST') {
    state.sticky = stickyFrom(raw);
    return sendJson(res, 200, { ok: true, scenario: state.sticky ?? 'default' });
  }
  let body: any;
  try {
    body = raw ? JSON.parse(raw) : undefined;
  } catch {
    body = raw;
  }
  const header = req.headers['x-mock-scenario'];
  const spec = resolveScenario(Array.isArray(header) ? header[0] : header, body?.messages, state.sticky);
  const record: RecordedRequest = { method: req.method ?? '', path, headers: redacted(req.headers, state.token), body, scenario: spec.name, clientClosed: false };
  state.requests.push(record);
  const controller = new AbortController();
  state.inFlight.add(controller);
  let killed = false;
  res.on('close', () => {
    if (!res.writableFinished && !killed) record.clientClosed = true;
    controller.abort();
    state.inFlight.delete(controller);
  });
  const kill = (): void => {
    killed = true;
    res.socket?.destroy();
  };
  if (req.method !== 'POST' || !path.endsWith('/chat/completions')) {
    return sendError(res, errorResponse({ status: '404', code: 'not_found', message: `No route for ${req.method} ${path}.` }));
  }
  const auth = req.headers.authorization ?? '';
  if (auth !== `Bearer ${state.token}`) return sendError(res, errorResponse({ code: 'invalid_token' }));
  if (typeof body !== 'object' || body === null) {
    return sendError(res, errorResponse({ code: 'bad_request', message: 'The request body is not valid JSON.' }));
  }
  const badScenario = scenarioProblem(spec);
  if (badScenario) return sendError(res, errorResponse({ code: 'bad_request', message: badScenario }));
  const problem = validateBody(body);
  if (problem) return sendError(res, errorResponse({ code: 'token_mismatched', message: problem }));
  if (alwaysThinks(body.model) && body.thinking?.type === 'disabled') {
    return sendError(res, errorResponse({ code: '1210', message: `Model ${body.model} does not support thinking.type=disabled.` }));
  }
  const refused = visionFailure(body);
  if (refused) return sendError(res, refused);
  const unknown = spec.params.strict === '1' ? unknownKeys(body) : [];
  if (unknown.length) return sendError(res, errorResponse({ code: 'api_not_implemented', message: `Unsupported parameter(s): ${unknown.join(', ')}.` }));
  const admitted = state.gate.admit(record, spec.params['max-concurrent']);
  if (!admitted) return sendError(res, errorResponse({ code: '1302' }));
  res.on('close', admitted);
  await respond(state, res, spec, body as ChatBody, controller.signal, kill);
}

async function respond(state: State, res: ServerResponse, spec: ScenarioSpec, body: ChatBody, signal: AbortSignal, kill: () => void): Promise<void> {
  if (spec.name === 'slow-headers') await sleep(Number(spec.params.ms ?? 5000), signal);
  if (signal.aborted) return;
  const failure = failureFor(spec, body.model, state.flaky) ?? (spec.name === 'agent' ? agentFailure(spec, body, state.flaky) : undefined);
  if (failure) return sendError(res, failure);
  const plan = spec.name === 'completion' ? completionPlan(spec, body, state.oracle) : contentPlan(spec, body);
  if (webSearchRequested(body)) citeSources(plan, mockSources(questionOf(body)));
  describeImages(plan, lastUserImages(body.messages));
  // `answer-model=ID`: the id the server names in its chunks, as gateways name versioned ids.
  const who = newIdentity(spec.params['answer-model'] ?? body.model);
  // `latency=MS`: time to the first token (after the headers, as a real model spends it).
  const latency = Number(spec.params.latency ?? 0);
  if (!body.stream) {
    if (latency > 0) await sleep(latency, signal);
    if (signal.aborted) return;
    return sendCompletion(res, spec, plan, who, signal, kill);
  }
  const script = streamScript(spec, plan, who, spec.params.usage === 'inline');
  if (latency > 0) script.items.unshift({ kind: 'pause', ms: latency });
  startSse(res, spec.params['content-type']);
  const tps = spec.params.tps ? Number(spec.params.tps) : state.tps;
  const mode = (spec.name === 'framing' ? spec.params.mode ?? 'plain' : 'plain') as FramingMode;
  await writeItems(res, script.items, { mode, tps, signal, ending: script.ending, kill });
}

/** Zhipu's reasoning-only models (GLM-Z1, GLM-4.1V-Thinking) refuse to stop thinking. */
function alwaysThinks(model: unknown): boolean {
  return typeof model === 'string' && /^glm-(z1|4\.1v-thinking)/i.test(model);
}

function scenarioProblem(spec: ScenarioSpec): string | undefined {
  if (!SCENARIO_NAMES.includes(spec.name)) return `Unknown mock scenario "${spec.name}"; expected one of ${SCENARIO_NAMES.join(', ')}.`;
  if (spec.name === 'framing' && !FRAMING_MODES.includes((spec.params.mode ?? 'plain') as FramingMode)) {
    return `Unknown framing mode "${spec.params.mode}"; expected one of ${FRAMING_MODES.join(', ')}.`;
  }
  return undefined;
}

/** A token other than the mock's might be someone's real one: never keep it in the record. */
function redacted(headers: IncomingMessage['headers'], token: string): RecordedRequest['headers'] {
  const auth = headers.authorization;
  if (auth === undefined || auth === `Bearer ${token}`) return headers;
  return { ...headers, authorization: '[redacted]' };
}

/** `POST /__mock/scenario` takes `{"scenario": "error status=429"}` or the bare text; empty clears it. */
function stickyFrom(raw: string): string | undefined {
  let text = raw;
  try {
    const parsed = JSON.parse(raw);
    text = typeof parsed === 'string' ? parsed : parsed?.scenario ?? '';
  } catch {
    // bare text
  }
  return text.trim() || undefined;
}
