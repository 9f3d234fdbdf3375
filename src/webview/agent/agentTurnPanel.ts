// The agent part of an assistant turn: rules chip, the parts (each round's thinking, collapsible, and the
// tool steps), and, once files changed, "N files changed" with review, accept, reject and restore. Parts
// are keyed by id and re-rendered one at a time as their messages arrive.
import { copyAgentTurn } from './agentState';
import { applyAgentUpdate, type AgentMeta, type AgentPart, type AgentTurnView, type ApprovalChoice } from '../../shared/agentProtocol';
import { h } from '../dom';
import { t } from '../strings';
import { renderToolStep } from './toolStepPart';

export interface AgentActions {
  approve(callId: string, decision: ApprovalChoice, reason?: string): void;
  /** Opens a waiting edit's diff in the editor, where it can be accepted (in part) or rejected. */
  reviewCall(callId: string): void;
  review(turnId: string, path?: string): void;
  acceptAll(turnId: string): void;
  rejectFile(turnId: string, path: string): void;
  restore(turnId: string, confirmed: boolean): void;
  continueAgent(): void;
}

export class AgentTurnPanel {
  readonly el: HTMLElement;
  private readonly rules: HTMLElement;
  private readonly parts: HTMLElement;
  private readonly footer: HTMLElement;
  private readonly partEls = new Map<string, HTMLElement>();
  private readonly view: AgentTurnView;

  constructor(private readonly turnId: string, view: AgentTurnView | undefined, private live: boolean, private readonly actions: AgentActions) {
    this.view = copyAgentTurn(view);
    this.rules = h('div', { class: 'chip-row agent-rules' });
    this.parts = h('div', { class: 'agent-parts' });
    this.footer = h('div', { class: 'agent-footer' });
    this.el = h('div', { class: 'agent-turn' }, this.rules, this.parts, this.footer);
    for (const part of this.view.parts) this.renderPart(part);
    this.renderMeta();
  }

  setPart(part: AgentPart): void {
    applyAgentUpdate(this.view, { part });
    this.renderPart(part);
  }

  appendThinking(partId: string, text: string): void {
    applyAgentUpdate(this.view, { thinking: { partId, text } });
    const part = this.view.parts.find((p) => p.id === partId && p.kind === 'thinking');
    if (part) this.renderPart(part);
  }

  setMeta(meta: Partial<AgentMeta>): void {
    applyAgentUpdate(this.view, { meta });
    this.renderMeta();
  }

  /** The turn ended: waiting cards lose their buttons. */
  setLive(live: boolean): void {
    this.live = live;
    for (const part of this.view.parts) if (part.kind === 'tool') this.renderPart(part);
    this.renderMeta();
  }

  private renderPart(part: AgentPart): void {
    const key = `${part.kind}:${part.id}`;
    const el = part.kind === 'tool'
      ? renderToolStep(part.step, this.live, { approve: (id, d, r) => this.actions.approve(id, d, r), reviewCall: (id) => this.actions.reviewCall(id) })
      : this.thinkingPart(part.text, this.partEls.get(key));
    const old = this.partEls.get(key);
    if (old === el) return;
    if (old) old.replaceWith(el); else this.parts.append(el);
    this.partEls.set(key, el);
  }

  /** Thinking stays one element while it grows, so an opened block stays open. */
  private thinkingPart(text: string, existing: HTMLElement | undefined): HTMLElement {
    if (existing) {
      existing.querySelector('.thinking-body')!.textContent = text;
      return existing;
    }
    return h('details', { class: 'thinking agent-thinking' }, h('summary', { text: t('stepThinking') }), h('div', { class: 'thinking-body', text }));
  }

  private renderMeta(): void {
    const v = this.view;
    this.rules.replaceChildren(...(v.rules.length ? [h('span', { class: 'chip chip-static', text: t('rulesChip', v.rules.join(', ')), title: v.rules.join('\n') })] : []));
    const rows: Node[] = [];
    if (v.roundLimit && !this.live) {
      rows.push(h('div', { class: 'agent-limit' }, h('span', { text: t('roundLimit', v.roundLimit) }),
        h('button', { class: 'text-button', text: t('continueAgent'), attrs: { type: 'button' }, on: { click: () => this.actions.continueAgent() } })));
    }
    if (v.restored) rows.push(h('div', { class: 'agent-restored', text: t('restored') }));
    if (v.restorePlan) rows.push(this.restoreConfirmation(v.restorePlan));
    if (v.changed.length > 0 && !this.live) rows.push(this.changes(v.changed));
    this.footer.replaceChildren(...rows);
  }

  private restoreConfirmation(files: string[]): HTMLElement {
    const cancel = (): void => this.setMeta({ restorePlan: undefined });
    return h('div', { class: 'agent-restore-confirm', attrs: { role: 'alertdialog', 'aria-label': t('restoreConfirm') } },
      h('div', { text: t('restoreConfirm') }),
      h('ul', { class: 'agent-files' }, ...files.map((f) => h('li', { class: 'agent-file', text: f }))),
      h('div', { class: 'agent-changes-head' },
        h('button', { class: 'text-button primary', text: t('restore'), attrs: { type: 'button' }, on: { click: () => this.actions.restore(this.turnId, true) } }),
        h('button', { class: 'text-button', text: t('cancel'), attrs: { type: 'button' }, on: { click: cancel } })));
  }

  private changes(files: string[]): HTMLElement {
    const id = this.turnId;
    const button = (text: string, onClick: () => void, primary = false): HTMLButtonElement =>
      h('button', { class: `text-button${primary ? ' primary' : ''}`, text, attrs: { type: 'button' }, on: { click: onClick } });
    const list = h('ul', { class: 'agent-files' }, ...files.map((path) => h('li', {},
      h('span', { class: 'agent-file', text: path }),
      button(t('openDiff'), () => this.actions.review(id, path)),
      button(t('rejectFile'), () => this.actions.rejectFile(id, path)))));
    const summary = files.length === 1 ? t('fileChanged') : t('filesChanged', files.length);
    return h('div', { class: 'agent-changes' },
      h('div', { class: 'agent-changes-head' }, h('span', { class: 'agent-changes-count', text: summary }),
        button(t('review'), () => this.actions.review(id)), button(t('acceptAll'), () => this.actions.acceptAll(id), true),
        button(t('restoreCheckpoint'), () => this.actions.restore(id, false))),
      list);
  }
}
