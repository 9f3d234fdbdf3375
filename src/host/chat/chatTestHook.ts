import { activeBranch, type Turn } from '../../chat/conversation';
import { validateFromWebview, type ToWebview } from '../../shared/protocol';
import type { AgentTurnView } from '../../shared/agentProtocol';
import { Disposable } from '../lifecycle';
import type { ChatController } from './chatController';

export type ChatTestOp =
  | { op: 'state' }
  /** Feeds a message through the same validation and handler as one from the webview. */
  | { op: 'post'; message: unknown }
  /** Resolves when no answer is streaming. */
  | { op: 'waitIdle' }
  /** Closes the history store and reads it back from disk (what a window reload does). */
  | { op: 'reload' };

export interface ChatTestState {
  activeChatId: string;
  /** Live chats in the history, newest first. */
  chats: Array<{ id: string; title: string }>;
  turns: Array<Pick<Turn, 'id' | 'kind' | 'text' | 'parentId'> & { status?: string; thinking?: string; model?: string; error?: string; sources?: string[]; agent?: AgentTurnView;
    images?: number; vision?: boolean }>;
  /** Where the images of the active branch are stored (absolute paths). */
  imageFiles: string[];
  /** Every turn of the active chat, all branches. */
  turnCount: number;
  streaming: string[];
  /** The last messages posted to the webview, newest last (posted or not, the view may be closed). */
  posted: ToWebview[];
}

const KEEP_POSTED = 300;

/**
 * What the test command (CHAT_TEST_COMMAND, registered by registerChat.ts outside production) runs. The chat
 * controller is built lazily: attach() is called with it once it exists, from then on recording what it posts.
 */
export class ChatTestHook extends Disposable {
  private readonly posted: ToWebview[] = [];

  constructor(private readonly controller: () => ChatController) {
    super();
  }

  attach(built: ChatController): void {
    this.register(built.onDidPost((msg) => {
      this.posted.push(msg);
      if (this.posted.length > KEEP_POSTED) this.posted.shift();
    }));
  }

  async run(arg: ChatTestOp): Promise<unknown> {
    const controller = this.controller();
    const session = controller.session;
    switch (arg?.op) {
      case 'post': {
        const msg = validateFromWebview(arg.message);
        if (!msg) return false;
        await controller.handle(msg);
        return true;
      }
      case 'waitIdle':
        await Promise.all([...session.runs.values()].map((r) => r.done));
        return true;
      case 'reload':
        await Promise.all([...session.runs.values()].map((r) => r.done));
        await session.reopenStore();
        return true;
      case 'state':
      default:
        return testState(session, this.posted);
    }
  }
}

async function testState(session: ChatController['session'], posted: ToWebview[]): Promise<ChatTestState> {
  const chat = await session.activeChat();
  const store = await session.store();
  return {
    activeChatId: session.activeChatId,
    chats: store.list().map((s) => ({ id: s.id, title: s.title })),
    turns: activeBranch(chat).map((t) => ({
      id: t.id, kind: t.kind, text: t.text, parentId: t.parentId,
      ...(t.kind === 'answer' ? { status: t.status, thinking: t.thinking, model: t.model, error: t.error?.message, sources: t.sources?.map((x) => x.link), agent: t.agent, vision: t.vision } : {}),
      ...(t.kind === 'user' && t.images ? { images: t.images.length } : {}),
    })),
    imageFiles: activeBranch(chat).flatMap((t) => (t.kind === 'user' ? (t.images ?? []).map((ref) => store.images.path(chat.id, ref)) : [])),
    turnCount: chat.turns.size,
    streaming: [...session.runs.keys()],
    posted: [...posted],
  };
}
