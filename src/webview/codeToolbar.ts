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
  for (const pre of root.querySelectorAll('pre')) {
    const code = pre.querySelector(':scope > code');
    if (!code || pre.querySelector(':scope > .code-toolbar')) continue;
    const lang = languageOf(code);
    const bar = h('div', { class: 'code-toolbar', attrs: { role: 'toolbar', 'aria-label': lang || 'code' } },
      lang ? h('span', { class: 'code-lang', text: lang }) : null);
    for (const [action, iconName, label] of actions) {
      const button = h('button', { class: 'icon-button', label: t(label), attrs: { type: 'button', 'data-code-action': action } });
      button.append(icon(iconName));
      bar.append(button);
    }
    pre.prepend(bar);
  }
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
