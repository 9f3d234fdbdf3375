import { agentToolDefinitions } from './agentTools';
import { runAgentLoop } from './agentLoop';
import { agentSystemPrompt, loadRules } from './agentPrompt';
import { ToolDispatcher, type ApprovalDecision } from './toolDispatcher';
import type { AgentFs } from './agentFs';
import type { CheckpointStore } from './checkpoints';
import type { PathGuard } from './pathGuard';
import type { FileChange, PreparedCall, ToolExecutor } from './toolExecutor';
import type { AgentToolName } from './agentTools';
import type { AutoApprove } from './approvalPolicy';
import { limitsFor, promptBudget, type TokenEstimator } from '../contextBudget';
import type { Chat } from '../conversation';
import type { HistoryStore } from '../historyStore';
import { getPreset, type PresetId } from '../../glm/presets';
import type { RequestOptions } from '../../glm/schedulerRun';
import type { ToolLoopEvent } from '../../glm/toolLoop';
import type { ChatRequest, StreamEvent } from '../../glm/types';
import type { AgentMeta, AgentPart, ToolStepView } from '../../shared/agentProtocol';
import type { ToWebview } from '../../shared/protocol';
import type { AgentRunHooks } from '../answerRun';
import type { GlmClient } from '../../glm/glmClient';

/** Streamed tool arguments reach the webview at most this often per call. */
const ARGS_BATCH_MS = 40;

/** The agent's settings (`glm.agent.*`, read by the host). */
export interface AgentSettings {
  maxRounds: number;
  autoApprove: AutoApprove;
  alwaysAllowedTools: string[];
  protectedFiles: string[];
}

/** What every agent turn shares (the host's AgentService): settings, tools, approvals, checkpoints. */
export interface AgentTurnService {
  readonly client: GlmClient;
  readonly fs: AgentFs;
  readonly checkpoints: CheckpointStore;
  settings(): AgentSettings;
  guard(settings?: AgentSettings): PathGuard;
  executor(guard: PathGuard): ToolExecutor;
  rememberAlways(tool: AgentToolName): Promise<void>;
  waitForApproval(turnId: string, callId: string, signal?: AbortSignal, change?: FileChange): Promise<ApprovalDecision>;
  cancelApprovals(turnId: string): void;
}

export interface AgentTurnDeps {
  service: AgentTurnService;
  /** The approval card's diff lines for a proposed edit (bounded; the full diff opens in the editor). */
  diffPreview(change: FileChange): string[];
  store: HistoryStore;
  chat: Chat;
  turnId: string;
  presetId: PresetId | string;
  estimator: TokenEstimator;
  post(msg: ToWebview): void;
  log(message: string): void;
}

/** One agent turn inside an AnswerRun: the tool loop, its cards, thinking per round, and its checkpoint. */
export class AgentTurn implements AgentRunHooks {
  private round = 0;
  private readonly changed = new Map<string, string>();
  private readonly argsTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly thinking = new Map<number, string>();

  constructor(private readonly deps: AgentTurnDeps) {}

  async *events(request: ChatRequest, signal: AbortSignal, options: RequestOptions): AsyncGenerator<StreamEvent | ToolLoopEvent> {
    const { service } = this.deps;
    const settings = service.settings();
    const guard = service.guard(settings);
    const rules = await loadRules(service.fs, guard.roots).catch(() => []);
    if (rules.length) this.meta({ rules: rules.map((r) => r.path) });
    const [system, ...rest] = request.messages;
    const messages = system?.role === 'system' ? [{ role: 'system' as const, content: agentSystemPrompt(system.content, rules) }, ...rest] : request.messages;
    const dispatcher = new ToolDispatcher({
      executor: service.executor(guard),
      policy: () => ({ auto: service.settings().autoApprove, alwaysAllowed: service.settings().alwaysAllowedTools }),
      approve: (step, call, s) => this.approve(step, call, s),
      rememberAlways: (tool) => service.rememberAlways(tool),
      checkpoint: (change) => this.checkpoint(change),
      onStep: (step) => this.part({ kind: 'tool', id: step.callId, step }),
    });
    const budget = promptBudget(limitsFor(request.model), request.maxTokens);
    yield* runAgentLoop(client(service, options), {
      ...request, messages, tools: agentToolDefinitions(), toolStream: getPreset(this.deps.presetId).toolStream,
    }, dispatcher, {
      maxRounds: settings.maxRounds, signal,
      budget: { tokens: budget, estimator: this.deps.estimator, onTrimmed: (n) => this.deps.log(`Agent: trimmed ${n} old tool result(s) to fit the context window.`) },
    });
  }

  handle(ev: StreamEvent | ToolLoopEvent): boolean {
    switch (ev.type) {
      case 'roundStart':
        this.round = ev.round;
        return true;
      case 'reasoning':
        if (ev.index !== 0) return true;
        this.thinking.set(this.round, (this.thinking.get(this.round) ?? '') + ev.text);
        this.post({ type: 'agent/thinking', chatId: this.deps.chat.id, turnId: this.deps.turnId, partId: `think-${this.round}`, text: ev.text });
        return true;
      case 'toolCallDelta':
        if (ev.index === 0) this.streamArgs(ev.id || `call-${this.round}-${ev.callIndex}`, ev.name, ev.argumentsSoFar);
        return true;
      case 'roundEnd': {
        const text = this.thinking.get(ev.round);
        if (text) void this.record({ part: { kind: 'thinking', id: `think-${ev.round}`, text } });
        return true;
      }
      case 'roundLimit':
        this.meta({ roundLimit: ev.maxRounds });
        return true;
      case 'toolCall':
      case 'toolResult':
        return true;
      default:
        return false;
    }
  }

  async end(): Promise<void> {
    for (const t of this.argsTimers.values()) clearTimeout(t);
    this.service.cancelApprovals(this.deps.turnId);
    if (this.changed.size > 0) this.meta({ changed: [...this.changed.values()] });
  }

  private get service(): AgentTurnService {
    return this.deps.service;
  }

  /** A "preparing" card whose arguments grow as they stream (batched per call). */
  private streamArgs(callId: string, name: string, args: string): void {
    if (this.argsTimers.has(callId)) clearTimeout(this.argsTimers.get(callId));
    this.argsTimers.set(callId, setTimeout(() => {
      this.argsTimers.delete(callId);
      this.post({ type: 'agent/part', chatId: this.deps.chat.id, turnId: this.deps.turnId, part: { kind: 'tool', id: callId, step: { callId, tool: name, title: '', args, status: 'preparing' } } });
    }, ARGS_BATCH_MS));
  }

  private async approve(step: ToolStepView, call: PreparedCall, signal?: AbortSignal): Promise<ApprovalDecision> {
    const card: ToolStepView = call.change ? { ...step, diff: this.deps.diffPreview(call.change) } : step;
    this.part({ kind: 'tool', id: step.callId, step: card });
    return this.service.waitForApproval(this.deps.turnId, step.callId, signal, call.change);
  }

  private async checkpoint(change: FileChange): Promise<void> {
    await this.service.checkpoints.recordBefore(this.deps.chat.id, this.deps.turnId, change.abs, change.before);
    this.changed.set(change.abs, change.rel);
  }

  private part(part: AgentPart): void {
    if (part.kind === 'tool') {
      clearTimeout(this.argsTimers.get(part.id));
      this.argsTimers.delete(part.id);
    }
    void this.record({ part });
  }

  private meta(meta: Partial<AgentMeta>): void {
    void this.record({ meta });
  }

  private async record(update: { part?: AgentPart; meta?: Partial<AgentMeta> }): Promise<void> {
    const { chat, turnId } = this.deps;
    if (update.part) this.post({ type: 'agent/part', chatId: chat.id, turnId, part: update.part });
    if (update.meta) this.post({ type: 'agent/meta', chatId: chat.id, turnId, meta: update.meta });
    try {
      await this.deps.store.recordAgent(chat.id, turnId, update);
    } catch (err) {
      this.deps.log(`Could not save an agent step: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private post(msg: ToWebview): void {
    this.deps.post(msg);
  }
}

/** Agent rounds queue behind interactive chat requests, and the panel shows the wait. */
function client(service: AgentTurnService, options: RequestOptions): Parameters<typeof runAgentLoop>[0] {
  return { stream: (request, signal) => service.client.stream(request, signal, { ...options, priority: 'agent' }) };
}
