// Tiny DOM helpers: elements are built with properties and listeners, never from HTML strings
// (the only HTML strings are sanitized markdown, inserted by markdownView.ts).

type Child = Node | string | null | undefined | false;

export interface Props {
  class?: string;
  text?: string;
  title?: string;
  label?: string;                    // aria-label (and title when none is given)
  attrs?: Record<string, string>;
  on?: Partial<{ [K in keyof HTMLElementEventMap]: (event: HTMLElementEventMap[K]) => void }>;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.class) el.className = props.class;
  if (props.text !== undefined) el.textContent = props.text;
  if (props.label) el.setAttribute('aria-label', props.label);
  if (props.title ?? props.label) el.title = (props.title ?? props.label)!;
  for (const [name, value] of Object.entries(props.attrs ?? {})) el.setAttribute(name, value);
  for (const [name, listener] of Object.entries(props.on ?? {})) el.addEventListener(name, listener as EventListener);
  for (const child of children) if (child) el.append(child);
  return el;
}

/** Parses sanitized HTML into a fragment (a `<template>` runs no scripts and loads nothing while parsing). */
export function fragmentFromHtml(html: string): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = html;
  return template.content;
}

/** Keeps a scroll container pinned to the bottom while content grows, unless the user scrolled up. */
export function isNearBottom(el: HTMLElement, slack = 48): boolean {
  return el.scrollHeight - el.scrollTop - el.clientHeight <= slack;
}

export function formatTokens(n: number): string {
  return n >= 10_000 ? `${(n / 1000).toFixed(n >= 100_000 ? 0 : 1)}k` : String(Math.round(n));
}
