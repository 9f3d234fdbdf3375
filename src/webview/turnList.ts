// The message list. Keeps the DOM light for long chats: history answers render their markdown only when
// they come near the viewport (IntersectionObserver), and CSS `content-visibility` skips offscreen layout.
import type { AssistantTurn, TurnView, UserTurn } from '../shared/protocol';
import { h, isNearBottom } from './dom';
import { AssistantTurnView, UserTurnView, type RenderContext } from './turnViews';
import { t } from './strings';

/** Answers rendered at once when a chat opens (the ones the user sees first, at the bottom). */
const EAGER_TURNS = 6;

type View = UserTurnView | AssistantTurnView;

export class TurnList {
  readonly el: HTMLElement;
  private views: View[] = [];
  private readonly byEl = new WeakMap<Element, AssistantTurnView>();
  private readonly observer: IntersectionObserver | undefined;
  private stickToBottom = true;

  constructor(private readonly scroller: HTMLElement, private readonly ctx: RenderContext) {
    this.el = h('div', { class: 'turns' });
    this.observer = typeof IntersectionObserver === 'function'
      ? new IntersectionObserver((entries) => this.onIntersect(entries), { root: scroller, rootMargin: '1200px 0px' })
      : undefined;
    scroller.addEventListener('scroll', () => { this.stickToBottom = isNearBottom(scroller); }, { passive: true });
    ctx.onPaint = () => this.keepBottom();
  }

  /** Replaces every turn (chat opened or rehydrated). */
  setTurns(turns: readonly TurnView[], _olderCount = 0, _sameChat = false): void {
    for (const view of this.views) this.drop(view);
    this.views = turns.map((turn) => this.create(turn));
    const empty = turns.length === 0 ? h('p', { class: 'empty-chat', text: t('emptyChat') }) : null;
    this.el.replaceChildren(...this.views.map((v) => v.el), empty ?? '');
    let eager = 0;
    for (let i = this.views.length - 1; i >= 0 && eager < EAGER_TURNS; i--) {
      const view = this.views[i];
      if (view instanceof AssistantTurnView) { view.ensureRendered(); eager++; }
    }
    this.markLast();
    this.stickToBottom = true;
    this.scroller.scrollTop = this.scroller.scrollHeight;
  }

  /** Older turns arrived (a page): they go above the loaded ones. */
  prepend(turns: readonly TurnView[], _olderCount: number): void {
    const views = turns.map((turn) => this.create(turn));
    this.views = [...views, ...this.views];
    this.el.prepend(...views.map((v) => v.el));
  }

  append(turn: TurnView): AssistantTurnView | undefined {
    this.el.querySelector(':scope > .empty-chat')?.remove();
    const view = this.create(turn);
    this.views.push(view);
    this.el.append(view.el);
    if (view instanceof AssistantTurnView) view.ensureRendered();
    this.markLast();
    this.stickToBottom = true;
    this.keepBottom();
    return view instanceof AssistantTurnView ? view : undefined;
  }

  /** Drops `turnId` and every later turn (edit and regenerate replace them). */
  removeFrom(turnId: string): void {
    const i = this.views.findIndex((v) => v.turn.id === turnId);
    if (i < 0) return;
    for (const view of this.views.splice(i)) {
      this.drop(view);
      view.el.remove();
    }
    this.markLast();
  }

  assistant(turnId: string): AssistantTurnView | undefined {
    for (let i = this.views.length - 1; i >= 0; i--) {
      const view = this.views[i];
      if (view.turn.id === turnId) return view instanceof AssistantTurnView ? view : undefined;
    }
    return undefined;
  }

  /** Brings a turn into view (search hit), rendering it first. */
  reveal(turnId: string): boolean {
    const view = this.views.find((v) => v.turn.id === turnId);
    if (!view) return false;
    if (view instanceof AssistantTurnView) view.ensureRendered();
    view.el.scrollIntoView({ block: 'center' });
    view.el.classList.add('flash');
    setTimeout(() => view.el.classList.remove('flash'), 1500);
    return true;
  }

  get turns(): TurnView[] {
    return this.views.map((v) => v.turn);
  }

  keepBottom(): void {
    if (this.stickToBottom) this.scroller.scrollTop = this.scroller.scrollHeight;
  }

  private create(turn: TurnView): View {
    if (turn.role === 'user') return new UserTurnView(turn as UserTurn, this.ctx);
    const view = new AssistantTurnView({ ...(turn as AssistantTurn) }, this.ctx);
    if (!view.isRendered && this.observer) {
      this.byEl.set(view.el, view);
      this.observer.observe(view.el);
    }
    return view;
  }

  private drop(view: View): void {
    if (view instanceof AssistantTurnView) {
      this.observer?.unobserve(view.el);
      view.dispose();
    }
  }

  private onIntersect(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      const view = this.byEl.get(entry.target);
      if (!view) continue;
      view.ensureRendered();
      this.observer?.unobserve(entry.target);
      this.byEl.delete(entry.target);
    }
  }

  private markLast(): void {
    let lastAssistant: AssistantTurnView | undefined;
    for (let i = this.views.length - 1; i >= 0 && !lastAssistant; i--) {
      const v = this.views[i];
      if (v instanceof AssistantTurnView) lastAssistant = v;
    }
    for (const view of this.views) {
      if (view instanceof AssistantTurnView && view.isLast !== (view === lastAssistant)) view.setLast(view === lastAssistant);
    }
  }
}
