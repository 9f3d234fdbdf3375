// Host messages of agent mode -> the agent panel of their turn (only when the panel shows that chat).
import type { AgentToWebview } from '../../shared/agentProtocol';
import type { AgentTurnPanel } from './agentTurnPanel';

export function applyAgentMessage(msg: AgentToWebview, chatId: string, panelOf: (turnId: string) => AgentTurnPanel | undefined): void {
  if (msg.chatId !== chatId) return;
  const panel = panelOf(msg.turnId);
  if (!panel) return;
  switch (msg.type) {
    case 'agent/part': return panel.setPart(msg.part);
    case 'agent/thinking': return panel.appendThinking(msg.partId, msg.text);
    case 'agent/meta': return panel.setMeta(msg.meta);
  }
}
