// UI strings: the page carries the localized map as a JSON block (read before anything is built, so the
// first paint is translated); `init/state` brings it again on every show. English fills any gap.
import { UI_STRINGS_ELEMENT_ID, uiStringsEn, type UiStringKey, type UiStrings } from '../shared/protocol';

let strings: UiStrings = { ...uiStringsEn };

export function setStrings(next: Partial<UiStrings>): void {
  strings = { ...uiStringsEn, ...onlyStrings(next) };
}

/** Takes the strings embedded in the page; a missing or malformed block leaves English. */
export function loadPageStrings(doc: Document): void {
  const text = doc.getElementById(UI_STRINGS_ELEMENT_ID)?.textContent;
  if (!text) return;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) setStrings(parsed as Partial<UiStrings>);
  } catch {
    // Keep English: a broken block must not keep the panel from being built.
  }
}

/** The string for `key` with `{0}`, `{1}`… replaced by `args`. */
export function t(key: UiStringKey, ...args: Array<string | number>): string {
  return strings[key].replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : m));
}

/** Known keys with string values only: anything else in the map is ignored. */
function onlyStrings(map: Partial<UiStrings>): Partial<UiStrings> {
  const out: Partial<Record<UiStringKey, string>> = {};
  for (const key of Object.keys(uiStringsEn) as UiStringKey[]) {
    const value = (map as Record<string, unknown>)[key];
    if (typeof value === 'string') out[key] = value;
  }
  return out;
}
