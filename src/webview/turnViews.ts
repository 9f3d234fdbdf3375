// One user turn and one assistant turn in the DOM, each a part (part.ts) of the turn list. Assistant
// bodies are MarkdownViews: live while streaming, rendered a slice per frame from history. TurnList
// creates a view only when its turn nears the viewport.
import type { AssistantTurn, ErrorActionId, ErrorView, ToolCallView, TurnView, UsageView, UserTurn, WebSourceView } from '../shared/protocol';
import { decorateCodeBlocks } from './codeToolbar';
import { formatTokens, h } from './dom';
import { renderError } from './errorView';
import { icon } from './icons';
import { markBlankAnswer, type MarkdownEngine } from './markdown';
import { MarkdownView, type FrameScheduler, animationFrames } from './markdownView';
import { PartList } from './part';
import { SourcesView } from './sourcesView';
import { t } from './strings';
import { ToolCallPart } from './toolCallPart';
import { AgentTurnPanel, type AgentActions } from './agent/agentTurnPanel';

export interface TurnActions {
  edit(turnId: string, text: string): void;
  switchBranch(turnId: string, index: number): void;
  regenerate(turnId: string): void;
  errorAction(turnId: string, action: ErrorActionId, model?: string): void;
  /** Opens image `index` of a sent turn in an editor. */
  openImage(turnId: string, index: number): void;
}

export interface RenderContext {
  engine: MarkdownEngine;
  actions: TurnActions;
  frames?: FrameScheduler;
  /** Decorates rendered markdown (code blocks); the toolbar alone when not given. */
  decorate?: (root: ParentNode, complete: boolean) => void;
  agent?: AgentActions;
}

/** Whether a view of `a` shows `b` unchanged (same text, state and decorations). */
function sameTurn(a: TurnView, b: TurnView): boolean {
  if (a.id !== b.id || a.text !== b.text || a.role !== b.role) return false;
  if (a.role === 'user' || b.role === 'user') return JSON.stringify(a.role === 'user' ? a.branch : '') === JSON.stringify(b.role === 'user' ? b.branch : '');
  return a.status === b.status && a.reasoning === b.reasoning && a.model === b.model
    && JSON.stringify([a.usage, a.error, a.toolCalls, a.agent]) === JSON.stringify([b.usage, b.error, b.toolCalls, b.agent]);
}

export class UserTurnView {
  readonly domNode: HTMLElement;

  constructor(readonly turn: UserTurn, private readonly ctx: RenderContext) {
    this.domNode = h('article', { class: 'turn turn-user', attrs: { 'data-turn-id': turn.id, 'aria-label': t('you'), role: 'listitem', tabindex: '0' } });
    this.show();
  }

  hasSameContent(other: TurnView): boolean {
    return sameTurn(this.turn, other);
  }

  dispose(): void {
    // Owns nothing beyond its node.
  }

  private show(): void {
    const { turn } = this;
    const header = h('header', { class: 'turn-header' }, h('span', { class: 'turn-author', text: t('you') }));
    if (turn.branch && turn.branch.count > 1) header.append(this.branchNav(turn.branch.index, turn.branch.count));
    const edit = h('button', { class: 'icon-button turn-action', label: t('edit'), attrs: { type: 'button' }, on: { click: () => this.startEdit() } });
    edit.append(icon('edit'));
    header.append(edit);
    const chips = turn.chips.length
      ? h('div', { class: 'chip-row' }, ...turn.chips.map((c) => h('span', { class: 'chip chip-static', text: c.label, title: t('estTokens', formatTokens(c.estTokens)) })))
      : null;
    this.domNode.replaceChildren(header, chips ?? '', this.images() ?? '', turn.label ? labelledText(turn.label, turn.text) : h('div', { class: 'turn-user-text', text: turn.text }));
  }

  /** Thumbnails of the turn's images; each opens the image in an editor. A missing file shows its name. */
  private images(): HTMLElement | undefined {
    const images = this.turn.images ?? [];
    if (images.length === 0) return undefined;
    return h('div', { class: 'turn-images' }, ...images.map((image, index) => {
      const open = h('button', { class: 'turn-image', label: t('openImage', image.name), attrs: { type: 'button' },
        on: { click: () => this.ctx.actions.openImage(this.turn.id, index) } });
      open.append(image.src ? h('img', { attrs: { src: image.src, alt: image.name, width: String(image.width), height: String(image.height) } }) : image.name);
      return open;
    }));
  }

  private branchNav(index: number, count: number): HTMLElement {
    const prev = h('button', { class: 'icon-button', label: t('previousBranch'), attrs: { type: 'button' },
      on: { click: () => this.ctx.actions.switchBranch(this.turn.id, index - 1) } });
    prev.append(icon('chevronLeft'));
    prev.disabled = index <= 0;
    const next = h('button', { class: 'icon-button', label: t('nextBranch'), attrs: { type: 'button' },
      on: { click: () => this.ctx.actions.switchBranch(this.turn.id, index + 1) } });
    next.append(icon('chevronRight'));
    next.disabled = index >= count - 1;
    return h('span', { class: 'branch-nav' }, prev, h('span', { text: t('branch', index + 1, count) }), next);
  }

  private startEdit(): void {
    const box = h('textarea', { class: 'edit-box', label: t('edit'), attrs: { rows: '3' } });
    box.value = this.turn.text;
    const send = (): void => {
      if (box.value.trim()) this.ctx.actions.edit(this.turn.id, box.value);
    };
    box.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); send(); }
      if (e.key === 'Escape') { e.preventDefault(); this.show(); }
    });
    const buttons = h('div', { class: 'edit-actions' },
      h('button', { class: 'text-button primary', text: t('editSave'), attrs: { type: 'button' }, on: { click: send } }),
      h('button', { class: 'text-button', text: t('editCancel'), attrs: { type: 'button' }, on: { click: () => this.show() } }));
    // The images go with the edited text (the host keeps them): they stay in view while it is edited.
    this.domNode.replaceChildren(this.images() ?? '', box, buttons);
    box.focus();
  }
}

export class AssistantTurnView {
  readonly domNode: HTMLElement;
  readonly body: MarkdownView;
  private readonly header: HTMLElement;
  private readonly thinking: HTMLDetailsElement;
  private readonly thinkingView: MarkdownView;
  private readonly sources = new SourcesView();
  private readonly tools: PartList<ToolCallView>;
  private readonly agentSlot: HTMLElement;
  private agent: AgentTurnPanel | undefined;
  private readonly status: HTMLElement;
  private readonly footer: HTMLElement;
  isLast = false;
  private statusTimer: ReturnType<typeof setInterval> | undefined;
  /** The status line says "waiting for a free slot". */
  private queued = false;

  /** `inFrame`: a finished answer renders from the next frame on (see MarkdownView.renderStatic). */
  constructor(public turn: AssistantTurn, private readonly ctx: RenderContext, inFrame = false) {
    const frames = ctx.frames ?? animationFrames;
    this.header = h('header', { class: 'turn-header' });
    this.thinking = h('details', { class: 'thinking' });
    const thinkingBody = h('div', { class: 'thinking-body markdown' });
    this.thinking.append(h('summary', { text: t('thinkingBlock') }), thinkingBody);
    this.thinking.hidden = !turn.reasoning;
    this.thinkingView = new MarkdownView(thinkingBody, ctx.engine, ctx.decorate ?? decorateCodeBlocks, frames);
    const bodyEl = h('div', { class: 'markdown turn-body' });
    this.body = new MarkdownView(bodyEl, ctx.engine, ctx.decorate ?? decorateCodeBlocks, frames);
    const toolsEl = h('div', { class: 'tool-calls' });
    this.tools = new PartList(toolsEl, (c) => c.callId, (c) => new ToolCallPart(c));
    this.agentSlot = h('div', { class: 'agent-slot' });
    this.status = h('div', { class: 'turn-status', attrs: { 'aria-live': 'off' } });
    this.footer = h('footer', { class: 'turn-footer' });
    this.sources.set(turn.sources);
    this.body.onFinished = () => {
      markBlankAnswer(this.body.root, this.body.value);
      this.sources.linkCitations(this.body.root);
    };
    this.domNode = h('article', { class: 'turn turn-assistant', attrs: { 'data-turn-id': turn.id, 'aria-label': t('assistant'), role: 'listitem', tabindex: '0' } },
      this.header, this.thinking, toolsEl, this.agentSlot, bodyEl, this.sources.el, this.status, this.footer);
    if (turn.agent) this.agentPanel();
    this.renderHeader();
    this.renderTools();
    if (turn.status === 'streaming') {
      this.thinkingView.append(turn.reasoning ?? '');
      this.body.append(turn.text);
      this.setThinkingLive(true);
    } else {
      this.body.renderStatic(turn.text, inFrame);
      if (turn.reasoning) this.thinkingView.renderStatic(turn.reasoning, inFrame);
      this.renderFooter(false);
    }
  }

  hasSameContent(other: TurnView): boolean {
    return this.turn.status !== 'streaming' && sameTurn(this.turn, other);
  }

  /** Text is still waiting to be rendered (a long answer renders a slice per frame, also after its end). */
  get rendering(): boolean {
    return !this.body.settled;
  }

  /** Web search sources: listed under the answer; `[ref_N]` markers link to them once the answer is final. */
  setSources(sources: WebSourceView[]): void {
    this.turn.sources = sources;
    this.sources.set(sources);
  }

  // While streaming the text lives in the MarkdownViews only (one string, flattened every frame), not
  // also in `turn`, where a second concatenation would keep every delta alive as a rope node.
  appendContent(text: string): void {
    if (this.queued) this.clearStatus();
    this.body.append(text);
  }

  appendReasoning(text: string): void {
    if (this.queued) this.clearStatus();
    this.thinking.hidden = false;
    this.thinkingView.append(text);
  }

  setToolCall(call: ToolCallView): void {
    const calls = (this.turn.toolCalls ??= []);
    const i = calls.findIndex((c) => c.callId === call.callId);
    if (i >= 0) calls[i] = call; else calls.push(call);
    this.renderTools();
  }

  /** The agent part of this turn, created on its first agent message. */
  agentPanel(): AgentTurnPanel | undefined {
    if (!this.agent && this.ctx.agent) {
      this.agent = new AgentTurnPanel(this.turn.id, this.turn.agent, this.turn.status === 'streaming', this.ctx.agent);
      this.agentSlot.append(this.agent.el);
    }
    return this.agent;
  }

  setFallback(fromModel: string, toModel: string): void {
    this.turn.requestedModel = fromModel;
    this.turn.model = toModel;
    this.renderHeader();
  }

  setUsage(usage: UsageView): void {
    this.turn.usage = usage;
    this.renderFooter(this.isLast);
  }

  /** Waiting for a free request slot; cleared by the first text of the answer. */
  showQueued(ahead: number): void {
    this.clearStatus();
    this.queued = true;
    this.status.textContent = ahead > 0 ? t('queuedAhead', ahead) : t('queued');
  }

  /** A retry countdown while the host backs off. */
  showRetry(attempt: number, delayMs: number): void {
    this.clearStatus();
    const until = Date.now() + delayMs;
    const tick = (): void => {
      const left = Math.max(0, Math.ceil((until - Date.now()) / 1000));
      this.status.textContent = t('retrying', left, attempt);
      if (left <= 0) this.clearStatus(false);
    };
    tick();
    this.statusTimer = setInterval(tick, 250);
  }

  end(model: string, stopped: boolean, finishReason: string): void {
    this.clearStatus();
    this.turn.model = model || this.turn.model;
    this.turn.status = stopped ? 'stopped' : 'done';
    this.turn.finishReason = finishReason;
    this.finishStreams();
    if (stopped) this.status.textContent = t('stopped');
    this.renderHeader();
    this.renderFooter(this.isLast);
  }

  fail(error: ErrorView): void {
    this.clearStatus();
    this.turn.status = 'error';
    this.turn.error = error;
    this.finishStreams();
    this.renderFooter(this.isLast);
  }

  /** Regenerate shows on the last answer only. */
  setLast(last: boolean): void {
    this.isLast = last;
    this.renderFooter(last);
  }

  dispose(): void {
    this.clearStatus();
    this.tools.dispose();
    this.body.dispose();
    this.thinkingView.dispose();
  }

  private finishStreams(): void {
    this.agent?.setLive(false);
    this.body.finish();
    this.thinkingView.finish();
    this.turn.text = this.body.value;
    if (this.thinkingView.value) this.turn.reasoning = this.thinkingView.value;
    this.setThinkingLive(false);
  }

  private setThinkingLive(live: boolean): void {
    this.thinking.querySelector('summary')!.textContent = live ? t('thinkingLive') : t('thinkingBlock');
  }

  private clearStatus(clearText = true): void {
    this.queued = false;
    if (this.statusTimer !== undefined) clearInterval(this.statusTimer);
    this.statusTimer = undefined;
    if (clearText) this.status.textContent = '';
  }

  private renderHeader(): void {
    const { turn } = this;
    const parts: Array<Node | string> = [h('span', { class: 'turn-author', text: t('assistant') })];
    if (turn.model) parts.push(h('span', { class: 'turn-model', text: turn.model, title: t('answeredBy', turn.model) }));
    if (turn.vision) parts.push(h('span', { class: 'turn-vision', text: t('visionAnswered') }));
    if (turn.requestedModel && turn.model && turn.requestedModel !== turn.model) {
      parts.push(h('span', { class: 'turn-fallback', text: t('fallbackNote', turn.requestedModel, turn.model) }));
    }
    this.header.replaceChildren(...parts);
  }

  private renderTools(): void {
    this.tools.set(this.turn.toolCalls ?? []);
  }

  private renderFooter(last: boolean): void {
    const { turn } = this;
    const parts: Node[] = [];
    if (turn.error) {
      parts.push(renderError(turn.error, (action, model) => this.ctx.actions.errorAction(turn.id, action, model)));
    }
    if (turn.usage) {
      let text = t('usage', formatTokens(turn.usage.promptTokens), formatTokens(turn.usage.completionTokens));
      if (turn.usage.reasoningTokens) text += ` · ${t('usageReasoning', formatTokens(turn.usage.reasoningTokens))}`;
      if (turn.usage.cachedTokens) text += ` · ${t('usageCached', formatTokens(turn.usage.cachedTokens))}`;
      parts.push(h('span', { class: 'turn-usage', text }));
    }
    if (last && turn.status !== 'streaming') {
      const regen = h('button', { class: 'icon-button turn-action', label: t('regenerate'), attrs: { type: 'button' },
        on: { click: () => this.ctx.actions.regenerate(turn.id) } });
      regen.append(icon('refresh'));
      parts.push(regen);
    }
    this.footer.replaceChildren(...parts);
  }
}

/** A question from an editor command (Explain): its chip label stands for the long prompt, shown on hover. */
function labelledText(label: string, text: string): HTMLElement {
  return h('div', { class: 'turn-user-text' }, h('span', { class: 'chip chip-static', text: label, title: text.slice(0, 2000) }));
}
