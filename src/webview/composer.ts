// The input area: prompt box, context chips with "what will be sent", model picker, thinking toggle,
// send/stop. Enter sends, Shift+Enter is a new line, Up in an empty box recalls earlier prompts, `@`
// at a word start asks the host for its workspace file picker.
import { IMAGE_TOKEN_ESTIMATE, type ImageAttachment } from '../shared/imageProtocol';
import type { ContextChip, ContextKind, ModelInfo, ThinkingMode } from '../shared/protocol';
import { formatTokens, h } from './dom';
import { icon, type IconName } from './icons';
import { t } from './strings';
import { ImageTray } from './imageTray';
import { TurnOptions } from './turnOptions';

export interface ComposerEvents {
  send(text: string, chipIds: string[], images: ImageAttachment[]): void;
  pickImages(): void;
  stop(): void;
  attach(kind: ContextKind): void;
  removeChip(chipId: string): void;
  selectModel(model: string): void;
  setThinking(mode: ThinkingMode): void;
}

const CUSTOM = '__custom__';
const MAX_INPUT_PX = 240;

export class Composer {
  readonly el: HTMLElement;
  readonly input: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly modelSelect: HTMLSelectElement;
  private readonly customModel: HTMLInputElement;
  private readonly thinkingSelect: HTMLSelectElement;
  readonly turnOptions: TurnOptions;
  readonly images: ImageTray;
  private readonly chipRow: HTMLElement;
  private readonly preview: HTMLDetailsElement;
  private readonly estimate: HTMLElement;
  private readonly attachMenu: HTMLElement;
  private readonly notice: HTMLElement;
  private history: string[] = [];
  private historyIndex = -1;
  private busy = false;
  private chips: ContextChip[] = [];

  constructor(private readonly events: ComposerEvents) {
    this.input = h('textarea', { class: 'prompt', label: t('inputLabel'), attrs: { rows: '2', placeholder: t('inputPlaceholder') } });
    this.input.addEventListener('keydown', (e) => this.onKey(e));
    this.input.addEventListener('input', (e) => this.onInput(e as InputEvent));
    this.sendButton = h('button', { class: 'icon-button send', attrs: { type: 'button' }, on: { click: () => this.onSendClick() } });
    this.modelSelect = h('select', { class: 'model-select', label: t('model'), on: { change: () => this.onModelChange() } });
    this.customModel = h('input', { class: 'custom-model', label: t('customModelPrompt'), attrs: { type: 'text', placeholder: t('customModelPrompt'), spellcheck: 'false' } });
    this.customModel.hidden = true;
    this.customModel.addEventListener('keydown', (e) => this.onCustomKey(e));
    this.thinkingSelect = h('select', { class: 'thinking-select', label: t('thinking'),
      on: { change: () => this.events.setThinking(this.thinkingSelect.value as ThinkingMode) } },
      h('option', { text: t('thinkingAuto'), attrs: { value: 'auto' } }),
      h('option', { text: t('thinkingOn'), attrs: { value: 'enabled' } }),
      h('option', { text: t('thinkingOff'), attrs: { value: 'disabled' } }));
    this.turnOptions = new TurnOptions(this.thinkingSelect, events);
    this.chipRow = h('div', { class: 'chip-row', attrs: { role: 'list', 'aria-label': t('attach') } });
    this.images = new ImageTray({ pick: () => events.pickImages(), sendToVision: () => this.send(true), focusInput: () => this.focus(), changed: () => this.updateEstimate() });
    this.input.addEventListener('paste', (e) => this.images.onPaste(e));
    this.estimate = h('span', { class: 'estimate' });
    this.preview = h('details', { class: 'send-preview' });
    this.attachMenu = h('div', { class: 'attach-menu', attrs: { role: 'menu' } });
    this.attachMenu.hidden = true;
    const attachItems: Array<[ContextKind, IconName, string]> = [
      ['selection', 'selection', t('attachSelection')], ['file', 'file', t('attachFile')],
      ['workspaceFile', 'search', t('attachWorkspaceFile')], ['problems', 'problems', t('attachProblems')]];
    for (const [kind, iconName, label] of attachItems) {
      const item = h('button', { class: 'menu-item', text: label, attrs: { type: 'button', role: 'menuitem' },
        on: { click: () => { this.closeMenu(); this.events.attach(kind); } } });
      item.prepend(icon(iconName));
      this.attachMenu.append(item);
    }
    this.attachMenu.addEventListener('keydown', (e) => this.onMenuKey(e));
    const attachButton = h('button', { class: 'icon-button attach', label: t('attach'),
      attrs: { type: 'button', 'aria-haspopup': 'menu' }, on: { click: () => this.toggleMenu() } });
    attachButton.append(icon('add'));
    const toolbar = h('div', { class: 'composer-toolbar' },
      h('span', { class: 'attach-wrap' }, attachButton, this.attachMenu), this.images.attachButton, this.modelSelect, this.customModel, this.thinkingSelect, this.turnOptions.webToggle,
      h('span', { class: 'send-group' }, this.estimate, this.sendButton));
    this.notice = h('div', { class: 'composer-notice' });
    this.notice.hidden = true;
    this.el = h('div', { class: 'composer' }, this.notice, this.images.notice, this.chipRow, this.images.row, this.preview, this.input, toolbar);
    this.el.addEventListener('dragover', (e) => this.images.onDragOver(e));
    this.el.addEventListener('drop', (e) => this.images.onDrop(e));
    this.setBusy(false);
    this.renderChips();
  }

  /** A control of another feature (the Ask/Agent switch) at the start of the toolbar. */
  addToolbarItem(el: HTMLElement): void {
    this.el.querySelector('.composer-toolbar')?.prepend(el);
  }

  setModels(models: ModelInfo[], selected: string): void {
    const options = models.map((m) => h('option', { text: m.label || m.id, attrs: { value: m.id } }));
    if (!models.some((m) => m.id === selected)) options.push(h('option', { text: selected, attrs: { value: selected } }));
    options.push(h('option', { text: t('customModel'), attrs: { value: CUSTOM } }));
    this.modelSelect.replaceChildren(...options);
    this.modelSelect.value = selected;
    this.turnOptions.fitModel(models.find((m) => m.id === selected));
    this.images.setModel(models.find((m) => m.id === selected));
  }

  setThinking(mode: ThinkingMode): void {
    this.thinkingSelect.value = mode;
  }

  setHistory(prompts: string[]): void {
    this.history = [...prompts];
    this.historyIndex = -1;
  }

  setChips(chips: ContextChip[]): void {
    this.chips = chips;
    this.renderChips();
  }

  /** While a request runs the send button is Stop. */
  setBusy(busy: boolean): void {
    // Called after every message, each streamed delta too: rebuilding the button then dirtied the page's
    // style and layout on every delta. It changes only with the state (or the UI language).
    const label = busy ? t('stop') : t('send');
    if (busy === this.busy && this.sendButton.getAttribute('aria-label') === label) return;
    this.busy = busy;
    this.sendButton.replaceChildren(icon(busy ? 'stop' : 'send'));
    this.sendButton.setAttribute('aria-label', label);
    this.sendButton.title = label;
    this.sendButton.classList.toggle('stop', busy);
  }

  setText(text: string): void {
    this.input.value = text;
    this.autoGrow();
    this.updateEstimate();
  }

  focus(): void {
    this.input.focus();
  }

  /** A refusal shown above the input (e.g. the prompt does not fit the model); cleared on the next send. */
  showNotice(content: HTMLElement | undefined): void {
    this.notice.replaceChildren(content ?? '');
    this.notice.hidden = !content;
  }

  private onSendClick(): void {
    if (this.busy) this.events.stop();
    else this.send();
  }

  /** `toVision`: the user chose the vision model for images the chosen model cannot take. */
  private send(toVision = false): void {
    const text = this.input.value;
    if ((!text.trim() && this.images.count === 0) || this.busy) return;
    if (this.images.needsVision() && !toVision) return this.images.focusVisionOffer();
    if (text.trim() && this.history.at(-1) !== text) this.history.push(text);
    this.historyIndex = -1;
    const images = this.images.take();
    this.setText('');
    this.showNotice(undefined);
    this.events.send(text, this.chips.map((c) => c.id), images);
  }

  private onKey(e: KeyboardEvent): void {
    if (this.turnOptions.onKey(e)) {
      e.preventDefault();
    } else if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      this.send();
    } else if (e.key === 'ArrowUp' && (this.input.value === '' || this.historyIndex >= 0) && this.history.length) {
      e.preventDefault();
      this.historyIndex = this.historyIndex < 0 ? this.history.length - 1 : Math.max(0, this.historyIndex - 1);
      this.setText(this.history[this.historyIndex]);
    } else if (e.key === 'ArrowDown' && this.historyIndex >= 0) {
      e.preventDefault();
      this.historyIndex += 1;
      if (this.historyIndex >= this.history.length) { this.historyIndex = -1; this.setText(''); }
      else this.setText(this.history[this.historyIndex]);
    } else if (e.key === 'Escape' && this.busy) {
      this.events.stop();
    }
  }

  private onInput(e: InputEvent): void {
    if (this.historyIndex >= 0 && e.inputType !== undefined) this.historyIndex = -1;
    const pos = this.input.selectionStart;
    if (e.data === '@' && pos > 0) {
      const before = this.input.value.slice(0, pos - 1);
      if (before === '' || /\s$/.test(before)) {
        this.input.value = before + this.input.value.slice(pos);
        this.input.setSelectionRange(pos - 1, pos - 1);
        this.events.attach('workspaceFile');
      }
    }
    this.autoGrow();
    this.updateEstimate();
  }

  private onModelChange(): void {
    if (this.modelSelect.value === CUSTOM) {
      this.customModel.hidden = false;
      this.customModel.value = '';
      this.customModel.focus();
      return;
    }
    this.events.selectModel(this.modelSelect.value);
  }

  private onCustomKey(e: KeyboardEvent): void {
    if (e.key === 'Enter') {
      e.preventDefault();
      const id = this.customModel.value.trim();
      if (/^[A-Za-z0-9][A-Za-z0-9_.:/@+-]{0,99}$/.test(id)) {
        this.customModel.hidden = true;
        this.events.selectModel(id);
        this.input.focus();
      }
    } else if (e.key === 'Escape') {
      this.customModel.hidden = true;
      this.modelSelect.focus();
    }
  }

  private toggleMenu(): void {
    this.attachMenu.hidden = !this.attachMenu.hidden;
    if (!this.attachMenu.hidden) (this.attachMenu.firstElementChild as HTMLElement | null)?.focus();
  }

  private closeMenu(): void {
    this.attachMenu.hidden = true;
  }

  private onMenuKey(e: KeyboardEvent): void {
    const items = [...this.attachMenu.querySelectorAll<HTMLElement>('.menu-item')];
    const i = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'Escape') { e.preventDefault(); this.closeMenu(); this.input.focus(); }
    if (e.key === 'ArrowDown') { e.preventDefault(); items[(i + 1) % items.length].focus(); }
    if (e.key === 'ArrowUp') { e.preventDefault(); items[(i - 1 + items.length) % items.length].focus(); }
  }

  private renderChips(): void {
    this.chipRow.replaceChildren(...this.chips.map((chip) => {
      const remove = h('button', { class: 'chip-remove', label: t('removeChip', chip.label), attrs: { type: 'button' },
        on: { click: () => this.events.removeChip(chip.id) } });
      remove.append(icon('close'));
      return h('span', { class: 'chip', title: chip.detail ?? chip.label, attrs: { role: 'listitem' } },
        h('span', { class: 'chip-label', text: chip.label }),
        h('span', { class: 'chip-size', text: t('estTokens', formatTokens(chip.estTokens)) }), remove);
    }));
    this.chipRow.hidden = this.chips.length === 0;
    const items = this.chips.map((chip) => h('div', { class: 'preview-item' },
      h('div', { class: 'preview-title', text: `${chip.label} · ${t('estTokens', formatTokens(chip.estTokens))}` }),
      h('pre', { class: 'preview-text', text: chip.preview })));
    this.preview.replaceChildren(h('summary', { text: t('willSend') }), ...items);
    this.preview.hidden = this.chips.length === 0;
    this.updateEstimate();
  }

  /** Rough size of the next prompt: typed text (~4 chars a token) plus the chips' estimates from the host. */
  private updateEstimate(): void {
    const tokens = Math.ceil(this.input.value.length / 4) + this.chips.reduce((n, c) => n + c.estTokens, 0) + this.images.count * IMAGE_TOKEN_ESTIMATE;
    this.estimate.textContent = tokens > 0 ? t('estTokens', formatTokens(tokens)) : '';
  }

  /**
   * Grows with the text up to 240 px; a scrollbar only appears beyond that (never for the placeholder). The box
   * is border-box, so its height is the content's scroll height plus the borders (without them it came out 2 px
   * short and showed a scrollbar).
   */
  private autoGrow(): void {
    this.input.style.height = 'auto';
    const height = this.input.scrollHeight + this.input.offsetHeight - this.input.clientHeight;
    this.input.style.height = `${Math.min(height, MAX_INPUT_PX)}px`;
    this.input.style.overflowY = height > MAX_INPUT_PX ? 'auto' : 'hidden';
  }
}
