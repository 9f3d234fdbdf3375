// Per-turn options of the composer beside the text: the Thinking select (fitted to the chosen model and
// reachable from the prompt box with Alt+T) and the "Web" toggle (Zhipu's built-in web search, Alt+W).
// Kept apart from composer.ts so the composer only hosts these controls.
import type { ModelInfo, ThinkingMode } from '../shared/protocol';
import { h } from './dom';
import { icon } from './icons';
import { t } from './strings';

const MODES: ThinkingMode[] = ['auto', 'enabled', 'disabled'];

export interface TurnOptionsEvents {
  setThinking(mode: ThinkingMode): void;
}

export class TurnOptions {
  readonly webToggle: HTMLButtonElement;
  private web = false;

  constructor(private readonly thinkingSelect: HTMLSelectElement, private readonly events: TurnOptionsEvents) {
    thinkingSelect.setAttribute('aria-keyshortcuts', 'Alt+T');
    thinkingSelect.title = t('thinkingShortcut');
    this.webToggle = h('button', { class: 'web-toggle', label: t('webSearchTitle'),
      attrs: { type: 'button', 'aria-pressed': 'false', 'aria-keyshortcuts': 'Alt+W' }, on: { click: () => this.setWeb(!this.web) } });
    this.webToggle.title = t('webSearchTitle');
    this.webToggle.append(icon('globe'), h('span', { text: t('webSearch') }));
    this.setWebAvailable(false);
  }

  /** Alt+T cycles Thinking through the modes the model takes; Alt+W flips Web. True when the key was used. */
  onKey(e: KeyboardEvent): boolean {
    if (!e.altKey || e.ctrlKey || e.metaKey) return false;
    const key = e.key.toLowerCase();
    if (key === 't' || e.code === 'KeyT') {
      if (this.thinkingSelect.disabled) return true;
      const enabled = MODES.filter((m) => !this.option(m)?.disabled);
      const next = enabled[(enabled.indexOf(this.thinkingSelect.value as ThinkingMode) + 1) % enabled.length];
      this.thinkingSelect.value = next;
      this.events.setThinking(next);
      return true;
    }
    if ((key === 'w' || e.code === 'KeyW') && !this.webToggle.hidden) {
      this.setWeb(!this.web);
      return true;
    }
    return false;
  }

  /** A model that always thinks cannot be switched off; one without thinking has nothing to choose. */
  fitModel(model: ModelInfo | undefined): void {
    const kind = model?.thinking;
    const off = this.option('disabled');
    if (off) off.disabled = kind === 'always';
    this.thinkingSelect.disabled = kind === 'none';
    if (kind === 'always' && this.thinkingSelect.value === 'disabled') this.thinkingSelect.value = 'auto';
    this.thinkingSelect.title = kind === 'always' ? t('thinkingAlways', model?.id ?? '') : kind === 'none' ? t('thinkingNone', model?.id ?? '') : t('thinkingShortcut');
  }

  /** Web search exists only on Zhipu's endpoints. */
  setWebAvailable(available: boolean): void {
    this.webToggle.hidden = !available;
    if (!available) this.setWeb(false);
  }

  /** What the next `chat/send` carries besides text and chips. */
  options(): { webSearch?: true } {
    return this.web && !this.webToggle.hidden ? { webSearch: true } : {};
  }

  private setWeb(on: boolean): void {
    this.web = on;
    this.webToggle.setAttribute('aria-pressed', String(on));
    this.webToggle.classList.toggle('on', on);
  }

  private option(mode: ThinkingMode): HTMLOptionElement | undefined {
    return [...this.thinkingSelect.options].find((o) => o.value === mode);
  }
}
