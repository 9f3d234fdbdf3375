// One tool call from the model -> its result, through every gate in order: a tool name that was offered,
// arguments that parse (repaired when unambiguous) and fit the schema, paths the guard allows, a change that
// applies, the user's approval, a checkpoint of what is about to change, and a bounded result. Whatever
// fails becomes a tool error the model can act on; nothing runs on arguments that failed validation.

import type { ToolCall } from '../../glm/types';
import type { ToolDispatchResult } from '../../glm/toolLoop';
import { AGENT_TOOL_NAMES, isAgentToolName, TOOL_SCHEMAS, type AgentToolName } from './agentTools';
import { needsApproval, type AutoApprove } from './approvalPolicy';
import { parseToolArguments } from './toolArguments';
import { MAX_RESULT_CHARS, type FileChange, type PreparedCall, type ToolExecutor } from './toolExecutor';
import { truncateMiddle } from './textLimits';
import type { ToolStepStatus, ToolStepView as ToolStep } from '../../shared/agentProtocol';

/** `after`: the user accepted only part of a proposed edit (in the diff editor); this is the file's text to write. */
export type ApprovalDecision = { decision: 'allow'; after?: string } | { decision: 'always' } | { decision: 'deny'; reason?: string };

export interface DispatchDeps {
  executor: ToolExecutor;
  policy(): { auto: AutoApprove; alwaysAllowed: readonly string[] };
  /** Shows the approval card and waits; rejects (or resolves deny) when `signal` aborts. */
  approve(step: ToolStep, call: PreparedCall, signal?: AbortSignal): Promise<ApprovalDecision>;
  rememberAlways(tool: AgentToolName): Promise<void>;
  /** Before a file changes: record its content for the turn's checkpoint. */
  checkpoint(change: FileChange): Promise<void>;
  /** Every state a step goes through, for the card and the history. */
  onStep(step: ToolStep): void;
}

export class ToolDispatcher {
  constructor(private readonly deps: DispatchDeps) {}

  readonly dispatch = async (call: ToolCall, signal?: AbortSignal): Promise<ToolDispatchResult> => {
    const name = call.function.name.trim();
    const step: ToolStep = { callId: call.id, tool: name, title: '', args: call.function.arguments, status: 'running' };
    const fail = (content: string, status: ToolStepStatus = 'error', args?: string): ToolDispatchResult =>
      this.finish(step, status, `Error: ${content}`, true, args);
    // Repaired arguments replace the raw text in the history, so the model sees well-formed calls of its own.

    if (name === '') return fail(`the tool call has no tool name. Call one of: ${AGENT_TOOL_NAMES.join(', ')}.`, 'refused');
    if (!isAgentToolName(name)) return fail(`there is no tool named "${name}". Available tools: ${AGENT_TOOL_NAMES.join(', ')}.`, 'refused');
    const parsed = parseToolArguments(name, call.function.arguments, TOOL_SCHEMAS[name].parameters);
    if (!parsed.ok) return fail(parsed.error, 'refused');
    step.args = parsed.json;
    const history = parsed.repaired ? parsed.json : undefined;
    const prepared = await this.deps.executor.prepare(name, parsed.args).catch((e: unknown) => errorText(e));
    if (typeof prepared === 'string') return fail(prepared, 'refused', history);
    step.title = prepared.title;
    if (prepared.change) step.change = changeSummary(prepared.change);
    if (prepared.command) step.cwd = prepared.command.cwd;

    const { auto, alwaysAllowed } = this.deps.policy();
    let partial = '';
    if (needsApproval({ tool: name, kind: prepared.kind, command: prepared.command?.command }, auto, alwaysAllowed)) {
      step.status = 'awaiting';
      this.deps.onStep({ ...step });
      const answer = await this.deps.approve({ ...step }, prepared, signal);
      if (answer.decision === 'deny') {
        const why = answer.reason?.trim() ? ` The user said: ${answer.reason.trim()}` : ' Do not retry the same call; ask the user or try another way.';
        return this.finish(step, 'denied', `The user denied this ${name} call.${why}`, true, history);
      }
      if (answer.decision === 'always') await this.deps.rememberAlways(name);
      if (answer.decision === 'allow' && answer.after !== undefined && prepared.change && answer.after !== prepared.change.after) {
        // `run` writes `change.after`: what the user accepted replaces what the model proposed.
        prepared.change.after = answer.after;
        step.change = changeSummary(prepared.change);
        partial = 'The user accepted only part of this change, so the file differs from what you sent: read it again before editing it.\n';
      }
    }
    step.status = 'running';
    this.deps.onStep({ ...step });
    try {
      if (prepared.change) await this.deps.checkpoint(prepared.change);
      const result = truncateMiddle(await prepared.run(signal), MAX_RESULT_CHARS);
      const note = parsed.repaired ? `(Note: your arguments were not valid JSON; ${parsed.repaired}. Send plain JSON next time.)\n` : '';
      return this.finish(step, 'done', note + partial + result, false, history);
    } catch (e) {
      if (signal?.aborted) throw e;
      return fail(errorText(e), 'error', history);
    }
  };

  private finish(step: ToolStep, status: ToolStepStatus, content: string, isError: boolean, args?: string): ToolDispatchResult {
    step.status = status;
    step.result = content;
    this.deps.onStep({ ...step });
    return { content, isError, ...(args !== undefined ? { arguments: args } : {}) };
  }
}

function changeSummary(change: FileChange): NonNullable<ToolStep['change']> {
  const before = change.before === undefined ? [] : change.before.split('\n');
  const after = change.after.split('\n');
  const old = new Set(before);
  const now = new Set(after);
  return {
    path: change.rel,
    created: change.before === undefined,
    added: after.filter((l) => !old.has(l)).length,
    removed: before.filter((l) => !now.has(l)).length,
  };
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
