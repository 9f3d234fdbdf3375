// A chat panel over a real history store in a temp folder and a real client against the mock server, with a
// localizer that marks what it translated and editor actions that record what they were asked to do.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ChatPanel, type ChatEditorActions } from '../../../src/chat/chatPanel';
import type { ChatServices } from '../../../src/chat/chatServices';
import { adviseError, type Localizer } from '../../../src/glm/errorAdvice';
import { requestDefaults, type GlmSettings } from '../../../src/glm/settings';
import type { ToWebview } from '../../../src/shared/protocol';
import { testClient } from '../glm/helpers';

/** Wraps every translated string in «», placeholders filled, so a test sees what went through l10n. */
export const markingL10n: Localizer = { t: (m, ...args) => `«${m.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)]))}»` };

export function testSettings(overrides: Partial<GlmSettings> = {}): GlmSettings {
  return {
    preset: 'local', baseUrl: '', model: 'glm-4.7', fallbackModels: [], systemPrompt: '', thinking: 'auto', preserveThinking: 'auto',
    requestTimeoutSeconds: 30, maxRetries: 0, maxConcurrentRequests: 0, mockScenario: '', visionModel: 'glm-4.6v', ...overrides,
  };
}

export interface PanelFixture {
  panel: ChatPanel;
  posted: ToWebview[];
  /** Editor actions asked for, as [name, argument]. */
  asked: Array<[keyof ChatEditorActions, unknown]>;
  settings: GlmSettings;
  state: Map<string, string>;
  dir: string;
  close(): Promise<void>;
}

export function openPanel(mockUrl: string, opts: { settings?: Partial<GlmSettings>; editor?: Partial<ChatEditorActions>; dir?: string; state?: Map<string, string> } = {}): PanelFixture {
  const dir = opts.dir ?? mkdtempSync(path.join(tmpdir(), 'glm-chat-panel-'));
  const settings = testSettings({ baseUrl: mockUrl, ...opts.settings });
  const state = opts.state ?? new Map<string, string>();
  const asked: PanelFixture['asked'] = [];
  const record = <K extends keyof ChatEditorActions>(name: K) => async (arg: unknown) => {
    asked.push([name, arg]);
  };
  const editor: ChatEditorActions = {
    attachContext: async (kind) => { asked.push(['attachContext', kind]); return undefined; },
    code: record('code'), openLink: record('openLink'), errorAction: record('errorAction'), welcome: record('welcome'),
    image: record('image'), agent: record('agent'),
    saveMarkdown: async (name, markdown) => { asked.push(['saveMarkdown', { name, markdown }]); },
    ...opts.editor,
  };
  const services: ChatServices = {
    client: testClient(mockUrl, { maxRetries: 0 }).client,
    l10n: markingL10n,
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    settings: () => settings,
    hasToken: async () => false,
    requestDefaults: () => requestDefaults(settings),
    describeError: (err) => adviseError(err, markingL10n),
    state: { get: (key) => state.get(key), update: async (key, value) => { state.set(key, value); } },
    storageDir: dir,
  };
  const posted: ToWebview[] = [];
  const panel = new ChatPanel(services, editor, (msg) => posted.push(msg));
  return {
    panel, posted, asked, settings, state, dir,
    close: async () => {
      await panel.session.dispose();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until every running answer of the panel has finished. */
export async function answersDone(panel: ChatPanel): Promise<void> {
  await Promise.all([...panel.session.runs.values()].map((r) => r.done));
}

export function ofType<T extends ToWebview['type']>(posted: ToWebview[], type: T): Array<Extract<ToWebview, { type: T }>> {
  return posted.filter((m): m is Extract<ToWebview, { type: T }> => m.type === type);
}
