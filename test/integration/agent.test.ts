// Agent mode in a real extension host against the mock's `agent` scenario: tool calls run on the real
// workspace folder, approvals and restores go through the same validation and controller as the webview's.
import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChatTestState } from '../../src/host/chat/chatTestHook';
import type { ToolStepView } from '../../src/shared/agentProtocol';
import { hook, post, state, until, waitIdle } from './chatHook';
import { activateExtension, mock, resetState, setSetting } from './helpers';

async function sendAgent(text: string): Promise<string> {
  const requestId = randomUUID();
  const { activeChatId } = await state();
  await post({ type: 'chat/send', requestId, chatId: activeChatId, text, chipIds: [], model: 'glm-4.7', thinking: 'auto', mode: 'agent' });
  return requestId;
}

/** The newest state of each tool step the host posted for the latest answer. */
async function steps(): Promise<ToolStepView[]> {
  const posted = (await state()).posted;
  const turnId = posted.filter((m) => m.type === 'stream/start').at(-1)?.turnId;
  const byId = new Map<string, ToolStepView>();
  for (const m of posted) if (m.type === 'agent/part' && m.turnId === turnId && m.part.kind === 'tool') byId.set(m.part.id, m.part.step);
  return [...byId.values()];
}

const waitingStep = (tool: string) => until(`an approval card for ${tool}`, async () => (await steps()).find((s) => s.tool === tool && s.status === 'awaiting'));
const lastAnswer = (s: ChatTestState) => [...s.turns].reverse().find((t) => t.kind === 'answer')!;

suite('agent', () => {
  const root = (): string => vscode.workspace.workspaceFolders![0].uri.fsPath;
  const file = (rel: string): string => path.join(root(), rel);
  const write = (rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(file(rel)), { recursive: true });
    fs.writeFileSync(file(rel), text);
  };

  suiteSetup(async () => {
    await activateExtension();
  });
  setup(async () => {
    await resetState();
    await setSetting('glm.agent.autoApprove', undefined);
    await setSetting('glm.agent.alwaysAllowedTools', undefined);
    await post({ type: 'chat/new' });
    write('agent-demo/app.ts', 'export const status = "AGENT_TODO";\n');
  });
  suiteTeardown(async () => {
    await setSetting('glm.agent.autoApprove', undefined);
    await resetState();
  });

  test('edits a file only after approval, shows "1 file changed", and Restore checkpoint brings it back', async () => {
    await sendAgent('[[mock:agent steps=search,read,edit query=AGENT_TODO replace=AGENT_DONE]] finish the status');
    const card = await waitingStep('edit_file');
    assert.equal(card.title, 'agent-demo/app.ts');
    assert.ok(card.diff?.some((l) => l === '+export const status = "AGENT_DONE";'), JSON.stringify(card.diff));
    assert.equal(fs.readFileSync(file('agent-demo/app.ts'), 'utf8'), 'export const status = "AGENT_TODO";\n', 'nothing written before approval');
    await post({ type: 'agent/approve', callId: card.callId, decision: 'allow' });
    await waitIdle();
    assert.equal(fs.readFileSync(file('agent-demo/app.ts'), 'utf8'), 'export const status = "AGENT_DONE";\n');
    const s = await state();
    const answer = lastAnswer(s);
    assert.equal(answer.status, 'done');
    assert.deepEqual(answer.agent?.changed, ['agent-demo/app.ts']);
    assert.deepEqual(answer.agent?.parts.filter((p) => p.kind === 'tool').map((p) => p.kind === 'tool' && `${p.step.tool}:${p.step.status}`), ['search_text:done', 'read_file:done', 'edit_file:done']);
    assert.ok(answer.agent?.parts.some((p) => p.kind === 'thinking' && /Round 1/.test(p.text)), 'thinking of each round is kept');

    await hook({ op: 'reload' });
    const reloaded = lastAnswer(await state());
    assert.deepEqual(reloaded.agent, answer.agent, 'the agent turn looks the same after a reload');

    await post({ type: 'agent/restore', chatId: s.activeChatId, turnId: answer.id });
    const plan = await until('the restore plan', async () => (await state()).posted.flatMap((m) => (m.type === 'agent/meta' && m.meta.restorePlan ? [m.meta.restorePlan] : [])).at(-1));
    assert.deepEqual(plan, ['agent-demo/app.ts']);
    assert.equal(fs.readFileSync(file('agent-demo/app.ts'), 'utf8'), 'export const status = "AGENT_DONE";\n', 'nothing restored before confirmation');
    await post({ type: 'agent/restore', chatId: s.activeChatId, turnId: answer.id, confirmed: true });
    await until('the file to come back', async () => fs.readFileSync(file('agent-demo/app.ts'), 'utf8') === 'export const status = "AGENT_TODO";\n' || undefined);
    assert.equal(lastAnswer(await state()).agent?.restored, true);
  });

  test('Deny sends the reason back to the model and changes nothing', async () => {
    await sendAgent('[[mock:agent steps=search,read,edit query=AGENT_TODO replace=AGENT_DONE]] finish the status');
    const card = await waitingStep('edit_file');
    await post({ type: 'agent/approve', callId: card.callId, decision: 'deny', reason: 'not in this release' });
    await waitIdle();
    const last = (await mock.completions()).at(-1)!;
    const tool = last.body.messages.at(-1);
    assert.equal(tool.role, 'tool');
    assert.equal(tool.content, 'The user denied this edit_file call. The user said: not in this release');
    assert.equal(fs.readFileSync(file('agent-demo/app.ts'), 'utf8'), 'export const status = "AGENT_TODO";\n');
    assert.match(lastAnswer(await state()).text, /not in this release/);
  });

  test('an edit opened in the diff editor is decided there: Accept allows it, Reject denies it', async () => {
    const proposalTab = () => until('the proposal diff', async () => vscode.window.tabGroups.all.flatMap((g) => g.tabs)
      .map((t) => t.input).find((i): i is vscode.TabInputTextDiff => i instanceof vscode.TabInputTextDiff && i.modified.scheme === 'glm-proposal'));
    const review = async (command: string): Promise<ToolStepView> => {
      await sendAgent('[[mock:agent steps=search,read,edit query=AGENT_TODO replace=AGENT_DONE]] finish the status');
      const card = await waitingStep('edit_file');
      await post({ type: 'agent/reviewCall', callId: card.callId });
      const tab = await proposalTab();
      assert.equal((await vscode.workspace.openTextDocument(tab.modified)).getText(), 'export const status = "AGENT_DONE";\n');
      assert.equal(await vscode.commands.executeCommand(command, tab.modified), true);
      await waitIdle();
      return (await steps()).find((s) => s.tool === 'edit_file')!;
    };

    const accepted = await review('glm.acceptProposal');
    assert.equal(accepted.status, 'done');
    assert.equal(fs.readFileSync(file('agent-demo/app.ts'), 'utf8'), 'export const status = "AGENT_DONE";\n');
    assert.deepEqual(lastAnswer(await state()).agent?.changed, ['agent-demo/app.ts']);
    assert.ok(!vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === 'glm-proposal'), 'the diff closed');

    write('agent-demo/app.ts', 'export const status = "AGENT_TODO";\n');
    const rejected = await review('glm.rejectProposal');
    assert.equal(rejected.status, 'denied');
    assert.match(rejected.result ?? '', /Rejected in the diff editor/);
    assert.equal(fs.readFileSync(file('agent-demo/app.ts'), 'utf8'), 'export const status = "AGENT_TODO";\n');
  });

  test('run_command runs in a terminal and its exit code and output reach the model', async () => {
    await setSetting('glm.agent.autoApprove', { reads: true, edits: false, commands: ['echo'] });
    await sendAgent('[[mock:agent steps=run command="echo agent-output-42"]] run it');
    await waitIdle();
    const tool = (await mock.completions()).at(-1)!.body.messages.at(-1);
    assert.equal(tool.role, 'tool');
    assert.match(tool.content, /^Exit code 0\.\n/);
    assert.match(tool.content, /agent-output-42/);
    assert.ok(vscode.window.terminals.some((t) => t.name === 'GLM Agent'), 'the command ran in a VS Code terminal');
  });

  test('Stop during a running command ends it', async () => {
    await setSetting('glm.agent.autoApprove', { reads: true, edits: false, commands: ['sleep'] });
    const requestId = await sendAgent('[[mock:agent steps=run command="sleep 60"]] wait');
    await until('the command to run', async () => (await steps()).find((s) => s.tool === 'run_command' && s.status === 'running'));
    const started = Date.now();
    await post({ type: 'chat/stop', requestId });
    await waitIdle();
    assert.ok(Date.now() - started < 15_000, `stopping took ${Date.now() - started} ms`);
    assert.equal(lastAnswer(await state()).status, 'stopped');
    assert.equal((await mock.completions()).length, 1, 'no further model call after Stop');
  });

  test('a protected path is refused with a tool error and its content never leaves', async () => {
    write('.env', 'API_SECRET=never-send-me\n');
    await sendAgent('[[mock:agent steps=read path=.env]] read the env');
    await waitIdle();
    const requests = await mock.completions();
    const tool = requests.at(-1)!.body.messages.at(-1);
    assert.match(tool.content, /^Error: ".env" is protected by the setting glm.agent.protectedFiles/);
    assert.ok(!JSON.stringify(requests.map((r) => r.body)).includes('never-send-me'));
    assert.equal((await steps()).find((s) => s.tool === 'read_file')?.status, 'refused');
  });
});
