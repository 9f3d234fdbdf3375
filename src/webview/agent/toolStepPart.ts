// One tool step as a part of an agent turn: a card with the tool, its one-line summary, the arguments (live
// while they stream), an approval bar while it waits, the diff of a proposed edit, and the result.
import type { ApprovalChoice, ToolStepView } from '../../shared/agentProtocol';
import type { UiStringKey } from '../../shared/protocol';
import { h } from '../dom';
import { t } from '../strings';

export interface StepActions {
  approve(callId: string, decision: ApprovalChoice, reason?: string): void;
  reviewCall(callId: string): void;
}

const STATUS_TEXT: Record<ToolStepView['status'], UiStringKey> = {
  preparing: 'toolPreparing', awaiting: 'toolAwaiting', running: 'toolRunning', done: 'toolDone',
  error: 'toolError', refused: 'toolRefused', denied: 'toolDenied',
};

/** `live`: the turn is still running, so a waiting card can be answered; otherwise it shows as stopped. */
export function renderToolStep(step: ToolStepView, live: boolean, actions: StepActions): HTMLElement {
  const unfinished = step.status === 'preparing' || step.status === 'awaiting' || step.status === 'running';
  const status = !live && unfinished ? t('stopped') : t(STATUS_TEXT[step.status]);
  const head = h('div', { class: 'tool-step-head' },
    h('span', { class: 'tool-step-name', text: step.tool || '?' }),
    h('span', { class: 'tool-step-title', text: step.title, title: step.title }),
    h('span', { class: `tool-step-status status-${live || !unfinished ? step.status : 'stopped'}`, text: status }));
  const card = h('div', { class: `tool-step${step.status === 'awaiting' && live ? ' awaiting' : ''}`, attrs: { 'data-call-id': step.callId } }, head);
  if (step.change) {
    const c = step.change;
    card.append(h('div', { class: 'tool-step-change', text: `${c.path}  +${c.added} −${c.removed}` }));
  }
  if (step.diff?.length) card.append(diffBlock(step.diff));
  const showArgs = step.status === 'preparing' || step.status === 'awaiting' || step.status === 'refused';
  if (showArgs && step.args) {
    card.append(h('details', { class: 'tool-step-args', attrs: step.status === 'refused' ? {} : { open: '' } },
      h('summary', { text: t('toolArgs') }), h('pre', { text: prettyArgs(step.args) })));
  }
  if (step.status === 'awaiting' && live) card.append(approvalBar(step.callId, actions, step.change !== undefined));
  if (step.result !== undefined && step.status !== 'awaiting') {
    card.append(h('details', { class: 'tool-step-result' }, h('summary', { text: t('toolResult') }), h('pre', { text: step.result })));
  }
  return card;
}

/** Allow / Always allow / Deny with a reason; for an edit also "Open diff" (decide there, hunk by hunk). */
function approvalBar(callId: string, actions: StepActions, edit: boolean): HTMLElement {
  const reason = h('input', { class: 'deny-reason', label: t('denyReason'), attrs: { type: 'text', placeholder: t('denyReason') } });
  const button = (key: UiStringKey, decision: ApprovalChoice, primary = false): HTMLButtonElement =>
    h('button', { class: `text-button${primary ? ' primary' : ''}`, text: t(key), attrs: { type: 'button', 'data-decision': decision },
      on: { click: () => actions.approve(callId, decision, decision === 'deny' ? reason.value.trim() || undefined : undefined) } });
  reason.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.isComposing) { e.preventDefault(); actions.approve(callId, 'deny', reason.value.trim() || undefined); }
  });
  const review = edit
    ? [h('button', { class: 'text-button', text: t('reviewCall'), attrs: { type: 'button', 'data-action': 'review-call' }, on: { click: () => actions.reviewCall(callId) } })]
    : [];
  return h('div', { class: 'approval-bar' }, button('allow', 'allow', true), button('alwaysAllow', 'always'), button('deny', 'deny'), ...review, reason);
}

function diffBlock(lines: string[]): HTMLElement {
  const pre = h('pre', { class: 'tool-step-diff' });
  for (const line of lines) {
    const kind = line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : 'ctx';
    pre.append(h('span', { class: `diff-${kind}`, text: `${line}\n` }));
  }
  return pre;
}

/** Pretty JSON once complete; the raw text while it is still streaming. */
function prettyArgs(args: string): string {
  try {
    return JSON.stringify(JSON.parse(args), null, 2);
  } catch {
    return args;
  }
}
