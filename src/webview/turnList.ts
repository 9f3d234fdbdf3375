// The message list, virtualized: only the turns near the viewport are in the DOM; spacers stand in for
// the rest with measured (ResizeObserver) or estimated heights, so a chat of 5,000 turns costs what one
// of 50 costs. Older turns arrive in pages when the top comes near. Keeping the view at the bottom
// while an answer grows costs no script per frame: a sentinel after the last turn is the only scroll
// anchor then (CSS scroll anchoring); otherwise the browser anchors on what the reader is looking at.
import type { AssistantTurn, TurnView, UserTurn } from '../shared/protocol';
import { h, isNearBottom } from './dom';
import { t } from './strings';
import { AssistantTurnView, UserTurnView, type RenderContext } from './turnViews';
import { estimateHeight, offsetOf, visibleRange, type VisibleRange } from './virtualRange';

type View = UserTurnView | AssistantTurnView;

interface Entry {
  turn: TurnView;
  height: number;
  view?: View;
}

export class TurnList {
  readonly el: HTMLElement;
  private entries: Entry[] = [];
  private readonly topSpacer = h('div', { class: 'turn-spacer', attrs: { 'aria-hidden': 'true' } });
  private readonly bottomSpacer = h('div', { class: 'turn-spacer', attrs: { 'aria-hidden': 'true' } });
  private readonly sentinel = h('div', { class: 'bottom-sentinel', attrs: { 'aria-hidden': 'true' } });
  private readonly byEl = new WeakMap<Element, Entry>();
  private readonly resize: ResizeObserver | undefined;
  private scheduled = false;
  private olderCount = 0;
  private loadingOlder = false;
  private pinned = true;
  private bottomQueued = false;
  /** The scroller's size, from its ResizeObserver: reading it while turns mount would force a layout. */
  private width = 0;
  private height = 0;

  constructor(private readonly scroller: HTMLElement, private readonly ctx: RenderContext, private readonly loadOlder: () => void) {
    this.el = h('div', { class: 'turns', attrs: { role: 'list' } });
    this.el.append(this.topSpacer, this.bottomSpacer, this.sentinel);
    this.resize = typeof ResizeObserver === 'function' ? new ResizeObserver((entries) => this.onResize(entries)) : undefined;
    this.resize?.observe(scroller);
    if (typeof IntersectionObserver === 'function') {
      // The sentinel left the viewport while pinned: the content grew past it before anchoring could apply.
      new IntersectionObserver(([entry]) => { if (!entry.isIntersecting && this.pinned) this.toBottom(); }, { root: scroller }).observe(this.sentinel);
    }
    scroller.addEventListener('scroll', () => this.schedule(), { passive: true });
    this.el.addEventListener('keydown', (e) => this.onKey(e));
    this.setPinned(true);
  }

  /** Replaces every turn (a chat opened or reloaded); views of unchanged turns of the same chat are kept. */
  setTurns(turns: readonly TurnView[], olderCount: number, sameChat: boolean): void {
    const old = new Map(this.entries.map((e) => [e.turn.id, e]));
    this.entries = turns.map((turn) => {
      const prev = sameChat ? old.get(turn.id) : undefined;
      if (prev?.view?.hasSameContent(turn)) { old.delete(turn.id); prev.turn = turn; return prev; }
      return this.entry(turn);
    });
    for (const gone of old.values()) this.unmount(gone);
    this.olderCount = olderCount;
    this.loadingOlder = false;
    this.setPinned(true);
    this.update(true);
    this.toBottomInFrame();
  }

  /** Older turns arrived (a page): they go above; the reader's view does not move. */
  prepend(turns: readonly TurnView[], olderCount: number): void {
    this.entries = [...turns.map((turn) => this.entry(turn)), ...this.entries];
    this.olderCount = olderCount;
    this.loadingOlder = false;
    this.update();
  }

  append(turn: TurnView): void {
    this.entries.push(this.entry(turn));
    this.setPinned(true);
    this.update();
    this.toBottom();
  }

  /** Drops `turnId` and every later turn (edit and regenerate replace them). */
  removeFrom(turnId: string): void {
    const i = this.entries.findIndex((e) => e.turn.id === turnId);
    if (i < 0) return;
    for (const entry of this.entries.splice(i)) this.unmount(entry);
    this.update();
  }

  assistant(turnId: string): AssistantTurnView | undefined {
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const view = this.entries[i].view;
      if (this.entries[i].turn.id === turnId) return view instanceof AssistantTurnView ? view : undefined;
    }
    return undefined;
  }

  /** Brings a loaded turn into view (a search hit, keyboard navigation); false when it is not loaded. */
  reveal(turnId: string, flash = true): boolean {
    const index = this.entries.findIndex((e) => e.turn.id === turnId);
    if (index < 0) return false;
    this.setPinned(false);
    this.scroller.scrollTop = offsetOf(this.heights(), index) - this.scroller.clientHeight / 3;
    this.update();
    const el = this.entries[index].view?.domNode;
    if (!el) return true;
    el.scrollIntoView?.({ block: 'center' });   // absent in jsdom
    if (flash) {
      el.classList.add('flash');
      setTimeout(() => el.classList.remove('flash'), 1500);
    }
    return true;
  }

  get turns(): TurnView[] {
    return this.entries.map((e) => e.turn);
  }

  /** Turns in the DOM now (tests and the bench check that this stays small). */
  get mounted(): number {
    return this.entries.reduce((n, e) => n + (e.view ? 1 : 0), 0);
  }

  private entry(turn: TurnView): Entry {
    return { turn, height: estimateHeight(turn, this.width || 600) };
  }

  private heights(): number[] {
    return this.entries.map((e) => e.height);
  }

  /**
   * After a scroll, once the frame has been laid out and painted: reading geometry then costs nothing,
   * where in the frame itself it would force a second layout of whatever the stream just added (a pinned
   * stream scrolls every frame).
   */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => setTimeout(() => {
      this.scheduled = false;
      this.setPinned(isNearBottom(this.scroller));
      this.update();
    }, 0));
  }

  /**
   * Mounts the turns within a screen of the viewport, unmounts the others, sizes the spacers. `atBottom`:
   * the view is about to go to the bottom (a chat opened), so the turns there are the ones
   * to mount, not those at the old scroll position (a second set of turns built for nothing).
   */
  private update(atBottom = false): void {
    const view = this.height || 1000;
    const top = atBottom ? this.heights().reduce((a, b) => a + b, 0) - view : this.scroller.scrollTop - this.el.offsetTop;
    const range = this.rangeAround(top, view);
    // The live answer stays mounted wherever the reader is: its view holds the stream (and, after the end,
    // the slices still to render; its measured height lags those by a frame, so it must not be judged by it).
    const last = this.entries.length - 1;
    const live = last >= range.end && this.isLive(this.entries[last]);
    const wanted: Entry[] = [];
    this.entries.forEach((entry, i) => {
      if ((i >= range.start && i < range.end) || (live && i === last)) wanted.push(entry); else this.unmount(entry);
    });
    // Mounted in the order they render (a frame's render budget may leave the last for the next frame):
    // at the bottom, the turns on screen are the last ones.
    for (const entry of atBottom ? [...wanted].reverse() : wanted) this.mount(entry, atBottom);
    const nodes = wanted.map((entry) => entry.view!.domNode);
    this.topSpacer.style.height = `${range.before}px`;
    this.bottomSpacer.style.height = `${Math.max(0, range.after - (live ? this.entries[last].height : 0))}px`;
    const empty = this.entries.length === 0 ? [h('p', { class: 'empty-chat', text: t('emptyChat') })] : [];
    const order = [this.topSpacer, ...nodes.slice(0, live ? -1 : undefined), this.bottomSpacer, ...(live ? nodes.slice(-1) : []), ...empty, this.sentinel];
    this.place(order);
    this.markLast();
    if (range.start === 0 && this.olderCount > 0 && !this.loadingOlder) {
      this.loadingOlder = true;
      this.loadOlder();
    }
  }

  /** Puts `order` as the children with the fewest moves (a moved node loses focus and selection). */
  private place(order: HTMLElement[]): void {
    const keep = new Set<Node>(order);
    for (const child of [...this.el.childNodes]) if (!keep.has(child)) child.remove();
    let at: ChildNode | null = this.el.firstChild;
    for (const node of order) {
      if (at === node) { at = at.nextSibling; continue; }
      this.el.insertBefore(node, at);
    }
  }

  /**
   * The turns within a screen of [top, top + view]. Heights come from ResizeObserver, a frame late: when
   * the window falls past all of them (a mounted turn grew since), the mounted ones are measured now
   * rather than unmounted for a stale height, which would leave nothing on screen.
   */
  private rangeAround(top: number, view: number): VisibleRange {
    const range = visibleRange(this.heights(), top - view, top + 2 * view);
    if (range.start < range.end || this.entries.length === 0) return range;
    for (const entry of this.entries) if (entry.view) entry.height = entry.view.domNode.offsetHeight || entry.height;
    const measured = visibleRange(this.heights(), top - view, top + 2 * view);
    if (measured.start < measured.end) return measured;
    // Still past the end (the view was scrolled beyond the content): show the last turn.
    const last = this.entries.length - 1;
    return { start: last, end: last + 1, before: measured.before - this.entries[last].height, after: 0 };
  }

  private isLive(entry: Entry | undefined): boolean {
    if (entry?.turn.role !== 'assistant') return false;
    return (entry.turn as AssistantTurn).status === 'streaming' || (entry.view instanceof AssistantTurnView && entry.view.rendering);
  }

  /** `opening`: a chat opens at its bottom; its answers render in the next frame (a task of their own). */
  private mount(entry: Entry, opening = false): View {
    if (entry.view) return entry.view;
    const turn = entry.turn;
    const view = turn.role === 'user' ? new UserTurnView(turn as UserTurn, this.ctx) : new AssistantTurnView({ ...(turn as AssistantTurn) }, this.ctx, opening);
    entry.view = view;
    this.byEl.set(view.domNode, entry);
    this.resize?.observe(view.domNode);
    return view;
  }

  private unmount(entry: Entry): void {
    const view = entry.view;
    if (!view) return;
    // A finished answer's view may hold a newer turn than the entry (its status, usage): keep that.
    entry.turn = view.turn;
    this.resize?.unobserve(view.domNode);
    view.dispose();
    view.domNode.remove();
    entry.view = undefined;
  }

  private onResize(observed: ResizeObserverEntry[]): void {
    for (const o of observed) {
      if (o.target === this.scroller) { ({ width: this.width, height: this.height } = o.contentRect); continue; }
      const entry = this.byEl.get(o.target);
      const height = o.borderBoxSize?.[0]?.blockSize ?? (o.target as HTMLElement).offsetHeight;
      if (entry && height > 0) entry.height = height;
    }
  }

  private setPinned(pinned: boolean): void {
    this.pinned = pinned;
    this.scroller.classList.toggle('pinned', pinned);
  }

  private toBottom(): void {
    this.scroller.scrollTop = this.scroller.scrollHeight;
  }

  /**
   * To the bottom in the next frame, after the turns just mounted have rendered their answers (which they
   * do in that frame): one layout then, not a forced one now of turns still empty and another to paint.
   */
  private toBottomInFrame(): void {
    if (this.bottomQueued) return;
    this.bottomQueued = true;
    requestAnimationFrame(() => {
      this.bottomQueued = false;
      if (this.pinned) this.toBottom();
    });
  }

  /** Up/Down move between turns, rendering the next one if it is not mounted yet. */
  private onKey(e: KeyboardEvent): void {
    const target = e.target as HTMLElement;
    if (!target.matches('.turn') || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') || e.altKey || e.ctrlKey || e.metaKey) return;
    const entry = this.byEl.get(target);
    const i = entry ? this.entries.indexOf(entry) + (e.key === 'ArrowUp' ? -1 : 1) : -1;
    const next = this.entries[i];
    if (!next) return;
    e.preventDefault();
    this.reveal(next.turn.id, false);
    next.view?.domNode.focus();
  }

  private markLast(): void {
    let lastAssistant: AssistantTurnView | undefined;
    for (let i = this.entries.length - 1; i >= 0 && !lastAssistant; i--) {
      const v = this.entries[i].view;
      if (v instanceof AssistantTurnView) lastAssistant = v;
      else if (this.entries[i].turn.role === 'assistant') break;
    }
    for (const entry of this.entries) {
      const v = entry.view;
      if (v instanceof AssistantTurnView && v.isLast !== (v === lastAssistant)) v.setLast(v === lastAssistant);
    }
  }
}
