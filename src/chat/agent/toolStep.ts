// One tool call as the chat shows and stores it: the card's state from "preparing" to its result.
// Kept in the chat's log so a reloaded agent turn looks the same.

export type ToolStepStatus = 'preparing' | 'awaiting' | 'running' | 'done' | 'error' | 'refused' | 'denied';

export interface ToolStep {
  callId: string;
  tool: string;
  /** Path, pattern or command: the card's one-line summary. */
  title: string;
  /** Arguments as JSON (repaired when they were not), or the raw text while streaming. */
  args: string;
  status: ToolStepStatus;
  /** What went back to the model (bounded). */
  result?: string;
  change?: { path: string; created: boolean; added: number; removed: number };
  cwd?: string;
}
