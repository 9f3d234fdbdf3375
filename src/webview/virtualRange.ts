// The arithmetic of the virtualized turn list: which turns cover a pixel window, and how tall a turn
// not rendered yet is likely to be. Pure, so it is tested without a browser.
import type { TurnView } from '../shared/protocol';

export interface VisibleRange {
  /** First item rendered. */
  start: number;
  /** One past the last item rendered. */
  end: number;
  /** Pixels above `start` and below `end`, kept by spacers. */
  before: number;
  after: number;
}

/** The items that overlap [top, bottom], by their heights in order. */
export function visibleRange(heights: readonly number[], top: number, bottom: number): VisibleRange {
  let y = 0;
  let start = heights.length;
  let before = 0;
  for (let i = 0; i < heights.length; i++) {
    if (y + heights[i] > top) { start = i; before = y; break; }
    y += heights[i];
  }
  if (start === heights.length) before = y;
  let end = start;
  y = before;
  while (end < heights.length && y < bottom) y += heights[end++];
  let after = 0;
  for (let i = end; i < heights.length; i++) after += heights[i];
  return { start, end, before, after };
}

/** Offset of item `index` from the top. */
export function offsetOf(heights: readonly number[], index: number): number {
  let y = 0;
  for (let i = 0; i < index && i < heights.length; i++) y += heights[i];
  return y;
}

/** A first guess at a turn's height in pixels, until it is rendered and measured. */
export function estimateHeight(turn: TurnView, width: number): number {
  const perLine = Math.max(20, Math.floor(width / 7.5));
  const text = turn.text;
  let lines = 0;
  let from = 0;
  for (let nl = text.indexOf('\n'); nl >= 0 && lines < 100_000; nl = text.indexOf('\n', from)) {
    lines += 1 + Math.floor((nl - from) / perLine);
    from = nl + 1;
  }
  lines += 1 + Math.floor((text.length - from) / perLine);
  return 52 + lines * (turn.role === 'user' ? 18 : 20);
}
