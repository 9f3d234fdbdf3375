// What the core registers for the chat at activation (registerChat.ts), while the chat's code loads on
// first use (chatFeature.ts): ids only, so the core bundle holds none of the chat.
export const CHAT_VIEW_ID = 'glm.chatView';
/** FOR TESTS ONLY: registered outside production mode, hidden from the command palette (chatTestHook.ts). */
export const CHAT_TEST_COMMAND = 'glm.chat.debug';
/** Diffs of agent changes read a file's content before the turn from this scheme (agentReview.ts). */
export const BEFORE_SCHEME = 'glm-agent-before';
