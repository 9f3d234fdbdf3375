// The `agent` scenario: a deterministic coding agent. It reads the tools it was offered and the results it
// got back, and plays `steps` (default search,read,edit,run) one round at a time: search_text for `query`,
// read the first file found (or `path`), edit_file replacing `query` by `replace` on the first line that has
// it, run_command `command`, then answer with a summary. It thinks aloud every round (reasoning_content).
// A denied or failed call ends the session with an answer that quotes it. Fault variants: `fault=
// invalid-json|markup|unknown-tool|empty` at round `fault-round` (0-based; the next round retries properly),
// `rate429=N` (the request of round N fails once with 429 and Retry-After: 1).
import type { ScenarioSpec } from '../directive';
import { promptTokensOf, type ChoicePlan, type ResponsePlan } from '../plan';
import type { ToolCallPlan } from '../toolCalls';
import { newToolCallId } from '../wire';
import { errorResponse, type ErrorResponse, type FlakyCounts } from './errors';
import { exchangesSoFar, firstHitPath, isToolError, lineWith, type ToolExchange } from './agentScript';
import type { ChatBody } from './content';

type Step = 'search' | 'read' | 'edit' | 'write' | 'run';
const STEP_TOOLS: Record<Step, string> = { search: 'search_text', read: 'read_file', edit: 'edit_file', write: 'write_file', run: 'run_command' };

interface Params {
  steps: Step[];
  query: string;
  replace: string;
  path?: string;
  command: string;
  content: string;
  fault?: string;
  faultRound: number;
}

function paramsOf(spec: ScenarioSpec): Params {
  const p = spec.params;
  const steps = (p.steps ?? 'search,read,edit,run').split(',').map((s) => s.trim()).filter((s): s is Step => s in STEP_TOOLS);
  return {
    steps, query: p.query ?? 'TODO', replace: p.replace ?? 'DONE', path: p.path, command: p.command ?? 'npm test',
    content: p.content ?? 'export const created = true;\n', fault: p.fault, faultRound: Number(p['fault-round'] ?? 0),
  };
}

/** `rate429=N`: round N's request fails once (counted per session key), then succeeds on retry. */
export function agentFailure(spec: ScenarioSpec, body: ChatBody, counts: FlakyCounts): ErrorResponse | undefined {
  const round = spec.params.rate429;
  if (round === undefined || exchangeRounds(body.messages) !== Number(round)) return undefined;
  const key = `agent429:${round}:${JSON.stringify(body.messages[body.messages.length - 1] ?? '').length}`;
  if (counts.get(key)) {
    counts.delete(key);
    return undefined;
  }
  counts.set(key, 1);
  return errorResponse({ status: '429', code: 'too_many_requests', 'retry-after': '1' });
}

function exchangeRounds(messages: any[]): number {
  let rounds = 0;
  for (let i = messages.length - 1; i >= 0 && messages[i]?.role !== 'user'; i--) {
    if (messages[i]?.role === 'assistant' && Array.isArray(messages[i].tool_calls)) rounds++;
  }
  return rounds;
}

export function agentPlan(spec: ScenarioSpec, body: ChatBody): ResponsePlan {
  const params = paramsOf(spec);
  const offered = new Set((body.tools ?? []).map((t: any) => String(t?.function?.name)));
  const done = exchangesSoFar(body.messages);
  const round = exchangeRounds(body.messages);
  const choice = nextChoice(params, offered, done, round);
  return { choices: [choice], promptTokens: promptTokensOf(body), toolStream: body.tool_stream === true && body.stream === true };
}

function nextChoice(p: Params, offered: Set<string>, done: ToolExchange[], round: number): ChoicePlan {
  const thinking = (what: string): string => `Round ${round + 1}: ${what}`;
  const last = done.at(-1);
  const faultDone = p.fault !== undefined && round > p.faultRound;
  if (last && isToolError(last.result) && !(faultDone && round === p.faultRound + 1)) {
    return answer(thinking('the last call did not go through, so I stop and report.'), `I stopped because \`${last.name}\` did not go through:\n\n> ${last.result.split('\n')[0]}`);
  }
  const steps = p.steps.filter((s) => offered.has(STEP_TOOLS[s]));
  const good = done.filter((d) => !isToolError(d.result));
  const step = steps[good.length];
  if (step === undefined) return answer(thinking('everything is done; time to summarise.'), summary(good));
  const call = callFor(step, p, good);
  if (!call) return answer(thinking(`I cannot ${step} without a file.`), `I could not find \`${p.query}\` in the workspace, so I changed nothing.`);
  const reasoning = thinking(`next I ${step} (${call.name}).`);
  if (p.fault !== undefined && round === p.faultRound) return { content: '', reasoning, toolCalls: [faulty(p.fault, call)], finishReason: 'tool_calls' };
  return { content: '', reasoning, toolCalls: [call], finishReason: 'tool_calls' };
}

function callFor(step: Step, p: Params, good: ToolExchange[]): ToolCallPlan | undefined {
  const path = p.path ?? firstHitPath(good.find((d) => d.name === 'search_text')?.result ?? '');
  const call = (name: string, args: Record<string, unknown>): ToolCallPlan => ({ id: newToolCallId(), name, arguments: JSON.stringify(args) });
  switch (step) {
    case 'search':
      return call('search_text', { query: p.query });
    case 'read':
      return path ? call('read_file', { path }) : undefined;
    case 'edit': {
      const line = path ? lineWith(good.find((d) => d.name === 'read_file')?.result ?? '', p.query) : undefined;
      return path && line !== undefined ? call('edit_file', { path, edits: [{ search: line, replace: line.split(p.query).join(p.replace) }] }) : undefined;
    }
    case 'write':
      return call('write_file', { path: p.path ?? 'notes/agent.txt', content: p.content });
    case 'run':
      return call('run_command', { command: p.command });
  }
}

function faulty(fault: string, call: ToolCallPlan): ToolCallPlan {
  switch (fault) {
    case 'invalid-json':
      return { ...call, arguments: call.arguments.slice(0, -1) + ',' };
    case 'markup':
      return { ...call, arguments: Object.entries(JSON.parse(call.arguments) as Record<string, unknown>)
        .map(([k, v]) => `<arg_key>${k}</arg_key><arg_value>${typeof v === 'string' ? v : JSON.stringify(v)}</arg_value>`).join('') };
    case 'unknown-tool':
      return { ...call, name: 'open_file' };
    default:
      return { ...call, name: '', arguments: '' };
  }
}

function answer(reasoning: string, content: string): ChoicePlan {
  return { reasoning, content, finishReason: 'stop' };
}

function summary(good: ToolExchange[]): string {
  const lines = good.map((d) => `- \`${d.name}\` ${JSON.stringify(d.args).slice(0, 80)} → ${d.result.split('\n')[0].slice(0, 120)}`);
  return ['Done. Here is what I did:', '', ...lines, '', 'All steps completed.'].join('\n');
}
