// UI strings: the host sends the localized map in `init/state`; English stands in until then.
import { uiStringsEn, type UiStringKey, type UiStrings } from '../shared/protocol';

let strings: UiStrings = { ...uiStringsEn };

export function setStrings(next: Partial<UiStrings>): void {
  strings = { ...uiStringsEn, ...next };
}

/** The string for `key` with `{0}`, `{1}`… replaced by `args`. */
export function t(key: UiStringKey, ...args: Array<string | number>): string {
  return strings[key].replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : m));
}
