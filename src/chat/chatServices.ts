// What the chat needs from the editor it runs in. The host passes VS Code's (src/host/chat/chatController.ts);
// unit tests pass a real client against the mock server, a temp folder and their own localizer and state.
import type { ErrorDescription, Localizer } from '../glm/errorAdvice';
import type { GlmClient } from '../glm/glmClient';
import type { GlmSettings, RequestDefaults } from '../glm/settings';
import type { AgentTurnDeps } from './agent/agentTurn';

export interface ChatServices {
  client: GlmClient;
  l10n: Localizer;
  log: { info(message: string): void; warn(message: string): void; error(message: string): void };
  /** The settings as they are now (they may change between two calls). */
  settings(): GlmSettings;
  /** A token is stored in the editor's secret storage. */
  hasToken(): Promise<boolean>;
  requestDefaults(): RequestDefaults;
  describeError(err: unknown): ErrorDescription;
  /** Small state kept across restarts (the editor's global state). */
  state: KeyValueState;
  /** Where the history lives (the extension's global storage). */
  storageDir: string;
  /** The agent mode's tools, approvals, checkpoints and card diffs; without it agent turns answer as plain chat. */
  agent?: Pick<AgentTurnDeps, 'service' | 'diffPreview'>;
}

export interface KeyValueState {
  get(key: string): string | undefined;
  update(key: string, value: string): PromiseLike<void>;
}
