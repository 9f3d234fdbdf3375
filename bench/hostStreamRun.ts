// One measured stream for `bench host-stream`, run in its own process so its CPU is its own: the host's
// answer path (GlmClient -> AnswerRun -> HistoryStore on disk -> a webview sink that serializes every
// message, as VS Code's postMessage does) loaded from `argv[2]` (the working tree's src, or a baseline
// checked out from git), streaming from the mock at `argv[3]`. Prints one JSON line of figures.
// The mock runs in another process, so its CPU is not counted.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

interface Modules {
  GlmClient: typeof import('../src/glm/glmClient').GlmClient;
  HistoryStore: typeof import('../src/chat/historyStore').HistoryStore;
  TokenEstimator: typeof import('../src/chat/contextBudget').TokenEstimator;
  AnswerRun: typeof import('../src/chat/answerRun').AnswerRun;
}

async function load(src: string): Promise<Modules> {
  const mod = (rel: string) => import(pathToFileURL(path.join(src, rel)).href);
  // AnswerRun moved from the host to src/chat (same API): a baseline from before has it at the old place.
  const answerRun = existsSync(path.join(src, 'chat/answerRun.ts')) ? 'chat/answerRun.ts' : 'host/chat/answerRun.ts';
  const [glm, store, budget, run] = await Promise.all([
    mod('glm/glmClient.ts'), mod('chat/historyStore.ts'), mod('chat/contextBudget.ts'), mod(answerRun),
  ]);
  return { GlmClient: glm.GlmClient, HistoryStore: store.HistoryStore, TokenEstimator: budget.TokenEstimator, AnswerRun: run.AnswerRun };
}

/** The floor: a plain fetch read loop over the same stream, no parsing. `events` counts reads here. */
async function bareLoop(baseUrl: string, scenario: string): Promise<void> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const res = await fetch(`${baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { authorization: 'Bearer mock-token', 'content-type': 'application/json', 'x-mock-scenario': scenario },
    body: JSON.stringify({ model: 'glm-4.7', stream: true, messages: [{ role: 'user', content: 'Write a long answer.' }] }),
  });
  const reader = res.body!.getReader();
  let events = 0;
  let chars = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    events++;
    chars += value.length;
  }
  const cpu = process.cpuUsage(cpu0);
  console.log(JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, wallMs: performance.now() - t0, posts: 0, deltaPosts: 0, events, chars }));
}

async function main(): Promise<void> {
  const [src, baseUrl, scenario] = process.argv.slice(2);
  if (src === 'bare') return bareLoop(baseUrl, scenario);
  const m = await load(src);
  const dir = mkdtempSync(path.join(tmpdir(), 'glm-host-stream-'));
  try {
    const store = await m.HistoryStore.open(dir);
    const client = new m.GlmClient({ baseUrl, presetId: 'local', getToken: async () => 'mock-token', extraHeaders: { 'x-mock-scenario': scenario } });
    const chat = await store.create({ title: 'bench' });
    const prompt = { kind: 'user' as const, id: store.newTurnId(), parentId: null, text: 'Write a long answer.', chips: [], createdAt: Date.now() };
    await store.addTurn(chat.id, prompt);
    const answerId = store.newTurnId();
    await store.addTurn(chat.id, { kind: 'answer', id: answerId, parentId: prompt.id, text: '', thinking: '', status: 'streaming', requestedModel: 'glm-4.7', createdAt: Date.now() });
    let posts = 0;
    let deltaPosts = 0;
    let bytes = 0;
    const post = (msg: { type: string }): void => {
      posts++;
      if (msg.type === 'stream/delta') deltaPosts++;
      bytes += JSON.stringify(msg).length;
    };
    let events = 0;
    const append = store.appendDelta.bind(store);
    store.appendDelta = (...args) => {
      events++;
      append(...args);
    };
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const run = new m.AnswerRun(
      { store, client, estimator: new m.TokenEstimator(), post, describe: (e: unknown) => ({ message: String(e) }), logError: () => undefined },
      'req-1', chat, answerId, { model: 'glm-4.7', messages: [{ role: 'user', content: prompt.text }] }, 10,
    );
    run.start();
    await run.done;
    await store.close();
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const turn = (await store.load(chat.id)).turns.get(answerId);
    const chars = turn?.kind === 'answer' ? turn.text.length : 0;
    console.log(JSON.stringify({ cpuMs, userMs: cpu.user / 1000, systemMs: cpu.system / 1000, wallMs, posts, deltaPosts, bytes, events, chars }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
