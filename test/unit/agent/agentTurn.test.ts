// One agent turn as the chat runs it (AnswerRun + AgentTurn) against the mock's `agent` scenario, on a temporary
// workspace with Node's fs: the cards it posts, the approval it waits for (with the edit's diff), the checkpoint
// of the file it changed, and the turn saved in the history with its steps and per-round thinking.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { AgentTurn, type AgentSettings, type AgentTurnService } from '../../../src/chat/agent/agentTurn';
import { DEFAULT_AUTO_APPROVE } from '../../../src/chat/agent/approvalPolicy';
import { CheckpointStore } from '../../../src/chat/agent/checkpoints';
import { nodeFs } from '../../../src/chat/agent/nodeFs';
import { PathGuard } from '../../../src/chat/agent/pathGuard';
import type { ApprovalDecision } from '../../../src/chat/agent/toolDispatcher';
import { AnswerRun } from '../../../src/chat/answerRun';
import { TokenEstimator } from '../../../src/chat/contextBudget';
import type { AnswerTurn } from '../../../src/chat/conversation';
import { HistoryStore } from '../../../src/chat/historyStore';
import type { ToolStepView } from '../../../src/shared/agentProtocol';
import type { ToWebview } from '../../../src/shared/protocol';
import { testClient, useMockServer } from '../glm/helpers';
import { executorFor, tempWorkspace } from './fixtures';

describe('AgentTurn in an AnswerRun', () => {
  const fixture = useMockServer();
  let ws: ReturnType<typeof tempWorkspace>;
  let dir: string;
  beforeEach(() => {
    ws = tempWorkspace({ 'src/app.ts': 'export const greeting = "TODO";\n' });
    dir = mkdtempSync(path.join(tmpdir(), 'glm-agent-turn-'));
  });
  afterEach(() => {
    ws.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  async function runTurn(decide: (step: ToolStepView) => ApprovalDecision) {
    const store = await HistoryStore.open(path.join(dir, 'history'));
    const settings: AgentSettings = { maxRounds: 10, autoApprove: DEFAULT_AUTO_APPROVE, alwaysAllowedTools: [], protectedFiles: [] };
    const posted: ToWebview[] = [];
    const waits: Array<{ callId: string; change?: string }> = [];
    const executor = executorFor(ws.root);
    const service: AgentTurnService = {
      client: testClient(fixture.mock.url, { maxRetries: 0 }).client,
      fs: nodeFs,
      checkpoints: new CheckpointStore(path.join(dir, 'checkpoints')),
      settings: () => settings,
      guard: () => new PathGuard([{ name: 'ws', path: ws.root }], []),
      executor: () => executor,
      rememberAlways: async () => undefined,
      waitForApproval: async (_turnId, callId, _signal, change) => {
        waits.push({ callId, change: change?.after });
        const card = [...posted].reverse().find((m) => m.type === 'agent/part' && m.part.kind === 'tool' && m.part.id === callId);
        return decide(card?.type === 'agent/part' && card.part.kind === 'tool' ? card.part.step : ({} as ToolStepView));
      },
      cancelApprovals: () => undefined,
    };
    const chat = await store.create({ title: 'agent' });
    const prompt = { kind: 'user' as const, id: store.newTurnId(), parentId: null, text: 'fix it', chips: [], createdAt: Date.now() };
    await store.addTurn(chat.id, prompt);
    const turnId = store.newTurnId();
    await store.addTurn(chat.id, { kind: 'answer', id: turnId, parentId: prompt.id, text: '', thinking: '', status: 'streaming', requestedModel: 'glm-4.7', createdAt: Date.now() });
    const post = (m: ToWebview): void => void posted.push(m);
    const agent = new AgentTurn({
      service, diffPreview: (c) => [`+${c.after.trim()}`], store, chat, turnId, presetId: 'local', estimator: new TokenEstimator(), post, log: () => undefined,
    });
    const run = new AnswerRun({ store, client: service.client, estimator: new TokenEstimator(), post, describe: (e) => ({ message: String(e) }), logError: () => undefined, agent },
      'req-1', chat, turnId, { model: 'glm-4.7', messages: [{ role: 'system', content: 'sys' }, { role: 'user', content: 'Fix the TODO [[mock:agent steps=search,read,edit query=TODO replace=DONE]]' }] }, 10);
    run.start();
    await run.done;
    const saved = (await store.load(chat.id)).turns.get(turnId) as AnswerTurn;
    await store.close();
    return { posted, waits, saved, service, chatId: chat.id, turnId };
  }

  it('asks before the edit with its diff, writes it after Allow, checkpoints it and saves the turn', async () => {
    const { posted, waits, saved, service, chatId, turnId } = await runTurn(() => ({ decision: 'allow' }));
    assert.deepEqual(waits.map((w) => w.change), ['export const greeting = "DONE";\n'], 'only the edit waited for approval');
    const awaiting = posted.findLast((m) => m.type === 'agent/part' && m.part.kind === 'tool' && m.part.step.status === 'awaiting');
    assert.ok(awaiting?.type === 'agent/part' && awaiting.part.kind === 'tool');
    assert.deepEqual(awaiting.part.step.diff, ['+export const greeting = "DONE";'], 'the card carries the diff');
    assert.equal(readFileSync(path.join(ws.root, 'src/app.ts'), 'utf8'), 'export const greeting = "DONE";\n');
    assert.deepEqual(await service.checkpoints.changedBy(chatId, turnId), [path.join(ws.root, 'src/app.ts')]);
    assert.equal(saved.status, 'done');
    const tools = saved.agent?.parts.flatMap((p) => (p.kind === 'tool' ? [`${p.step.tool}:${p.step.status}`] : []));
    assert.deepEqual(tools, ['search_text:done', 'read_file:done', 'edit_file:done']);
    assert.ok(saved.agent?.parts.some((p) => p.kind === 'thinking' && /Round 1/.test(p.text)), 'per-round thinking is saved');
    assert.deepEqual(saved.agent?.changed, ['src/app.ts']);
  });

  it('Deny leaves the file alone, records no checkpoint and saves the denied step', async () => {
    const { saved, service, chatId, turnId } = await runTurn(() => ({ decision: 'deny', reason: 'not yet' }));
    assert.equal(readFileSync(path.join(ws.root, 'src/app.ts'), 'utf8'), 'export const greeting = "TODO";\n');
    assert.deepEqual(await service.checkpoints.changedBy(chatId, turnId), []);
    const edit = saved.agent?.parts.find((p) => p.kind === 'tool' && p.step.tool === 'edit_file');
    assert.ok(edit?.kind === 'tool' && edit.step.status === 'denied');
    assert.deepEqual(saved.agent?.changed ?? [], []);
  });
});
