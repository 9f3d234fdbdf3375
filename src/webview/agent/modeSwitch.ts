// Ask / Agent in the composer. Agent mode sends the workspace tools with the prompt; the choice holds
// until the user changes it (the panel keeps no state of its own across reloads, by design).
import type { ChatMode } from '../../shared/agentProtocol';
import { h } from '../dom';
import { t } from '../strings';

export class ModeSwitch {
  readonly el: HTMLSelectElement;

  constructor(initial: ChatMode, private readonly onChange: (mode: ChatMode) => void) {
    this.el = h('select', { class: 'mode-select', label: t('modeLabel'), on: { change: () => this.onChange(this.mode) } },
      h('option', { text: t('modeAsk'), attrs: { value: 'ask' } }),
      h('option', { text: t('modeAgent'), attrs: { value: 'agent' } }));
    this.el.value = initial;
  }

  get mode(): ChatMode {
    return this.el.value === 'agent' ? 'agent' : 'ask';
  }

  /** Strings arrive after construction (init/state): relabel. */
  relabel(): void {
    this.el.setAttribute('aria-label', t('modeLabel'));
    this.el.title = t('modeLabel');
    this.el.options[0].text = t('modeAsk');
    this.el.options[1].text = t('modeAgent');
  }
}
