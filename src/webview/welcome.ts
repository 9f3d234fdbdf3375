// The empty chat's welcome: the three setup steps as buttons (token, endpoint preset, test), the keyboard
// shortcuts and a link to the Getting Started walkthrough. It knows only whether a token is stored (a boolean
// from the host, never the token). Once the user has had an answer, an empty chat shows just the shortcuts.
import type { WelcomeActionId } from '../shared/protocol';
import { h } from './dom';
import { icon } from './icons';
import type { Part } from './part';
import { t } from './strings';

export interface WelcomeState {
  hasToken: boolean;
  /** Some chat already holds an answer: the setup steps are done with. */
  answered: boolean;
  /** The shown chat has turns: no welcome at all. */
  chatHasTurns: boolean;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export class Welcome implements Part<WelcomeState> {
  readonly domNode: HTMLElement;
  private state: WelcomeState = { hasToken: false, answered: false, chatHasTurns: false };

  constructor(private readonly onAction: (action: WelcomeActionId) => void) {
    this.domNode = h('section', { class: 'welcome', attrs: { 'aria-label': t('welcomeTitle') } });
    this.render();
  }

  hasSameContent(other: WelcomeState): boolean {
    const s = this.state;
    return s.hasToken === other.hasToken && s.answered === other.answered && s.chatHasTurns === other.chatHasTurns;
  }

  update(content: WelcomeState): void {
    this.state = { ...content };
    this.render();
  }

  /** The host tells the pieces at different times (token, chats, the shown chat): merge them in. */
  patch(next: Partial<WelcomeState>): void {
    const state = { ...this.state, ...next };
    if (!this.hasSameContent(state)) this.update(state);
  }

  dispose(): void {
    this.domNode.replaceChildren();
  }

  private render(): void {
    const { hasToken, answered, chatHasTurns } = this.state;
    this.domNode.hidden = chatHasTurns;
    if (chatHasTurns) return this.domNode.replaceChildren();
    if (answered) return this.domNode.replaceChildren(h('p', { class: 'welcome-lead', text: t('emptyChat') }), this.shortcuts());
    const tokenStep = hasToken
      ? h('li', { class: 'welcome-step done' }, h('span', { class: 'welcome-done' }, icon('check'), h('span', { text: t('welcomeTokenSet') })),
        this.button('setToken', t('setToken'), false))
      : h('li', { class: 'welcome-step' }, h('span', { text: t('welcomeStepToken') }), this.button('setToken', t('setToken'), true));
    this.domNode.replaceChildren(
      h('h2', { class: 'welcome-title', text: t('welcomeTitle') }),
      h('p', { class: 'welcome-lead', text: t('welcomeIntro') }),
      h('ol', { class: 'welcome-steps' },
        tokenStep,
        h('li', { class: 'welcome-step' }, h('span', { text: t('welcomeStepPreset') }), this.button('choosePreset', t('choosePreset'), false)),
        h('li', { class: 'welcome-step' }, h('span', { text: t('welcomeStepTest') }), this.button('testConnection', t('testConnection'), hasToken))),
      this.shortcuts(),
      h('button', { class: 'link-button welcome-walkthrough', text: t('openWalkthrough'), attrs: { type: 'button' },
        on: { click: () => this.onAction('openWalkthrough') } }));
  }

  private button(action: WelcomeActionId, label: string, primary: boolean): HTMLButtonElement {
    return h('button', { class: `text-button${primary ? ' primary' : ''}`, text: label, attrs: { type: 'button', 'data-welcome-action': action },
      on: { click: () => this.onAction(action) } });
  }

  private shortcuts(): HTMLElement {
    const mod = isMac ? '⌘' : 'Ctrl';
    const alt = isMac ? '⌥' : 'Alt';
    const rows: Array<[string[], string]> = [
      [['Enter'], t('send')], [['Shift', 'Enter'], t('shortcutNewLine')], [['@'], t('shortcutAttach')],
      [['↑'], t('shortcutRecall')], [[mod, alt, 'G'], t('shortcutFocus')], [[mod, alt, 'E'], t('shortcutExplain')],
    ];
    return h('div', { class: 'welcome-shortcuts' },
      h('h3', { text: t('welcomeShortcuts') }),
      h('dl', {}, ...rows.flatMap(([keys, what]) => [
        h('dt', {}, ...keys.flatMap((k, i) => [i > 0 ? '+' : null, h('kbd', { text: k })])),
        h('dd', { text: what }),
      ])));
  }
}
