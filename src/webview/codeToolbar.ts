// Adds a toolbar (copy, insert, apply, new file) to each code block, and reads the code back on click.
// Buttons carry `data-code-action`; model HTML can never carry data attributes (the sanitizer drops them).
import { h } from './dom';
import { icon, type IconName } from './icons';
import { t } from './strings';
import type { UiStringKey } from '../shared/protocol';

export type CodeAction = 'copy' | 'insert' | 'apply' | 'newFile';

const actions: Array<[CodeAction, IconName, UiStringKey]> = [
  ['copy', 'copy', 'copy'],
  ['insert', 'insert', 'insert'],
  ['apply', 'diff', 'apply'],
  ['newFile', 'newFile', 'newFile'],
];

export function decorateCodeBlocks(root: ParentNode): void {
  const buttons = actionButtons();
  for (const pre of root.querySelectorAll('pre')) {
    const code = pre.querySelector(':scope > code');
    if (!code || pre.querySelector(':scope > .code-toolbar')) continue;
    const lang = languageOf(code);
    const bar = h('div', { class: 'code-toolbar', attrs: { role: 'toolbar', 'aria-label': lang || 'code' } },
      lang ? h('span', { class: 'code-lang', text: lang }) : null);
    bar.append(buttons.cloneNode(true));
    pre.prepend(bar);
  }
}

let template: { key: string; buttons: DocumentFragment } | undefined;

/**
 * The toolbar's buttons, built once per language of the UI and cloned for each block: a long answer has
 * thousands of code blocks, and building four buttons with SVG icons element by element is most of
 * rendering them.
 */
function actionButtons(): DocumentFragment {
  const key = actions.map(([, , label]) => t(label)).join('\u0000');
  if (template?.key !== key) {
    const buttons = document.createDocumentFragment();
    for (const [action, iconName, label] of actions) {
      const button = h('button', { class: 'icon-button', label: t(label), attrs: { type: 'button', 'data-code-action': action } });
      button.append(icon(iconName));
      buttons.append(button);
    }
    template = { key, buttons };
  }
  return template.buttons;
}

/** How long a Copy button says "Copied" before it turns back into Copy. */
export const COPIED_MS = 1500;
const copiedTimers = new WeakMap<Element, ReturnType<typeof setTimeout>>();

/** Turns a Copy button into a visible "Copied" (check icon and text) for a moment; a second click restarts it. */
export function showCopied(button: HTMLElement): void {
  clearTimeout(copiedTimers.get(button));
  button.classList.add('copied');
  button.replaceChildren(icon('check'), h('span', { class: 'copied-text', text: t('copied') }));
  button.setAttribute('aria-label', t('copied'));
  button.title = t('copied');
  copiedTimers.set(button, setTimeout(() => {
    copiedTimers.delete(button);
    button.classList.remove('copied');
    button.replaceChildren(icon('copy'));
    button.setAttribute('aria-label', t('copy'));
    button.title = t('copy');
  }, COPIED_MS));
}

/** The code and language of the block a toolbar button belongs to. */
export function codeOf(button: Element): { code: string; lang: string } | undefined {
  const code = button.closest('pre')?.querySelector(':scope > code');
  if (!code) return undefined;
  return { code: (code.textContent ?? '').replace(/\n$/, ''), lang: languageOf(code) };
}

function languageOf(code: Element): string {
  const match = /(?:^|\s)language-([A-Za-z0-9_+#.-]+)/.exec(code.className);
  return match ? match[1] : '';
}
