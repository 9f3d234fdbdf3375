// An inline error on the turn that failed, with the buttons that fix it. A 429 counts down before Retry.
import type { ErrorActionId, ErrorView } from '../shared/protocol';
import { h } from './dom';
import { icon } from './icons';
import { t } from './strings';

export function renderError(error: ErrorView, onAction: (action: ErrorActionId, model?: string) => void): HTMLElement {
  const box = h('div', { class: 'turn-error', attrs: { role: 'alert' } });
  const head = h('div', { class: 'turn-error-message' }, icon('warning'), h('span', { text: error.message }));
  box.append(head);
  if (error.topUp) box.append(h('p', { class: 'turn-error-detail', text: t('errorTopUp') }));
  if (error.resetAt) box.append(h('p', { class: 'turn-error-detail', text: t('errorResetAt', error.resetAt) }));
  const actions = h('div', { class: 'turn-error-actions' });
  for (const action of error.actions) {
    if (action === 'switchModel') {
      for (const model of error.switchTo ?? []) actions.append(button(t('switchModel', model), () => onAction('switchModel', model)));
    } else if (action === 'retry') {
      actions.append(retryButton(error.retryAfterMs, () => onAction('retry')));
    } else {
      const label = action === 'setToken' ? t('setToken') : t('openSettings');
      const b = button(label, () => onAction(action));
      if (action === 'setToken') b.prepend(icon('key'));
      actions.append(b);
    }
  }
  if (actions.childElementCount) box.append(actions);
  return box;
}

function button(label: string, onClick: () => void): HTMLButtonElement {
  return h('button', { class: 'text-button', text: label, attrs: { type: 'button' }, on: { click: onClick } });
}

/** Retry, disabled with a live countdown while the server asked us to wait. */
function retryButton(retryAfterMs: number | undefined, onClick: () => void): HTMLButtonElement {
  const b = button(t('retry'), onClick);
  if (!retryAfterMs || retryAfterMs <= 0) return b;
  const until = Date.now() + retryAfterMs;
  let attached = false;
  const tick = (): void => {
    attached ||= b.isConnected;
    const left = Math.ceil((until - Date.now()) / 1000);
    if (left <= 0 || (attached && !b.isConnected)) {
      b.disabled = false;
      b.textContent = t('retry');
      clearInterval(timer);
      return;
    }
    b.disabled = true;
    b.textContent = t('retryIn', left);
  };
  const timer = setInterval(tick, 250);
  tick();
  return b;
}
