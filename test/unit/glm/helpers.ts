// Shared test helpers: a client aimed at a local server with recorded sleeps, and event collection.

import { GlmClient, type GlmClientConfig, type GlmLogger } from '../../../src/glm/glmClient';
import { GlmError } from '../../../src/glm/errors';
import type { ChatRequest, StreamEvent } from '../../../src/glm/types';
import { startMockServer, type MockServer } from '../../../src/mock/server';

export const TOKEN = 'mock-token';

export interface TestClient {
  client: GlmClient;
  sleeps: number[];
  logs: string[];
}

/** A client on the `local` preset with instant, recorded backoff sleeps and a capturing logger. */
export function testClient(baseUrl: string, overrides: Partial<GlmClientConfig> = {}): TestClient {
  const sleeps: number[] = [];
  const logs: string[] = [];
  const logger: GlmLogger = {
    debug: (m) => logs.push(m),
    info: (m) => logs.push(m),
    warn: (m) => logs.push(m),
    error: (m) => logs.push(m),
  };
  const client = new GlmClient({
    baseUrl,
    presetId: 'local',
    getToken: () => TOKEN,
    maxRetries: 3,
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    logger,
    ...overrides,
  });
  return { client, sleeps, logs };
}

export function ask(content: string, extra: Partial<ChatRequest> = {}): ChatRequest {
  return { model: 'glm-4.7', messages: [{ role: 'user', content }], ...extra };
}

export interface Collected {
  events: StreamEvent[];
  error?: GlmError;
  text(index?: number): string;
  reasoning(index?: number): string;
  types(): string[];
}

/** Drains a stream; a thrown error is captured (it must be a GlmError) instead of rethrown. */
export async function collect(stream: AsyncIterable<StreamEvent>): Promise<Collected> {
  const events: StreamEvent[] = [];
  let error: GlmError | undefined;
  try {
    for await (const ev of stream) events.push(ev);
  } catch (e) {
    if (!(e instanceof GlmError)) throw e;
    error = e;
  }
  const join = (type: 'content' | 'reasoning', index: number) =>
    events.map((e) => (e.type === type && e.index === index ? e.text : '')).join('');
  return {
    events,
    error,
    text: (index = 0) => join('content', index),
    reasoning: (index = 0) => join('reasoning', index),
    types: () => events.map((e) => e.type),
  };
}

export function finishOf(events: StreamEvent[], index = 0): Extract<StreamEvent, { type: 'finish' }> | undefined {
  return events.find((e): e is Extract<StreamEvent, { type: 'finish' }> => e.type === 'finish' && e.index === index);
}

/** The mock GLM server for a whole `describe` block, its request log cleared before each test. */
export function useMockServer(): { mock: MockServer } {
  const fixture = {} as { mock: MockServer };
  before(async () => {
    fixture.mock = await startMockServer();
  });
  after(async () => {
    await fixture.mock.close();
  });
  beforeEach(() => {
    fixture.mock.requests.length = 0;
  });
  return fixture;
}
