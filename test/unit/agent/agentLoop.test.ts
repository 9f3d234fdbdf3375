// The agent loop against the mock's `agent` scenario over real HTTP: the exact wire messages of a
// three-round loop (thinking kept on Zhipu endpoints, dropped on the gateway), and the fault variants.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { agentToolDefinitions } from '../../../src/chat/agent/agentTools';
import { runAgentLoop } from '../../../src/chat/agent/agentLoop';
import { DEFAULT_AUTO_APPROVE, type AutoApprove } from '../../../src/chat/agent/approvalPolicy';
import { ToolDispatcher, type ApprovalDecision } from '../../../src/chat/agent/toolDispatcher';
import type { ToolStepView as ToolStep } from '../../../src/shared/agentProtocol';
import type { ToolLoopEvent } from '../../../src/glm/toolLoop';
import type { ChatMessage } from '../../../src/glm/types';
import type { PresetId } from '../../../src/glm/presets';
import { testClient, useMockServer } from '../glm/helpers';
import { executorFor, tempWorkspace } from './fixtures';

interface Run { events: ToolLoopEvent[]; messages: ChatMessage[]; steps: ToolStep[]; checkpoints: string[] }

describe('agent loop against the mock', () => {
  const fixture = useMockServer();
  let ws: ReturnType<typeof tempWorkspace>;
  beforeEach(() => { ws = tempWorkspace({ 'src/app.ts': 'export const greeting = "TODO";\n', 'README.md': '# demo\n' }); });
  afterEach(() => ws.cleanup());

  async function runAgent(directive: string, opts: { preset?: PresetId; toolStream?: boolean; auto?: AutoApprove; decide?: () => ApprovalDecision } = {}): Promise<Run> {
    const steps: ToolStep[] = [];
    const checkpoints: string[] = [];
    const dispatcher = new ToolDispatcher({
      executor: executorFor(ws.root),
      policy: () => ({ auto: opts.auto ?? { ...DEFAULT_AUTO_APPROVE, edits: true, commands: ['echo'] }, alwaysAllowed: [] }),
      approve: async () => (opts.decide ?? (() => ({ decision: 'allow' })))(),
      rememberAlways: async () => undefined,
      checkpoint: async (c) => { checkpoints.push(`${c.rel}:${c.before ?? '<new>'}`); },
      onStep: (s) => steps.push(s),
    });
    const { client } = testClient(fixture.mock.url, { presetId: opts.preset ?? 'local' });
    const loop = runAgentLoop(client, {
      model: 'glm-4.7', tools: agentToolDefinitions(), toolStream: opts.toolStream ?? true,
      messages: [{ role: 'system', content: 'sys' }, { role: 'user', content: `Fix the TODO [[mock:agent ${directive}]]` }],
    }, dispatcher, { maxRounds: 10 });
    const events: ToolLoopEvent[] = [];
    for (;;) {
      const next = await loop.next();
      if (next.done) return { events, messages: next.value, steps, checkpoints };
      events.push(next.value);
    }
  }

  it('sends back each round\'s reasoning_content unmodified with the tool results (Zhipu endpoints)', async () => {
    const run = await runAgent('steps=search,read,edit');
    const bodies = fixture.mock.requests.map((r) => r.body as { messages: ChatMessage[]; tool_stream?: boolean });
    assert.equal(bodies.length, 4);
    const calls = run.events.flatMap((e) => (e.type === 'toolCall' ? [e.call] : []));
    const results = run.events.flatMap((e) => (e.type === 'toolResult' ? [e.content] : []));
    const assistant = (i: number): ChatMessage => ({ role: 'assistant', content: null, reasoning_content: `Round ${i + 1}: next I ${['search', 'read', 'edit'][i]} (${calls[i].function.name}).`, tool_calls: [calls[i]] });
    const tool = (i: number): ChatMessage => ({ role: 'tool', content: results[i], tool_call_id: calls[i].id });
    const start: ChatMessage[] = bodies[0].messages;
    assert.deepEqual(bodies[3].messages, [...start, assistant(0), tool(0), assistant(1), tool(1), assistant(2), tool(2)]);
    assert.deepEqual(bodies[2].messages, [...start, assistant(0), tool(0), assistant(1), tool(1)]);
    assert.ok(bodies.every((b) => b.tool_stream === true));
    assert.deepEqual(calls.map((c) => c.function.name), ['search_text', 'read_file', 'edit_file']);
    assert.equal(results[0], 'src/app.ts:1: export const greeting = "TODO";');
    assert.equal(readFileSync(path.join(ws.root, 'src/app.ts'), 'utf8'), 'export const greeting = "DONE";\n');
    assert.deepEqual(run.checkpoints, ['src/app.ts:export const greeting = "TODO";\n']);
    assert.match(String(run.messages.at(-1)?.content), /All steps completed/);
  });

  it('sends no reasoning_content on the gateway preset, and no tool_stream', async () => {
    await runAgent('steps=search,read', { preset: 'acedata' });
    const bodies = fixture.mock.requests.map((r) => r.body as { messages: Array<Record<string, unknown>>; tool_stream?: boolean });
    assert.equal(bodies.length, 3);
    const assistants = bodies[2].messages.filter((m) => m.role === 'assistant');
    assert.equal(assistants.length, 2);
    assert.ok(assistants.every((m) => !('reasoning_content' in m) && Array.isArray(m.tool_calls)));
    assert.ok(bodies.every((b) => b.tool_stream === undefined));
  });

  it('streams tool-call arguments in fragments on tool_stream endpoints', async () => {
    const run = await runAgent('steps=write content="line one\\nline two"', { toolStream: true });
    const deltas = run.events.filter((e) => e.type === 'toolCallDelta');
    assert.ok(deltas.length > 5);
    assert.ok(readFileSync(path.join(ws.root, 'notes/agent.txt'), 'utf8').startsWith('line one'));
  });

  for (const [fault, expected] of [
    ['invalid-json', /not valid JSON/],
    ['unknown-tool', /no tool named "open_file"\. Available tools: read_file/],
    ['empty', /no tool name/],
  ] as const) {
    it(`answers a ${fault} call with a tool error, runs nothing, and the model recovers`, async () => {
      const run = await runAgent(`steps=search,read fault=${fault} fault-round=1`);
      const results = run.events.flatMap((e) => (e.type === 'toolResult' ? [e] : []));
      assert.equal(results.length, 3);
      assert.ok(results[1].isError);
      assert.match(results[1].content, expected);
      assert.equal(run.steps.find((s) => s.status === 'refused')?.callId, results[1].call.id);
      assert.match(results[2].content, /^src\/app\.ts: lines 1-1 of 1/);
    });
  }

  it('repairs leaked arg markup, runs the call, and sends the repaired JSON back in the history', async () => {
    const run = await runAgent('steps=search,read fault=markup fault-round=1');
    const results = run.events.flatMap((e) => (e.type === 'toolResult' ? [e] : []));
    assert.equal(results.length, 2);
    assert.ok(!results[1].isError);
    assert.match(results[1].content, /markup converted to JSON[\s\S]*lines 1-1 of 1/);
    const last = fixture.mock.requests.at(-1)?.body as { messages: Array<{ role: string; tool_calls?: Array<{ function: { arguments: string } }> }> };
    assert.equal(last.messages.filter((m) => m.tool_calls)[1].tool_calls?.[0].function.arguments, '{"path":"src/app.ts"}');
  });

  it('sends a denial with the user\'s reason back and changes nothing', async () => {
    const run = await runAgent('steps=search,read,edit', { auto: DEFAULT_AUTO_APPROVE, decide: () => ({ decision: 'deny', reason: 'keep the TODO for now' }) });
    const results = run.events.flatMap((e) => (e.type === 'toolResult' ? [e.content] : []));
    assert.equal(results[2], 'The user denied this edit_file call. The user said: keep the TODO for now');
    assert.equal(readFileSync(path.join(ws.root, 'src/app.ts'), 'utf8'), 'export const greeting = "TODO";\n');
    assert.match(String(run.messages.at(-1)?.content), /keep the TODO for now/);
    assert.deepEqual(run.checkpoints, []);
  });

  it('writes only what the user accepted of an edit, and tells the model the file differs', async () => {
    const accepted = 'export const greeting = "PARTLY";\n';
    const run = await runAgent('steps=search,read,edit', { auto: DEFAULT_AUTO_APPROVE, decide: () => ({ decision: 'allow', after: accepted }) });
    const results = run.events.flatMap((e) => (e.type === 'toolResult' ? [e.content] : []));
    assert.equal(readFileSync(path.join(ws.root, 'src/app.ts'), 'utf8'), accepted);
    assert.match(results[2], /^The user accepted only part of this change.*read it again before editing it\.\nUpdated src\/app\.ts/);
    assert.deepEqual(run.checkpoints, ['src/app.ts:export const greeting = "TODO";\n']);
    const done = run.steps.filter((s) => s.tool === 'edit_file').at(-1);
    assert.equal(done?.status, 'done');
  });

  it('goes on after a 429 between rounds', async () => {
    const run = await runAgent('steps=search,read rate429=1');
    assert.ok(run.events.some((e) => e.type === 'retry'));
    assert.equal(fixture.mock.requests.length, 4);
    assert.match(String(run.messages.at(-1)?.content), /All steps completed/);
  });

  it('runs a command and puts its output in the result', async () => {
    const run = await runAgent('steps=run command="echo agent-ran"');
    const results = run.events.flatMap((e) => (e.type === 'toolResult' ? [e.content] : []));
    assert.equal(results[0], 'Exit code 0.\nagent-ran');
  });
});
