// Agent mode's part of the webview protocol: the shapes of tool steps, thinking parts and a turn's agent
// state, the messages that carry them, and validation of what the webview sends back (approvals, restore,
// review). protocol.ts joins these into its unions.

export type ChatMode = 'ask' | 'agent';

export type ToolStepStatus = 'preparing' | 'awaiting' | 'running' | 'done' | 'error' | 'refused' | 'denied';

export interface ToolStepView {
  callId: string;
  tool: string;
  /** Path, pattern or command: the card's one-line summary. */
  title: string;
  /** Arguments as JSON (repaired when they were not), or the raw text while streaming. */
  args: string;
  status: ToolStepStatus;
  /** What went back to the model (bounded). */
  result?: string;
  change?: { path: string; created: boolean; added: number; removed: number };
  cwd?: string;
  /** Diff lines of a proposed edit for the approval card (`+`/`-`/` ` prefixed, bounded). */
  diff?: string[];
}

/** The pieces of an agent turn, in order: each round's thinking, then its tool steps. */
export type AgentPart =
  | { kind: 'thinking'; id: string; text: string }
  | { kind: 'tool'; id: string; step: ToolStepView };

export interface AgentTurnView {
  parts: AgentPart[];
  /** Rules files added to the system prompt (workspace-relative). */
  rules: string[];
  /** Files the turn changed (workspace-relative), for "N files changed". */
  changed: string[];
  /** Set when the turn stopped at glm.agent.maxRounds. */
  roundLimit?: number;
  /** The checkpoint was restored: the files are back to how they were before the turn. */
  restored?: boolean;
  /** Restore asked for: the files it would put back, awaiting the user's confirmation (never saved). */
  /** null clears it (undefined would vanish on its way through postMessage's JSON). */
  restorePlan?: string[] | null;
}

export type AgentMeta = Omit<AgentTurnView, 'parts'>;

export type ApprovalChoice = 'allow' | 'always' | 'deny';

export type AgentToWebview =
  /** Adds a part or replaces the one with the same id. */
  | { type: 'agent/part'; chatId: string; turnId: string; part: AgentPart }
  /** Live thinking of the current round, appended to the thinking part `partId`. */
  | { type: 'agent/thinking'; chatId: string; turnId: string; partId: string; text: string }
  | { type: 'agent/meta'; chatId: string; turnId: string; meta: Partial<AgentMeta> };

export type AgentFromWebview =
  | { type: 'agent/approve'; callId: string; decision: ApprovalChoice; reason?: string }
  /** Opens a waiting edit in the diff editor, where Accept / Choose Changes / Reject answer it. */
  | { type: 'agent/reviewCall'; callId: string }
  /** Without `confirmed` the host answers with the files it would restore (meta restorePlan). */
  | { type: 'agent/restore'; chatId: string; turnId: string; confirmed?: boolean }
  | { type: 'agent/review'; chatId: string; turnId: string; path?: string }
  | { type: 'agent/acceptAll'; chatId: string; turnId: string }
  | { type: 'agent/rejectFile'; chatId: string; turnId: string; path: string };

export const agentStringsEn = {
  modeAsk: 'Ask', modeAgent: 'Agent', modeLabel: 'Mode',
  toolPreparing: 'preparing…', toolAwaiting: 'Waiting for approval', toolRunning: 'Running…', toolDone: 'Done',
  toolError: 'Failed', toolRefused: 'Refused', toolDenied: 'Denied',
  allow: 'Allow', alwaysAllow: 'Always allow', deny: 'Deny', denyReason: 'Reason (optional, sent to the model)',
  filesChanged: '{0} files changed', fileChanged: '1 file changed', review: 'Review', acceptAll: 'Accept all',
  rejectFile: 'Reject', openDiff: 'Diff', reviewCall: 'Review in editor', restoreCheckpoint: 'Restore checkpoint', restored: 'Checkpoint restored',
  restoreConfirm: 'Restore these files to how they were before this turn? Later changes to them are lost.', restore: 'Restore', cancel: 'Cancel',
  restoreCreated: '{0} (created by the agent: will be deleted)',
  rulesChip: 'Rules: {0}', roundLimit: 'Stopped after {0} tool rounds (glm.agent.maxRounds).', continueAgent: 'Continue',
  toolResult: 'Result', toolArgs: 'Arguments', stepThinking: 'Thinking',
} as const;

const SAFE_ID = /^[A-Za-z0-9_.:-]+$/;

/** Checks an agent message from the webview; returns a clean copy or undefined. */
export function validateAgentMessage(obj: Record<string, unknown>): AgentFromWebview | undefined {
  const id = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 128 && SAFE_ID.test(v);
  const rel = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 4096 && !v.includes('\0');
  const keys = Object.keys(obj);
  const only = (...allowed: string[]): boolean => keys.every((k) => k === 'type' || allowed.includes(k));
  switch (obj.type) {
    case 'agent/approve': {
      const d = obj.decision;
      if (!only('callId', 'decision', 'reason') || !id(obj.callId) || (d !== 'allow' && d !== 'always' && d !== 'deny')) return undefined;
      if (obj.reason !== undefined && (typeof obj.reason !== 'string' || obj.reason.length > 2000)) return undefined;
      return { type: 'agent/approve', callId: obj.callId, decision: d, ...(typeof obj.reason === 'string' ? { reason: obj.reason } : {}) };
    }
    case 'agent/reviewCall':
      return only('callId') && id(obj.callId) ? { type: 'agent/reviewCall', callId: obj.callId } : undefined;
    case 'agent/restore':
      if (!only('chatId', 'turnId', 'confirmed') || !id(obj.chatId) || !id(obj.turnId) || (obj.confirmed !== undefined && typeof obj.confirmed !== 'boolean')) return undefined;
      return { type: 'agent/restore', chatId: obj.chatId, turnId: obj.turnId, ...(obj.confirmed === true ? { confirmed: true } : {}) };
    case 'agent/acceptAll':
      return only('chatId', 'turnId') && id(obj.chatId) && id(obj.turnId) ? { type: obj.type, chatId: obj.chatId, turnId: obj.turnId } : undefined;
    case 'agent/review':
      if (!only('chatId', 'turnId', 'path') || !id(obj.chatId) || !id(obj.turnId) || (obj.path !== undefined && !rel(obj.path))) return undefined;
      return { type: 'agent/review', chatId: obj.chatId, turnId: obj.turnId, ...(typeof obj.path === 'string' ? { path: obj.path } : {}) };
    case 'agent/rejectFile':
      return only('chatId', 'turnId', 'path') && id(obj.chatId) && id(obj.turnId) && rel(obj.path)
        ? { type: 'agent/rejectFile', chatId: obj.chatId, turnId: obj.turnId, path: obj.path } : undefined;
    default:
      return undefined;
  }
}

export function emptyAgentTurn(): AgentTurnView {
  return { parts: [], rules: [], changed: [] };
}

/**
 * The one reducer of a turn's agent state, used by the history (events on reload) and the webview (live
 * messages), so a reloaded agent turn is built exactly as it was shown. Returns the same object, changed.
 */
export function applyAgentUpdate(
  view: AgentTurnView,
  update: { part?: AgentPart; thinking?: { partId: string; text: string }; meta?: Partial<AgentMeta> },
): AgentTurnView {
  if (update.part) {
    const at = view.parts.findIndex((p) => p.id === update.part!.id && p.kind === update.part!.kind);
    if (at === -1) view.parts.push(update.part);
    else view.parts[at] = update.part;
  }
  if (update.thinking) {
    const part = view.parts.find((p) => p.kind === 'thinking' && p.id === update.thinking!.partId);
    if (part?.kind === 'thinking') part.text += update.thinking.text;
    else view.parts.push({ kind: 'thinking', id: update.thinking.partId, text: update.thinking.text });
  }
  if (update.meta) Object.assign(view, update.meta);
  return view;
}
