// A feature's part of the one GLM status bar item, as plain data: pure modules build it, the host shows it.

export type StatusSeverity = 'info' | 'warning' | 'error';

export interface StatusPart {
  /** Short text with codicons, e.g. `$(sparkle)` or `glm-4.7 · queued`. */
  text: string;
  /** One line of markdown for the item's hover. */
  tooltip?: string;
  severity?: StatusSeverity;
}
